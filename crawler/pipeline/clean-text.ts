import type * as cheerio from 'cheerio';
import type { Cheerio } from 'cheerio';
import { load as loadFragment } from 'cheerio/slim';

/** domhandler's node type, reached through cheerio so we do not import a package we never installed. */
export type AnyNode = Exclude<Parameters<typeof cheerio.load>[0], string | Buffer | readonly unknown[]>;

/**
 * Never part of an article's words, even when a site puts them inside the body container, and
 * elements with a `hidden` attribute. Skipped by the walk rather than found with a selector and
 * removed: one pass over the body instead of two, and the document is left as it was.
 */
const NOISE = new Set(['script', 'style', 'noscript', 'nav', 'iframe', 'template', 'svg', 'object', 'embed', 'button', 'select', 'textarea', 'input']);

/** Elements that end a line: their text starts a new paragraph in the plain-text body. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'th', 'thead', 'tr', 'ul', 'center', 'caption',
]);

/** The few domhandler fields the walk reads; cheerio does not re-export domhandler's types. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

/** One line of text: every run of whitespace (incl. full-width spaces and NBSP) becomes one space. */
export function collapseInline(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Whitespace collapseParagraphs would change: anything but a space or newline, two spaces, a space
 * or newline at either end, a space next to a newline, or an empty line.
 */
const NOT_COLLAPSED = /[^\S \n]| {2}|^[ \n]|[ \n]$| \n|\n |\n\n/;

/** Lines collapsed one by one, empty lines dropped: paragraphs survive, layout whitespace does not. */
export function collapseParagraphs(text: string): string {
  // Text from selectionText comes back here in buildRawItem: one scan instead of a split and join.
  if (!NOT_COLLAPSED.test(text)) return text;
  return text
    .split('\n')
    .map(collapseInline)
    .filter((line) => line !== '')
    .join('\n');
}

/** Cuts at a character (code point) boundary so a surrogate pair is never split. */
export function bound(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/** Script and style elements are types of their own in domhandler, so the type check drops them. */
function isNoise(node: DomNode): boolean {
  return node.type === 'tag' && ((node.name !== undefined && NOISE.has(node.name)) || node.attribs?.hidden !== undefined);
}

function walk(node: DomNode, out: string[], blocks = true): void {
  if (node.type === 'text') {
    out.push((node.data ?? '').replace(/\n/g, ' '));
    return;
  }
  if (node.type !== 'tag' && node.type !== 'root') return;
  const block = blocks && node.name !== undefined && BLOCK.has(node.name);
  if (block) out.push('\n');
  for (const child of node.children ?? []) if (!isNoise(child)) walk(child, out, blocks);
  if (block) out.push('\n');
}

/**
 * The text of a selection as cheerio's .text() reads it (no line breaks added), but with noise
 * (script, style, svg, iframe…) left out: for one-line fields such as a title or an author, where
 * .text() would keep the source of a <script> inside an <h1>.
 */
export function inlineText(selection: Cheerio<AnyNode>): string {
  const out: string[] = [];
  for (const node of selection.toArray() as unknown as DomNode[]) walk(node, out, false);
  return out.join('');
}

/** The readable text of a selection: noise inside it left out, one paragraph per line. */
export function selectionText(selection: Cheerio<AnyNode>): string {
  const out: string[] = [];
  for (const node of selection.toArray() as unknown as DomNode[]) walk(node, out);
  return collapseParagraphs(out.join(''));
}

/**
 * An HTML fragment (an RSS description, say) → plain text. Never returns markup. Parsed with
 * htmlparser2 (see load-html.ts): a fragment has no <body> or <tbody> for parse5 to imply.
 */
export function htmlToText(html: string): string {
  const $ = loadFragment(html, null, false);
  return selectionText($.root() as unknown as Cheerio<AnyNode>);
}
