import type { DatePrecision } from '../pipeline/dates';
import type { ExtractedArticle } from './article';
import type { ExtractionRecord } from './score';

const LENGTH: Record<DatePrecision, number> = { year: 4, month: 7, day: 10, minute: 16, second: 19 };

/**
 * "2023-06-04T00:00:00+08:00" at day precision → "2023-06-04": the local wall-clock time cut at
 * what the page said, the form the truth files use. The ISO string is already in +08:00.
 */
export function localTimeAtPrecision(iso: string | null, precision: DatePrecision | null): string | null {
  if (!iso || !precision) return null;
  return iso.slice(0, LENGTH[precision]);
}

export function toRecord(article: ExtractedArticle): ExtractionRecord {
  return {
    title: article.title || null,
    publish_time: localTimeAtPrecision(article.publishedAt, article.publishedPrecision),
    author_or_source: article.author,
    body_text: article.body || null,
  };
}
