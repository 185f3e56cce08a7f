/**
 * Server-side chart rendering for reports: ECharts (SVG SSR, no DOM, no canvas) → PNG via resvg.
 * PNG rather than SVG because Word/WPS embed PNG reliably and the HTML print view can reuse the
 * same bytes, so both formats show exactly the same picture.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
// The core and only what reports draw: importing all of ECharts costs about a second per process.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { RenderedChart } from './document';
import { stripInvalidXmlChars } from './safe-text';

/** A font file that can draw Chinese, and the family name ECharts' SVG must ask for. */
export interface CjkFont {
  file: string;
  family: string;
}

export interface ChartRenderOptions {
  /** Override the detected font (tests use a Latin-only font to prove the tofu check can fail). */
  font?: CjkFont;
  /** Device pixels per logical pixel; 2 keeps charts crisp when Word scales them to page width. */
  scale?: number;
}

/** Fallbacks when fontconfig's `fc-list` is unavailable (slim containers); Debian package paths. */
const KNOWN_FONTS: CjkFont[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
];

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export const MISSING_CJK_FONT_MESSAGE =
  'No CJK font found, so Chinese chart text would render as empty boxes. ' +
  'Install one: apt-get install -y --no-install-recommends fonts-wqy-microhei';

/** Lower is better: a proportional Simplified-Chinese sans reads best in charts. */
function rank(font: CjkFont): number {
  const f = font.family.toLowerCase();
  let r = 0;
  if (/mono/.test(f)) r += 10;
  if (/serif|ming|song/.test(f) && !/sans/.test(f)) r += 5;
  if (!/(^|\s)sc$|micro hei/.test(f)) r += 1;
  return r;
}

function fromFontconfig(): CjkFont[] {
  try {
    const out = execFileSync('fc-list', [':lang=zh', '--format', '%{file}\t%{family[0]}\t%{style[0]}\n'], {
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out
      .split('\n')
      .map((line) => line.split('\t'))
      // Regular weights only: resvg picks bold itself from the family when the SVG asks for it.
      .filter(([file, family, style]) => file && family && (!style || /regular|book|normal/i.test(style)))
      .map(([file, family]) => ({ file: file!, family: family! }));
  } catch {
    return [];
  }
}

let cached: CjkFont | null | undefined;

/**
 * The CJK font charts are drawn with, looked up once per process (fc-list takes ~20 ms and fonts
 * don't appear while we run). Returns null when there is none, so health checks can report it.
 */
export function findCjkFont(): CjkFont | null {
  if (cached !== undefined) return cached;
  const candidates = [...fromFontconfig(), ...KNOWN_FONTS].filter((f) => fs.existsSync(f.file));
  candidates.sort((a, b) => rank(a) - rank(b));
  cached = candidates[0] ?? null;
  return cached;
}

function requireCjkFont(): CjkFont {
  const font = findCjkFont();
  if (!font) throw new Error(MISSING_CJK_FONT_MESSAGE);
  return font;
}

/** The option as given, with what server rendering needs forced on: no animation, our font. */
function prepareOption(option: Record<string, unknown>, family: string): Record<string, unknown> {
  const textStyle = (option.textStyle ?? {}) as Record<string, unknown>;
  // ECharts writes fontFamily into a style="" attribute unescaped; keep quotes and markup out of it.
  const safeFamily = family.replace(/["'<>&;]/g, '');
  return { ...option, animation: false, textStyle: { ...textStyle, fontFamily: safeFamily } };
}

export function renderChartSvg(option: Record<string, unknown>, size: { width: number; height: number }, family: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(prepareOption(option, family));
    // ECharts escapes markup but passes control characters through, and resvg rejects the whole
    // SVG for one U+0001 in a crawled label.
    return stripInvalidXmlChars(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

export function renderChartPng(
  option: Record<string, unknown>,
  size: { width: number; height: number },
  opts: ChartRenderOptions = {},
): RenderedChart {
  const font = opts.font ?? requireCjkFont();
  const scale = opts.scale ?? 2;
  const svg = renderChartSvg(option, size, font.family);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(size.width * scale) },
    // White, not transparent: Word's dark mode and some viewers show transparent PNGs on black.
    background: '#ffffff',
    // Only the one font file: loading every system font costs far more per render than drawing.
    // Every generic family maps to it so ECharts' fallback names ("sans-serif") still get glyphs.
    font: {
      fontFiles: [font.file],
      loadSystemFonts: false,
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
      serifFamily: font.family,
      monospaceFamily: font.family,
    },
    logLevel: 'off',
  });
  const png = resvg.render().asPng();
  return { png, width: size.width, height: size.height };
}
