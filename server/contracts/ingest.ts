import type { RawItem } from './item';
import type { CrawlRunStats } from './source';

export interface IngestResult {
  new: number;
  duplicate: number;
}

/**
 * The crawl frontier kept by the system of record: detail links discovered but not yet stored. A
 * crawl killed midway (even kill -9) resumes from it without losing discovered links, and pages
 * already stored are never fetched again (they are known URLs).
 */
export interface CrawlFrontier {
  /** Links of this source discovered by an earlier, interrupted run and still waiting. */
  pending(sourceId: string): Promise<string[]>;
  add(sourceId: string, urls: string[]): Promise<void>;
  /** Handled: stored, found duplicate, or failed for good. */
  done(sourceId: string, urls: string[]): Promise<void>;
}

/**
 * Where a crawler delivers its work. In the default single process the server implements it
 * directly; a crawler run alone implements it over the authenticated HTTP ingest routes.
 */
export interface CrawlSink {
  /** Of these canonical URLs, the ones not yet stored (so known detail pages are not refetched). */
  filterUnknownUrls(sourceId: string, urls: string[]): Promise<string[]>;
  ingest(items: RawItem[]): Promise<IngestResult>;
  startRun(sourceId: string): Promise<number>;
  finishRun(runId: number, stats: CrawlRunStats): Promise<void>;
  /** Present when the sink keeps the frontier durable (the server does, in-process and over HTTP). */
  frontier?: CrawlFrontier;
}
