/**
 * DOCX rendering of a work summary, laid out like a Chinese government document (GB/T 9704 in
 * spirit): A4 with the standard margins, 黑体 title and headings, 仿宋 三号 body with a two-character
 * first-line indent, headings numbered 一、二、…. The writer finishes it in Word or WPS, so prompts
 * are visibly shaded and every figure stays a live link to what it was counted from.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { chartFor, type ChartSource } from './chart-source';
import { numberedHeadings } from './chinese-numerals';
import type { ChartBlock, ParagraphBlock, PromptBlock, ReportDocument, ReportRun, TableBlock } from './document';
import { safeHttpUrl, stripInvalidXmlChars } from './safe-text';

// Font names as Word/WPS on Chinese Windows know them; Latin text and digits in Times New Roman,
// as official documents do. eastAsia is what matters for Chinese glyphs.
const FONT_BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋', cs: 'FangSong' };
const FONT_HEADING = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: 'SimHei' };
const FONT_SUBTITLE = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体', cs: 'KaiTi' };

// Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt, 五号 10.5pt.
const SIZE_TITLE = 44;
const SIZE_BODY = 32;
const SIZE_TABLE = 24;
const SIZE_SMALL = 21;

/** Fixed 28pt lines for text (the usual 22 lines per page); never for images, which exact spacing clips. */
const TEXT_SPACING = { line: 560, lineRule: LineRuleType.EXACT };

/** Text area width: A4 210 mm − 28 mm left − 26 mm right = 156 mm, at 96 px per inch. */
const MAX_IMAGE_WIDTH_PX = Math.floor((156 / 25.4) * 96);

const clean = stripInvalidXmlChars;

function textRuns(runs: ReportRun[], base: IRunOptions = {}): ParagraphChild[] {
  return runs.map((run) => {
    const options: IRunOptions = { ...base, text: clean(run.text), bold: run.bold || base.bold };
    const url = safeHttpUrl(run.link);
    if (!url) return new TextRun(options);
    return new ExternalHyperlink({ link: url, children: [new TextRun({ ...options, style: 'Hyperlink' })] });
  });
}

function paragraph(block: ParagraphBlock): Paragraph {
  return new Paragraph({ children: textRuns(block.runs), indent: { firstLineChars: 200 }, spacing: TEXT_SPACING, alignment: AlignmentType.JUSTIFIED });
}

function prompt(block: PromptBlock): Paragraph {
  // Grey shading plus a dashed border: visible on screen and in print, and obviously not final text.
  const border = { style: BorderStyle.DASHED, size: 6, color: '999999', space: 4 };
  return new Paragraph({
    children: [new TextRun({ text: clean(block.text), italics: true, color: '595959' })],
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EDEDED' },
    border: { top: border, bottom: border, left: border, right: border },
    indent: { firstLineChars: 200 },
    spacing: TEXT_SPACING,
  });
}

function caption(text: string, keepNext: boolean): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: clean(text), font: FONT_HEADING, size: SIZE_TABLE })],
    alignment: AlignmentType.CENTER,
    keepNext,
    spacing: { before: 120, after: 120 },
  });
}

function table(block: TableBlock): (Paragraph | Table)[] {
  const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };
  const alignOf = (i: number) => (block.align?.[i] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT);
  const cell = (children: ParagraphChild[], i: number, header: boolean) =>
    new TableCell({
      children: [new Paragraph({ children, alignment: header ? AlignmentType.CENTER : alignOf(i) })],
      borders,
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } : undefined,
    });
  const small = { size: SIZE_TABLE };
  const header = new TableRow({
    tableHeader: true, // repeats on every page when the table breaks
    cantSplit: true,
    children: block.columns.map((c, i) => cell([new TextRun({ text: clean(c), bold: true, font: FONT_HEADING, size: SIZE_TABLE })], i, true)),
  });
  // A row is one run per column; a short row gets empty cells so the grid stays rectangular.
  const rows = block.rows.map((cells) => {
    const runsAt = (i: number) => (cells[i] ? [cells[i]] : []);
    return new TableRow({ cantSplit: true, children: block.columns.map((_, i) => cell(textRuns(runsAt(i), small), i, false)) });
  });
  return [caption(block.caption, true), new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } })];
}

function chart(block: ChartBlock, charts: ChartSource): Paragraph[] {
  const rendered = chartFor(charts, block);
  const scale = Math.min(1, MAX_IMAGE_WIDTH_PX / rendered.width);
  const image = new ImageRun({
    type: 'png',
    data: rendered.png,
    transformation: { width: Math.round(rendered.width * scale), height: Math.round(rendered.height * scale) },
    altText: { name: clean(block.title), title: clean(block.title), description: clean(block.alt) },
  });
  return [
    new Paragraph({ children: [image], alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120 } }),
    caption(block.title, false),
  ];
}

function pageFooter(): Footer {
  // "— 1 —", centred: the page-number form official documents use.
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: FONT_BODY })],
      }),
    ],
  });
}

export async function renderDocx(doc: ReportDocument, charts: ChartSource): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      children: [new TextRun({ text: clean(doc.title), font: FONT_HEADING, size: SIZE_TITLE })],
      alignment: AlignmentType.CENTER,
      spacing: { after: 240, line: 720, lineRule: LineRuleType.AT_LEAST },
    }),
    new Paragraph({
      children: [new TextRun({ text: clean(doc.subtitle), font: FONT_SUBTITLE })],
      alignment: AlignmentType.CENTER,
      spacing: { ...TEXT_SPACING, after: 280 },
    }),
  ];
  const headings = numberedHeadings(doc.sections);
  doc.sections.forEach((section, i) => {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1, // shows in Word's navigation pane
        children: [new TextRun({ text: clean(headings[i]!) })],
        indent: { firstLineChars: 200 },
        keepNext: true,
        spacing: TEXT_SPACING,
      }),
    );
    for (const block of section.blocks) {
      if (block.type === 'paragraph') body.push(paragraph(block));
      else if (block.type === 'prompt') body.push(prompt(block));
      else if (block.type === 'table') body.push(...table(block));
      else body.push(...chart(block, charts));
    }
  });
  body.push(
    new Paragraph({
      children: [new TextRun({ text: clean(doc.footer), size: SIZE_SMALL, color: '7F7F7F' })],
      alignment: AlignmentType.RIGHT,
      spacing: { before: 480 },
    }),
  );

  const document = new Document({
    title: clean(doc.title),
    styles: {
      default: {
        document: { run: { font: FONT_BODY, size: SIZE_BODY } },
        // Word's built-in Heading 1 is blue Calibri; the department's first-level heading is 三号黑体.
        heading1: { run: { font: FONT_HEADING, size: SIZE_BODY, bold: false, color: '000000' }, paragraph: { spacing: TEXT_SPACING } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
              footer: convertMillimetersToTwip(20),
            },
          },
        },
        footers: { default: pageFooter() },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
