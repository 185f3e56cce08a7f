/**
 * HTML print view of a work summary: one self-contained page (styles inline, charts as data: URIs,
 * no script) so it can be saved, mailed or printed to PDF without the server. All text may come
 * from crawled pages, so every string is escaped and only http(s) links become anchors.
 */
import { chartFor, type ChartSource } from './chart-source';
import { numberedHeadings } from './chinese-numerals';
import type { ChartBlock, ParagraphBlock, ReportBlock, ReportDocument, ReportRun, TableBlock } from './document';
import { safeHttpUrl, stripInvalidXmlChars } from './safe-text';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes for both text content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

// Mirrors the DOCX layout (A4, GB/T 9704 margins, 仿宋 body, 黑体 headings) with web fallbacks.
const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { background: #f4f4f4; }
body { max-width: 156mm; margin: 2rem auto; padding: 2rem 3rem; background: #fff; color: #000;
  font: 16pt/28pt "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif; }
h1, h2, figcaption, caption, th { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; font-weight: normal; }
h1 { font-size: 22pt; line-height: 1.6; text-align: center; margin: 0 0 .5em; }
.subtitle { text-align: center; text-indent: 0; font-family: "KaiTi", "楷体", serif; margin: 0 0 1em; }
h2 { font-size: 16pt; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
a { color: #1f4e99; }
.prompt { background: #ededed; border: 1px dashed #999; color: #595959; font-style: italic; padding: 0 .3em; margin: .3em 0; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 12pt; line-height: 1.5; }
caption { padding: .3em; font-size: 12pt; }
th, td { border: 1px solid #000; padding: .2em .4em; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1em 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 12pt; line-height: 1.5; }
.footer { margin-top: 2em; text-indent: 0; text-align: right; font-size: 10.5pt; color: #7f7f7f; }
@media print {
  html { background: none; }
  body { max-width: none; margin: 0; padding: 0; }
  table, figure, .prompt { break-inside: avoid; page-break-inside: avoid; }
  h2, caption { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

function runs(list: ReportRun[]): string {
  return list
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.bold) html = `<strong>${html}</strong>`;
      const url = safeHttpUrl(run.link);
      // rel: the basis links point into our own app; noopener/noreferrer keep a crawled URL harmless anyway.
      return url ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${html}</a>` : html;
    })
    .join('');
}

function paragraph(block: ParagraphBlock): string {
  return `<p>${runs(block.runs)}</p>`;
}

function table(block: TableBlock): string {
  const cls = (i: number) => (block.align?.[i] === 'right' ? ' class="num"' : '');
  const head = block.columns.map((c, i) => `<th scope="col"${cls(i)}>${escapeHtml(c)}</th>`).join('');
  const body = block.rows
    .map((cells) => `<tr>${block.columns.map((_, i) => `<td${cls(i)}>${cells[i] ? runs([cells[i]]) : ''}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<caption>${escapeHtml(block.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function chart(block: ChartBlock, charts: ChartSource): string {
  const rendered = chartFor(charts, block);
  const src = `data:image/png;base64,${rendered.png.toString('base64')}`;
  const w = Math.round(rendered.width);
  const h = Math.round(rendered.height);
  return `<figure>\n<img src="${src}" alt="${escapeHtml(block.alt)}" width="${w}" height="${h}">\n<figcaption>${escapeHtml(block.title)}</figcaption>\n</figure>`;
}

function block(b: ReportBlock, charts: ChartSource): string {
  switch (b.type) {
    case 'paragraph':
      return paragraph(b);
    case 'prompt':
      return `<p class="prompt">${escapeHtml(b.text)}</p>`;
    case 'table':
      return table(b);
    case 'chart':
      return chart(b, charts);
  }
}

export function renderHtml(doc: ReportDocument, charts: ChartSource): string {
  const headings = numberedHeadings(doc.sections);
  const sections = doc.sections
    .map((s, i) => `<section>\n<h2>${escapeHtml(headings[i]!)}</h2>\n${s.blocks.map((b) => block(b, charts)).join('\n')}\n</section>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(doc.title)}</h1>
<p class="subtitle">${escapeHtml(doc.subtitle)}</p>
${sections}
<p class="footer">${escapeHtml(doc.footer)}</p>
</main>
</body>
</html>
`;
}
