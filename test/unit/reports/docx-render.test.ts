import { XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderChartPng } from '../../../server/reports/chart-png';
import type { ChartBlock, RenderedChart } from '../../../server/reports/document';
import { renderDocx } from '../../../server/reports/docx-render';
import { sampleReport } from './sample-report';

interface Unpacked {
  documentXml: string;
  rels: string;
  media: { name: string; png: Buffer }[];
  footers: string[];
}

async function unpack(buffer: Buffer): Promise<Unpacked> {
  const zip = await JSZip.loadAsync(buffer);
  const text = (name: string) => zip.file(name)!.async('string');
  const media = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^word\/media\/.+\.png$/.test(n))
      .map(async (name) => ({ name, png: await zip.file(name)!.async('nodebuffer') })),
  );
  const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map(text));
  return { documentXml: await text('word/document.xml'), rels: await text('word/_rels/document.xml.rels'), media, footers };
}

/** Visible text of document.xml, runs joined, so assertions don't depend on how docx splits runs. */
function visibleText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('renderDocx', () => {
  let plain: Unpacked;
  let hostile: Unpacked;
  let rendered: RenderedChart;

  beforeAll(async () => {
    const { doc, chart } = sampleReport();
    rendered = renderChartPng(chart.option, chart);
    plain = await unpack(await renderDocx(doc, new Map([[chart, rendered]])));
    const h = sampleReport({ hostile: true });
    hostile = await unpack(await renderDocx(h.doc, () => rendered));
  });

  it('writes the title, numbered headings, figures and the prompt', () => {
    const text = visibleText(plain.documentXml);
    expect(text).toContain('舆情监测工作总结');
    expect(text).toContain('2026年11月23日—11月29日 · 全区');
    expect(text).toContain('一、总体情况');
    expect(text).toContain('二、下一步工作');
    expect(text).toContain('本周共监测到涉区信息537条');
    expect(text).toContain('请在此填写下一步工作计划。');
    expect(text).toContain('本报告由舆情监测系统');
  });

  it('links a figure to its basis with an external hyperlink, and only http(s) targets', () => {
    const links = [...plain.documentXml.matchAll(/<w:hyperlink\b[^>]*\br:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/g)];
    const targets = new Map(
      [...plain.rels.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*\bTarget="([^"]+)"[^>]*\bTargetMode="External"/g)].map((m) => [m[1], m[2]]),
    );
    const byText = new Map(links.map((m) => [visibleText(m[2]!), targets.get(m[1]!)]));
    expect(byText.get('537条')).toBe('https://yq.example.gov.cn/ledger?week=2026-48');
    expect(byText.get('120')).toBe('https://yq.example.gov.cn/items?p=weibo&amp;w=48'); // XML-escaped in the rels file
    expect(byText.has('12条')).toBe(false); // javascript: stays plain text
    expect(plain.rels).not.toMatch(/javascript:/i);
  });

  it('writes the table with its caption, header and right-aligned numbers', () => {
    const tbl = plain.documentXml.match(/<w:tbl>[\s\S]*<\/w:tbl>/)?.[0] ?? '';
    const cells = visibleText(tbl);
    for (const c of ['平台', '信息量', '占比', '微博', '120', '22.3%', '抖音', '300', '55.9%']) expect(cells).toContain(c);
    expect(tbl).toContain('<w:tblHeader/>');
    expect(tbl).toMatch(/<w:jc w:val="(right|end)"\/>/);
    const before = plain.documentXml.slice(0, plain.documentXml.indexOf('<w:tbl>'));
    expect(visibleText(before).endsWith('各平台信息量统计')).toBe(true);
  });

  it('embeds the chart as a PNG at its rendered pixel size, with alt text and caption', () => {
    expect(plain.media).toHaveLength(1);
    const png = PNG.sync.read(plain.media[0]!.png);
    expect({ width: png.width, height: png.height }).toEqual({ width: 1440, height: 720 });
    expect(plain.media[0]!.png.equals(rendered.png)).toBe(true);
    expect(plain.documentXml).toContain('descr="各平台信息量柱状图"');
    // 720 logical px → fits the 156 mm text width: extent cx ≤ 156 mm in EMU (36000 per mm).
    const cx = Number(plain.documentXml.match(/<wp:extent cx="(\d+)"/)?.[1]);
    expect(cx).toBeGreaterThan(150 * 36000);
    expect(cx).toBeLessThanOrEqual(156 * 36000);
    expect(visibleText(plain.documentXml)).toContain('各平台信息量');
  });

  it('puts page numbers in the page footer', () => {
    expect(plain.footers.join('')).toMatch(/PAGE/);
  });

  it('keeps hostile text as escaped text and the XML well-formed', () => {
    expect(XMLValidator.validate(hostile.documentXml)).toBe(true);
    expect(XMLValidator.validate(hostile.rels)).toBe(true);
    expect(hostile.documentXml).not.toContain('<script>');
    expect(hostile.documentXml).not.toContain('<img');
    expect(hostile.documentXml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;');
    expect(hostile.documentXml).not.toContain('\u0001'); // invalid in XML 1.0: Word would refuse the file
    const text = visibleText(hostile.documentXml);
    expect(text).toContain('一、总体情况&lt;img src=x onerror=alert(1)&gt;');
  });

  it('fails loudly when a chart was not rendered', async () => {
    const { doc } = sampleReport();
    await expect(renderDocx(doc, new Map<ChartBlock, RenderedChart>())).rejects.toThrow(/was not rendered/);
  });
});
