import { beforeAll, describe, expect, it } from 'vitest';
import { renderChartPng } from '../../../server/reports/chart-png';
import type { RenderedChart } from '../../../server/reports/document';
import { escapeHtml, renderHtml } from '../../../server/reports/html-render';
import { PNG_SIGNATURE, sampleReport } from './sample-report';

describe('renderHtml', () => {
  let rendered: RenderedChart;
  let plain: string;
  let hostile: string;

  beforeAll(() => {
    const { doc, chart } = sampleReport();
    rendered = renderChartPng(chart.option, chart);
    plain = renderHtml(doc, new Map([[chart, rendered]]));
    hostile = renderHtml(sampleReport({ hostile: true }).doc, () => rendered);
  });

  it('is a complete zh-CN page that search engines skip', () => {
    expect(plain.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(plain).toContain('<html lang="zh-CN">');
    expect(plain).toContain('<meta charset="utf-8">');
    expect(plain).toContain('<meta name="robots" content="noindex">');
    expect(plain).toContain('<title>舆情监测工作总结</title>');
    expect(plain).toMatch(/@page\s*\{\s*size: A4/);
  });

  it('numbers sections, links figures and keeps numbers right-aligned', () => {
    expect(plain).toContain('<h2>一、总体情况</h2>');
    expect(plain).toContain('<h2>二、下一步工作</h2>');
    expect(plain).toContain('<a href="https://yq.example.gov.cn/ledger?week=2026-48" rel="noopener noreferrer"><strong>537条</strong></a>');
    expect(plain).toContain('<a href="https://yq.example.gov.cn/items?p=weibo&amp;w=48"');
    expect(plain).toContain('<td class="num">300</td>');
    expect(plain).toContain('<caption>各平台信息量统计</caption>');
    expect(plain).toContain('<p class="prompt">请在此填写下一步工作计划。</p>');
  });

  it('emits javascript: links as plain text', () => {
    expect(plain).not.toMatch(/javascript:/i);
    expect(plain).toContain('，其中负面信息12条。');
  });

  it('embeds charts as PNG data URIs with alt text and size', () => {
    const img = plain.match(/<img src="data:image\/png;base64,([^"]+)" alt="([^"]*)" width="(\d+)" height="(\d+)">/);
    expect(img).not.toBeNull();
    const png = Buffer.from(img![1]!, 'base64');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.equals(rendered.png)).toBe(true);
    expect(img!.slice(2)).toEqual(['各平台信息量柱状图', '720', '360']);
    expect(plain).toContain('<figcaption>各平台信息量</figcaption>');
  });

  it('escapes hostile text everywhere: title, headings, runs, cells, captions, alt, footer', () => {
    expect(hostile).not.toContain('<img src=x');
    expect(hostile).not.toMatch(/<script/i);
    expect(hostile).not.toContain('\u0001');
    const escaped = escapeHtml('<img src=x onerror=alert(1)><script>alert("x")</script>&amp;"\'');
    expect(escaped).toBe('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;&quot;&#39;');
    // title ×2 (<title>, <h1>), subtitle, heading, paragraph run, caption, cell, chart alt, figcaption, prompt, footer
    expect(hostile.split(escaped).length - 1).toBe(11);
    expect(hostile).toContain(`alt="各平台信息量柱状图${escaped}"`);
  });

  it('contains no script at all', () => {
    expect(plain).not.toMatch(/<script|\son\w+=/i);
  });
});
