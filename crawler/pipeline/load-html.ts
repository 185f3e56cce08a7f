import type * as Html5 from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import { load as loadFast } from 'cheerio/slim';
import { parseDocument } from 'htmlparser2';
import { createRequire } from 'node:module';

/**
 * cheerio's full entry (parse5, and undici, whatwg-mimetype and encoding-sniffer for its fetch
 * helpers) adds ~18 MiB to a crawler's resident memory at start-up; most pages never need it, so
 * it is loaded (synchronously, its CommonJS build) the first time a page does.
 */
let html5: typeof Html5 | null = null;
function loadStrict(html: string): CheerioAPI {
  html5 ??= createRequire(import.meta.url)('cheerio') as typeof Html5;
  return html5.load(html);
}

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
  if (opts.strict || opts.selectors?.some(namesImpliedElement) || hasMismatchedHeadings(html)) return loadStrict(html);
  return wrapDocument(parseDocument(html));
}

/**
 * One cheerio instance for every page, made once. cheerio's load() declares a new class per call
 * (`class LoadedCheerio extends Cheerio`) and a closure over the document. Measured, not read in
 * V8's source: with load() per page the page's DOM survived young-generation GCs and was promoted
 * to old space (433 MB over 3,000 pages against 11 MB without; presumably V8's old-space
 * bookkeeping of each new prototype keeps it reachable until the next full GC; test/bench/README.md). Wrapping a document htmlparser2 parsed (the
 * same call, with the same default options, that cheerio/slim makes) in this one instance keeps
 * the DOM young, where it dies cheaply.
 */
const shared = loadFast('');

type Root = Parameters<typeof shared>[0];
type Wrapped = Cheerio<never> & { _root: Cheerio<never> };

/**
 * A CheerioAPI over an already-parsed document, as load() would give: `$(selector)` searches the
 * document, `$(node)` wraps a node, `$.root()` is the document. Only these uses are supported,
 * which is what the list and detail parsers need.
 */
function wrapDocument(doc: ReturnType<typeof parseDocument>): CheerioAPI {
  // What load() calls its root instance: its own _root, so methods reading _root see this document.
  const root = shared(doc as Root) as unknown as Wrapped;
  root._root = root;
  const $ = (selector: unknown, context?: unknown) => {
    if (typeof selector === 'string' && context === undefined && !selector.includes('<')) return root.find(selector);
    const made = shared(selector as Root, (context ?? root) as Root) as unknown as Wrapped;
    made._root = root;
    return made;
  };
  $.root = () => root;
  return $ as unknown as CheerioAPI;
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
