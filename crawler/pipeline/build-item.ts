import { MAX_BODY_CHARS, MAX_TITLE_CHARS, RawItem, type TimePrecision } from '../../server/contracts/item';
import { NonRetryableError } from '../errors';
import { bound, collapseInline, collapseParagraphs } from './clean-text';
import { contentHash } from './content-hash';

export interface ParsedItem {
  url: string;
  title: string;
  body: string;
  publishedAt: string | null;
  /** How precise publishedAt is as found (a day, a minute…); unknown when absent. */
  publishedPrecision?: TimePrecision | null;
  author: string | null;
}

/** Forum posts often have no separate title; the opening words are what a reader would see. */
const DERIVED_TITLE_CHARS = 60;

/**
 * Parsed fields → the RawItem ingest expects: text bounded to the contract's limits, hash
 * computed on the bounded text (so the server can recompute it), validated here so one bad item
 * fails alone instead of failing its whole batch at the server.
 */
export function buildRawItem(sourceId: string, parsed: ParsedItem, fetchedAt: Date): RawItem {
  const body = bound(collapseParagraphs(parsed.body), MAX_BODY_CHARS);
  let title = bound(collapseInline(parsed.title), MAX_TITLE_CHARS);
  if (!title) title = bound(collapseInline(body.split('\n')[0] ?? ''), DERIVED_TITLE_CHARS);
  const author = parsed.author ? bound(collapseInline(parsed.author), 200) || null : null;
  const candidate = {
    sourceId,
    url: parsed.url,
    title,
    body,
    publishedAt: parsed.publishedAt,
    publishedPrecision: parsed.publishedAt ? (parsed.publishedPrecision ?? null) : null,
    author,
    contentHash: contentHash(title, body),
    fetchedAt: fetchedAt.toISOString(),
  };
  const checked = RawItem.safeParse(candidate);
  if (!checked.success) {
    const why = checked.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ');
    throw new NonRetryableError(`item rejected before ingest (${why})`, { url: parsed.url });
  }
  if (!title && !body) throw new NonRetryableError('page has neither title nor text', { url: parsed.url });
  return checked.data;
}
