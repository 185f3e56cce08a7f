import * as html5 from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { load as loadFast } from 'cheerio/slim';

/**
 * Pages are parsed with htmlparser2 (cheerio/slim), which is about four times cheaper than
 * cheerio's default parse5 on these pages (test/bench/README.md). The two agree on entities,
 * <br>, </p> and attribute decoding, but htmlparser2 builds only what the markup says, where parse5
 * repairs it as a browser would:
 *
 * - no implied <html>, <head>, <body> or <tbody>: a selector naming them (copied from devtools,
 *   say `table > tbody > tr`) would miss on pages that leave them out;
 * - an end tag that closes nothing open is dropped: `<h1>标题</h2>` leaves the heading open, so it
 *   swallows the rest of the page, where parse5 (and a browser) closes it.
 *
 * Such pages and selectors go to parse5, which keeps their old behaviour; everything else gets the
 * fast parser. Callers whose selector matches nothing retry with `strict` (see html-list.ts).
 */
export function loadHtml(html: string, opts: { selectors?: readonly (string | undefined)[]; strict?: boolean } = {}): CheerioAPI {
  if (opts.strict || opts.selectors?.some(namesImpliedElement) || hasMismatchedHeadings(html)) return html5.load(html);
  return loadFast(html) as unknown as CheerioAPI;
}

/** Type selectors for elements only parse5 adds when the markup leaves them out. */
const IMPLIED_ELEMENT = /(?:^|[\s>+~,(])(?:html|head|body|tbody)(?![\w-])/i;

export function namesImpliedElement(selector: string | undefined): boolean {
  return selector !== undefined && IMPLIED_ELEMENT.test(selector);
}

const HEADING_TAG = /<(\/?)h([1-6])(?=[\s>/])/gi;

/**
 * True when some heading level has more start than end tags or the reverse (`<h1>…</h2>`, seen on
 * real CMS templates): there the parsers disagree on a whole page's worth of text, as the title
 * swallows the body. Smaller disagreements (a stray `</span>` inside a `<div>`) are accepted. A
 * regex scan costs a small part of a parse.
 */
export function hasMismatchedHeadings(html: string): boolean {
  const balance = [0, 0, 0, 0, 0, 0];
  HEADING_TAG.lastIndex = 0;
  for (let m = HEADING_TAG.exec(html); m !== null; m = HEADING_TAG.exec(html)) {
    const level = Number(m[2]) - 1;
    balance[level] = (balance[level] ?? 0) + (m[1] ? -1 : 1);
  }
  return balance.some((b) => b !== 0);
}
