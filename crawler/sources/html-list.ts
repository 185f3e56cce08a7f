import type { Cheerio, CheerioAPI } from 'cheerio';
import type { HtmlListSource } from '../../server/contracts/source';
import { NonRetryableError } from '../errors';
import { canonicalUrl } from '../pipeline/canonical-url';
import { collapseInline, inlineText, selectionText, type AnyNode } from '../pipeline/clean-text';
import { loadHtml } from '../pipeline/load-html';
import { findLabelledDateWithPrecision, parseDateWithPrecision, type ParsedDate } from '../pipeline/dates';
import { extractArticle } from '../extract/article';
import type { ParsedItem } from '../pipeline/build-item';

export interface ListPage {
  /** Absolute canonical detail-page URLs, in page order, without repeats. */
  links: string[];
  next: string | null;
}

/** Links resolve against <base href> when a page declares one, as a browser would. */
function baseUrl($: CheerioAPI, pageUrl: string): string {
  const base = $('base[href]').first().attr('href');
  return (base && canonicalUrl(base, pageUrl)) || pageUrl;
}

/** The selector may point at the <a> itself or at a row that contains it. */
function hrefOf(node: Cheerio<AnyNode>): string | undefined {
  return node.attr('href') ?? node.find('a[href]').first().attr('href');
}

/**
 * A list page → its detail links and the next page. A link selector that matches nothing means
 * the site's layout changed (an empty but intact list still has its container), so it throws.
 */
export function parseListPage(html: string, pageUrl: string, source: Pick<HtmlListSource, 'list'>): ListPage {
  const selectors = [source.list.link, source.list.next];
  let $ = loadHtml(html, { selectors });
  let matched = $(source.list.link);
  // Before calling it a layout change, read the page as a browser would (see load-html.ts).
  if (matched.length === 0) {
    $ = loadHtml(html, { strict: true });
    matched = $(source.list.link);
  }
  const base = baseUrl($, pageUrl);
  if (matched.length === 0) {
    throw new NonRetryableError(`layout changed: list.link "${source.list.link}" matched nothing`, { url: pageUrl });
  }
  const links: string[] = [];
  const seen = new Set<string>();
  for (const el of matched.toArray()) {
    const href = hrefOf($(el));
    const url = href ? canonicalUrl(href, base) : null;
    if (url && !seen.has(url)) {
      seen.add(url);
      links.push(url);
    }
  }
  let next: string | null = null;
  if (source.list.next) {
    const href = hrefOf($(source.list.next).first());
    const url = href ? canonicalUrl(href, base) : null;
    const self = canonicalUrl(pageUrl);
    next = url && url !== self ? url : null;
  }
  return { links, next };
}

/**
 * The first element each selector matches (null when none or no selector). Selectors without
 * pseudo-classes are looked up together, in one walk of the document instead of one each; the
 * union comes in document order, so each one's first match is the first union element it fits.
 */
function firstMatches($: CheerioAPI, selectors: readonly (string | undefined)[]): (Cheerio<AnyNode> | null)[] {
  const found: (Cheerio<AnyNode> | null)[] = selectors.map(() => null);
  const wanted = selectors.flatMap((sel, i) => (sel ? [i] : []));
  // cheerio's positional pseudo-classes (:first, :eq…) mean something else inside a union.
  if (wanted.some((i) => selectors[i]?.includes(':'))) {
    for (const i of wanted) {
      const el = $(selectors[i] as string).first();
      found[i] = el.length ? el : null;
    }
    return found;
  }
  let left = wanted.length;
  for (const node of $(wanted.map((i) => selectors[i]).join(', ')).toArray()) {
    const el = $(node);
    for (const i of wanted) {
      if (found[i] === null && el.is(selectors[i] as string)) {
        found[i] = el;
        left -= 1;
      }
    }
    if (left === 0) break;
  }
  return found;
}

/** Dates hide in attributes as often as in text: <time datetime>, <meta content>. */
function timeFrom(el: Cheerio<AnyNode> | null, now: Date | undefined): ParsedDate | null {
  if (!el) return null;
  for (const candidate of [el.attr('datetime'), el.attr('content'), el.attr('title'), el.text()]) {
    const parsed = parseDateWithPrecision(candidate, { now });
    if (parsed) return parsed;
  }
  return null;
}

/** htmlparser2 adds no <body> to a page that leaves it out: the whole document stands in for it. */
function pageBody($: CheerioAPI): Cheerio<AnyNode> {
  const body = $('body');
  return body.length > 0 ? body.first() : ($.root() as unknown as Cheerio<AnyNode>);
}

/** "作者：张三" and "来源：区融媒体中心" keep only the name. */
function cleanAuthor(text: string): string | null {
  const clean = collapseInline(text).replace(/^(作者|记者|发布者|来源|楼主|编辑|供稿)\s*[:：]?\s*/, '');
  return clean || null;
}

/**
 * A detail page → the item's fields. Title falls back to og:title, then <title>; the date falls back
 * to article:published_time, then to a date written next to 发布时间/日期 in the page text.
 */
export function parseDetailPage(
  html: string,
  url: string,
  source: Pick<HtmlListSource, 'detail'>,
  opts: { now?: Date } = {},
): ParsedItem {
  const { detail } = source;
  // No selectors configured: a page of unknown layout, read by the generic extractor.
  if (!detail) {
    const article = extractArticle(html, url, { now: opts.now });
    if (!article.body.trim()) throw new NonRetryableError('no article text found on the page', { url });
    return { url, ...article };
  }
  const selectors = [detail.body, detail.title, detail.time, detail.author];
  let $ = loadHtml(html, { selectors });
  let found = firstMatches($, selectors);
  if (!found[0]) {
    $ = loadHtml(html, { strict: true });
    found = firstMatches($, selectors);
  }
  const [bodyEl, titleEl, timeEl, authorEl] = found;
  if (!bodyEl) {
    throw new NonRetryableError(`layout changed: detail.body "${detail.body}" matched nothing`, { url });
  }
  const title =
    // Not .text(): that keeps the source of a <script> or <style> inside the heading.
    collapseInline(titleEl ? inlineText(titleEl) : '') ||
    collapseInline($('meta[property="og:title"]').attr('content') ?? '') ||
    collapseInline($('title').first().text());

  const author = authorEl ? cleanAuthor(inlineText(authorEl)) : null;
  const published =
    timeFrom(timeEl ?? null, opts.now) ??
    parseDateWithPrecision($('meta[property="article:published_time"]').attr('content')) ??
    findLabelledDateWithPrecision(collapseInline(pageBody($).text()), { now: opts.now });

  const body = selectionText(bodyEl);
  return { url, title, body, publishedAt: published?.iso ?? null, publishedPrecision: published?.precision ?? null, author };
}
