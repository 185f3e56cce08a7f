/**
 * A work-summary report as a small document tree, built once from the period's figures and
 * rendered twice: DOCX for the writer to finish in Word/WPS, HTML for the print view. Keeping the
 * content here and the formats in their renderers means both always say the same numbers.
 */

/** A run of text; a figure's run links to what it is counted from (ledger entries or items). */
export interface ReportRun {
  text: string;
  bold?: boolean;
  /** Absolute URL (PUBLIC_URL + path) of the entries or items behind this figure. */
  link?: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  runs: ReportRun[];
}

export interface TableBlock {
  type: 'table';
  caption: string;
  columns: string[];
  /** Cells as runs so a figure in a table links to its basis too. */
  rows: ReportRun[][];
  /** Per column; numbers are right-aligned. Default left. */
  align?: ('left' | 'right')[];
}

/** A chart drawn on the server: an ECharts option (plain JSON, no functions) rendered to PNG. */
export interface ChartBlock {
  type: 'chart';
  title: string;
  /** ECharts option; renderers set animation off and the CJK font family themselves. */
  option: Record<string, unknown>;
  width: number;
  height: number;
  /** Alternative text for the image (screen readers, Word's alt text). */
  alt: string;
}

/** Space left for the writer (the "next steps" section): rendered as a highlighted prompt. */
export interface PromptBlock {
  type: 'prompt';
  text: string;
}

export type ReportBlock = ParagraphBlock | TableBlock | ChartBlock | PromptBlock;

export interface ReportSection {
  /** Numbered by the renderer in the department's style: 一、二、三… */
  heading: string;
  /** false for an appendix (附：…), which the renderers leave unnumbered. Default true. */
  numbered?: boolean;
  blocks: ReportBlock[];
}

export interface ReportDocument {
  title: string;
  /** e.g. "2026年11月23日—11月29日 · 全区" */
  subtitle: string;
  sections: ReportSection[];
  /** Small print at the end: when and by what it was generated. */
  footer: string;
}

/** A chart already rendered, so DOCX and HTML embed the same bytes and charts render once per report. */
export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
}
