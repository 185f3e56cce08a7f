import * as cheerio from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { HtmlListSource } from '../../server/contracts/source';
import { NonRetryableError } from '../errors';
import { canonicalUrl } from '../pipeline/canonical-url';
import { collapseInline, selectionText, type AnyNode } from '../pipeline/clean-text';
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
  const $ = cheerio.load(html);
  const base = baseUrl($, pageUrl);
  const matched = $(source.list.link);
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

/** Dates hide in attributes as often as in text: <time datetime>, <meta content>. */
function timeFrom($: CheerioAPI, selector: string | undefined, now: Date | undefined): ParsedDate | null {
  if (!selector) return null;
  const el = $(selector).first();
  if (el.length === 0) return null;
  for (const candidate of [el.attr('datetime'), el.attr('content'), el.attr('title'), el.text()]) {
    const parsed = parseDateWithPrecision(candidate, { now });
    if (parsed) return parsed;
  }
  return null;
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
  const $ = cheerio.load(html);
  const bodyEl = $(detail.body).first();
  if (bodyEl.length === 0) {
    throw new NonRetryableError(`layout changed: detail.body "${detail.body}" matched nothing`, { url });
  }
  const title =
    collapseInline($(detail.title).first().text()) ||
    collapseInline($('meta[property="og:title"]').attr('content') ?? '') ||
    collapseInline($('title').first().text());

  const author = detail.author ? cleanAuthor($(detail.author).first().text()) : null;
  const published =
    timeFrom($, detail.time, opts.now) ??
    parseDateWithPrecision($('meta[property="article:published_time"]').attr('content')) ??
    findLabelledDateWithPrecision(collapseInline($('body').text()), { now: opts.now });

  // Text is taken last: selectionText strips noise elements from the document as it goes.
  const body = selectionText(bodyEl);
  return { url, title, body, publishedAt: published?.iso ?? null, publishedPrecision: published?.precision ?? null, author };
}
