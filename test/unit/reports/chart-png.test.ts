import fs from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { findCjkFont, renderChartPng, renderChartSvg, type CjkFont } from '../../../server/reports/chart-png';
import { barChart, HOSTILE, PNG_SIGNATURE, pngSize } from './sample-report';

const SIZE = { width: 720, height: 360 };

/**
 * Ink in the title band of two renderings that differ only in their title. Real glyphs of
 * different characters differ; tofu boxes (or nothing at all) are identical for equal lengths.
 */
function titleInk(a: Buffer, b: Buffer): { inkA: number; inkB: number; differing: number } {
  const [pa, pb] = [PNG.sync.read(a), PNG.sync.read(b)];
  const lum = (p: PNG, i: number) => 0.299 * p.data[i]! + 0.587 * p.data[i + 1]! + 0.114 * p.data[i + 2]!;
  let inkA = 0;
  let inkB = 0;
  let differing = 0;
  const band = 40 * 2; // the title sits in the top 40 logical px; the grid (and axis name) start lower
  for (let y = 0; y < band; y++) {
    for (let x = 0; x < pa.width; x++) {
      const i = (y * pa.width + x) * 4;
      const [la, lb] = [lum(pa, i), lum(pb, i)];
      if (la < 128) inkA++;
      if (lb < 128) inkB++;
      if (Math.abs(la - lb) > 64) differing++;
    }
  }
  return { inkA, inkB, differing };
}

function renderTitles(font?: CjkFont): ReturnType<typeof titleInk> {
  const [a, b] = ['舆情监测', '辟谣信息'].map((t) => renderChartPng(barChart(t).option, SIZE, font ? { font } : {}).png);
  return titleInk(a!, b!);
}

/** What renderTitles must show for Chinese to count as drawn. */
function looksLikeGlyphs(r: ReturnType<typeof titleInk>): boolean {
  return r.inkA > 200 && r.inkB > 200 && r.differing > 0.3 * Math.min(r.inkA, r.inkB);
}

describe('renderChartPng', () => {
  it('finds a CJK font on this machine (install fonts-wqy-microhei if not)', () => {
    const font = findCjkFont();
    expect(font).not.toBeNull();
    expect(fs.existsSync(font!.file)).toBe(true);
    expect(findCjkFont()).toBe(font); // cached: fc-list runs once per process
  });

  it('renders a PNG at twice the logical size and reports the logical size', () => {
    const chart = renderChartPng(barChart('各平台信息量').option, SIZE);
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(chart.png)).toEqual({ width: 1440, height: 720 });
    expect({ width: chart.width, height: chart.height }).toEqual(SIZE);
  });

  it('draws Chinese titles as glyphs, not tofu boxes', () => {
    const r = renderTitles();
    expect(looksLikeGlyphs(r), JSON.stringify(r)).toBe(true);
  });

  // Proves the check above can fail: with a Latin-only font the same check must say "no glyphs".
  const dejavu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  it.skipIf(!fs.existsSync(dejavu))('the tofu check rejects a rendering with a Latin-only font', () => {
    const r = renderTitles({ file: dejavu, family: 'DejaVu Sans' });
    expect(looksLikeGlyphs(r), JSON.stringify(r)).toBe(false);
  });

  it('forces its font family and animation off whatever the option says', () => {
    const option = { ...barChart('测试').option, animation: true, textStyle: { fontFamily: 'Comic Sans MS' } };
    const svg = renderChartSvg(option, SIZE, 'WenQuanYi Micro Hei');
    expect(svg).toContain('font-family:WenQuanYi Micro Hei;');
    expect(svg).not.toContain('Comic');
    // With animation on, the SVG carries CSS keyframes that resvg ignores: bars would be drawn at their start state.
    expect(svg).not.toMatch(/@keyframes|animation:/);
  });

  it('renders labels from crawled text with markup and control characters', () => {
    const option = barChart(HOSTILE).option;
    const svg = renderChartSvg(option, SIZE, 'WenQuanYi Micro Hei');
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('\u0001');
    expect(renderChartPng(option, SIZE).png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('keeps a hostile font family name from breaking out of the style attribute', () => {
    const svg = renderChartSvg(barChart('测试').option, SIZE, 'X" onload="alert(1)');
    expect(svg).not.toContain('onload="');
  });
});
