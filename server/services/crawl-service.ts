import type { CrawlSink } from '../contracts/ingest';
import type { CrawlRun, CrawlRunStats, CrawlRunStatus, SourceConfig } from '../contracts/source';
import type { RawItem } from '../contracts/item';
import type { SourcesRepo } from '../repositories/sources-repo';
import type { FrontierRepo } from '../repositories/frontier-repo';
import { ConflictError, NotFoundError } from '../errors';
import type { EventBus } from './event-bus';
import type { IngestService } from './ingest-service';

export type RunCrawl = (source: SourceConfig, sink: CrawlSink) => Promise<unknown>;

export function runStatus(stats: CrawlRunStats): CrawlRunStatus {
  if (stats.failed > 0 && stats.fetched === 0) return 'failed';
  if (stats.failed > 0) return 'partial';
  return 'ok';
}

/**
 * The crawler's sink inside the server process (the remote crawler uses the HTTP ingest routes,
 * which call the same services), plus "crawl now" with one run per source at a time.
 */
export function createCrawlService(deps: {
  sources: SourcesRepo;
  ingest: IngestService;
  events?: EventBus;
  runCrawl: RunCrawl;
  configured: () => SourceConfig[];
  frontier?: FrontierRepo;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const running = new Map<string, Promise<unknown>>();

  const sink: CrawlSink = {
    async filterUnknownUrls(_sourceId, urls) {
      return deps.ingest.filterUnknownUrls(urls);
    },
    async ingest(items: RawItem[]) {
      return deps.ingest.ingest(items);
    },
    async startRun(sourceId) {
      if (!deps.sources.getSourceKind(sourceId)) throw new NotFoundError('source', sourceId);
      // A source is crawled by one crawler at a time (the schedules skip a source still running), so a
      // new run while this process is not crawling the source means a remote crawler died mid-run:
      // its run is closed as interrupted now, not only when this server next restarts.
      if (!running.has(sourceId)) deps.sources.closeAbandonedRuns(now().toISOString(), sourceId);
      const run = deps.sources.startRun(sourceId, now().toISOString());
      deps.events?.emit('crawl-run', run);
      return run.id;
    },
    async finishRun(runId, stats) {
      const run = deps.sources.finishRun(runId, stats, runStatus(stats), now().toISOString());
      if (run) deps.events?.emit('crawl-run', run);
    },
    frontier: deps.frontier
      ? {
          pending: async (sourceId) => deps.frontier!.pending(sourceId),
          add: async (sourceId, urls) => deps.frontier!.add(sourceId, urls, now().toISOString()),
          done: async (sourceId, urls) => deps.frontier!.done(sourceId, urls),
        }
      : undefined,
  };

  /** Starts a crawl of one source; resolves with its run once the run is recorded. */
  function crawlNow(sourceId: string): Promise<{ runId: number; done: Promise<unknown> }> {
    const source = deps.configured().find((s) => s.id === sourceId);
    if (!source) throw new NotFoundError('source', sourceId);
    if (running.has(sourceId)) throw new ConflictError(`source ${sourceId} is being crawled already`, 'source_running', { id: sourceId });
    return new Promise((resolve, reject) => {
      let started = false;
      const tracking: CrawlSink = {
        ...sink,
        async startRun(id) {
          const runId = await sink.startRun(id);
          started = true;
          resolve({ runId, done });
          return runId;
        },
      };
      const done = deps
        .runCrawl(source, tracking)
        .catch((err: unknown) => {
          if (!started) reject(err);
          return undefined;
        })
        .finally(() => running.delete(sourceId));
      running.set(sourceId, done);
    });
  }

  return {
    sink,
    crawlNow,
    isRunning: (sourceId: string) => running.has(sourceId),
    /** The scheduler's entry: skips a source whose previous run is still going. */
    async crawlScheduled(source: SourceConfig): Promise<void> {
      if (running.has(source.id) || deps.sources.isPaused(source.id)) return;
      const done = deps.runCrawl(source, sink).catch(() => undefined).finally(() => running.delete(source.id));
      running.set(source.id, done);
      await done;
    },
    async waitIdle(): Promise<void> {
      await Promise.all([...running.values()]);
    },
    latestRun(id: number): CrawlRun | null {
      return deps.sources.getRun(id);
    },
  };
}

export type CrawlService = ReturnType<typeof createCrawlService>;
