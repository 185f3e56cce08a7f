import type { RawItem } from './item';
import type { CrawlRunStats } from './source';

export interface IngestResult {
  new: number;
  duplicate: number;
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
}
