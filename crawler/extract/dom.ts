import { load } from 'cheerio/slim';

/**
 * The few domhandler fields the extractor reads. cheerio does not re-export domhandler's classes,
 * and a structural type keeps this module free of a package we never declared.
 */
export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

/**
 * Crawled pages are hostile: a multi-megabyte page is either a mistake or an attack, and articles
 * sit in the first megabytes anyway. Cutting the string bounds the parser's time and memory.
 */
export const MAX_HTML_CHARS = 3_000_000;

/**
 * htmlparser2 (cheerio/slim) rather than parse5: several times faster on the table-soup of older
 * Chinese sites, and it never throws on broken markup.
 */
export function parseHtml(html: string): DomNode {
  const $ = load(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html);
  return $.root()[0] as unknown as DomNode;
}

export function attr(node: DomNode, name: string): string | undefined {
  return node.attribs?.[name];
}

/**
 * Elements whose content is never visible text. Not <head> itself: pages that forget </head> would
 * lose their whole body, since htmlparser2 nests as written.
 */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'frame', 'object', 'embed', 'canvas',
  'video', 'audio', 'select', 'option', 'textarea', 'input', 'button', 'map', 'dialog', 'title', 'meta',
  'link', 'img', 'picture', 'source',
]);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/**
 * Hidden elements carry SEO stuffing, templates and duplicated menus; browsers show none of it,
 * so neither do we. With `revealStyled`, elements hidden only by an inline style count as shown:
 * some publishers (WeChat articles, for one) hide the whole article that way until a script has
 * run, and article.ts retries with it when the visible page holds no article.
 */
export function isSkipped(node: DomNode, revealStyled = false): boolean {
  if (node.type === 'script' || node.type === 'style') return true;
  if (node.type !== 'tag') return false;
  if (SKIPPED.has(node.name ?? '')) return true;
  const a = node.attribs;
  if (!a) return false;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
  return !revealStyled && a.style !== undefined && HIDDEN_STYLE.test(a.style);
}

/** Elements that start and end a run of text: each one becomes its own block. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  'ul', 'caption', 'menu', 'root',
]);

/** Control and zero-width characters never belong in stored text (and can hide spoofing). */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

export function cleanChars(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** One line: every run of whitespace (NBSP and the full-width space too) becomes one space. */
export function collapse(text: string): string {
  return cleanChars(text).replace(/\s+/g, ' ').trim();
}
