import { renderChartPng } from './chart-png';
import type { ChartBlock, RenderedChart, ReportDocument } from './document';
import { renderDocx } from './docx-render';
import { renderHtml } from './html-render';

/** The charts of a document, in reading order. */
export function chartsOf(doc: ReportDocument): ChartBlock[] {
  return doc.sections.flatMap((s) => s.blocks.filter((b): b is ChartBlock => b.type === 'chart'));
}

/**
 * Draws every chart once and writes both formats from the same images. `onChart` is called after
 * each chart so a long report can show its progress.
 */
export async function renderReport(doc: ReportDocument, onChart: () => void = () => {}): Promise<{ docx: Buffer; html: string }> {
  const charts = new Map<ChartBlock, RenderedChart>();
  for (const chart of chartsOf(doc)) {
    charts.set(chart, renderChartPng(chart.option, { width: chart.width, height: chart.height }));
    onChart();
    // Let requests in between charts: each one is tens of milliseconds of synchronous drawing.
    await new Promise((r) => setImmediate(r));
  }
  return { docx: await renderDocx(doc, charts), html: renderHtml(doc, charts) };
}
