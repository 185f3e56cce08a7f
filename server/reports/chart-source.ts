import type { ChartBlock, RenderedChart } from './document';

/**
 * How a renderer gets a chart's PNG: charts are rendered once per report (they are the slow part)
 * and the same bytes go into DOCX and HTML, so renderers look them up rather than draw them.
 */
export type ChartSource = Map<ChartBlock, RenderedChart> | ((block: ChartBlock) => RenderedChart);

export function chartFor(source: ChartSource, block: ChartBlock): RenderedChart {
  const chart = typeof source === 'function' ? source(block) : source.get(block);
  // A missing chart is a programming error in the caller; a silent gap would ship a report with a hole.
  if (!chart) throw new Error(`chart "${block.title}" was not rendered before the document`);
  return chart;
}
