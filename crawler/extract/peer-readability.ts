import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parseDateWithPrecision } from '../pipeline/dates';
import { localTimeAtPrecision } from './record';
import type { ExtractionRecord } from './score';

/**
 * @mozilla/readability on a linkedom document, mapped onto the scorer's fields: the peer that
 * eval-extract compares against. Evaluation only (both are devDependencies); never used to crawl.
 * Readability + linkedom throws on some pages; a throw counts as an empty answer, not a crash.
 */
export function readabilityRecord(html: string): ExtractionRecord {
  try {
    const { document } = parseHTML(html);
    const parsed = new Readability(document as never).parse();
    if (!parsed) return { title: null, publish_time: null, author_or_source: null, body_text: null };
    const date = parseDateWithPrecision(parsed.publishedTime ?? null);
    return {
      title: parsed.title ?? null,
      publish_time: localTimeAtPrecision(date?.iso ?? null, date?.precision ?? null),
      author_or_source: parsed.byline ?? null,
      body_text: parsed.textContent ?? null,
    };
  } catch {
    return { title: null, publish_time: null, author_or_source: null, body_text: null };
  }
}
