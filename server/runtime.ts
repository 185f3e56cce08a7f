import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import type { SourceConfig } from './contracts/source';
import { openDatabase, type Db } from './db/open-database';
import type { Logger } from './logger';
import { createClustersRepo } from './repositories/clusters-repo';
import { createItemsRepo } from './repositories/items-repo';
import { createOutboxRepo } from './repositories/outbox-repo';
import { createSearchIndex, type SearchIndex } from './repositories/search-index';
import { createSourcesRepo } from './repositories/sources-repo';
import { createFrontierRepo } from './repositories/frontier-repo';
import { createValidatorsRepo } from './repositories/validators-repo';
import { createStatsRepo } from './repositories/stats-repo';
import { startManagedMeili, type ManagedMeili } from './search/meili-process';
import { createClusterService } from './services/cluster-service';
import { createCrawlService, type RunCrawl } from './services/crawl-service';
import { createEventBus } from './services/event-bus';
import { createIngestService, type ItemTagger } from './services/ingest-service';
import { createItemsService } from './services/items-service';
import { createReviewService } from './services/review-service';
import { createSearchSync } from './services/search-sync';
import { createStatsService } from './services/stats-service';
import { createApp } from './app';

export const VERSION = '0.1.0';

export interface RuntimeParts {
  sources: SourceConfig[];
  runCrawl: RunCrawl;
  tagger: ItemTagger;
  normalise: (s: string) => string;
}

/** Where the running server's bundled Meilisearch listens, so CLI tools (reindex) can reach it. */
export function endpointFile(dataDir: string): string {
  return path.join(dataDir, 'meili', 'endpoint.json');
}

function writeEndpoint(dataDir: string, url: string): void {
  fs.writeFileSync(endpointFile(dataDir), JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
}

/** The URL of a bundled Meilisearch started by a server process that is still alive, if any. */
export function runningManagedUrl(dataDir: string): string | null {
  try {
    const { url, pid } = JSON.parse(fs.readFileSync(endpointFile(dataDir), 'utf8')) as { url: string; pid: number };
    process.kill(pid, 0);
    return url;
  } catch {
    return null;
  }
}

/** Opens the search engine named by config, or starts the bundled one under the data dir. */
export async function openSearch(config: Config, log: Logger): Promise<{ index: SearchIndex; managed: ManagedMeili | null }> {
  if (config.meiliUrl) {
    log.info({ url: config.meiliUrl }, 'using the Meilisearch server at MEILI_URL');
    return { index: createSearchIndex({ url: config.meiliUrl, apiKey: config.meiliMasterKey }), managed: null };
  }
  const managed = await startManagedMeili({ dataDir: path.join(config.dataDir, 'meili'), binary: config.meiliBin });
  log.info({ url: managed.url }, 'started the bundled Meilisearch');
  writeEndpoint(config.dataDir, managed.url);
  return { index: createSearchIndex({ url: managed.url, apiKey: managed.masterKey }), managed };
}

/**
 * Wires storage, search, services and the HTTP app. Everything with a lifetime is returned with
 * a close() that ends it in order, so main.ts and the tests start the very same system.
 */
export async function startRuntime(config: Config, parts: RuntimeParts, log: Logger, webRoot: string | null) {
  const db: Db = openDatabase(path.join(config.dataDir, 'app.db'));
  const itemsRepo = createItemsRepo(db);
  const outbox = createOutboxRepo(db);
  const sourcesRepo = createSourcesRepo(db);
  const statsRepo = createStatsRepo(db);
  const now = new Date().toISOString();
  sourcesRepo.syncSources(parts.sources, now);
  const abandoned = sourcesRepo.closeAbandonedRuns(now);
  if (abandoned) log.warn({ abandoned }, 'closed crawl runs left open by a previous process');
  // The near-duplicate index lives in memory; SQLite keeps the signatures it is rebuilt from.
  const clusters = createClusterService({ clusters: createClustersRepo(db) });
  const started = Date.now();
  const rebuilt = clusters.rebuild();
  const indexMiB = Math.round(clusters.index.memoryBytes / 1_048_576);
  log.info({ ...rebuilt, ms: Date.now() - started, indexMiB }, 'near-duplicate index rebuilt');

  let search: { index: SearchIndex; managed: ManagedMeili | null };
  try {
    search = await openSearch(config, log);
    await search.index.ensureIndex();
  } catch (err) {
    db.close();
    throw err;
  }
  const events = createEventBus();
  const sync = createSearchSync({ items: itemsRepo, outbox, index: search.index, normalise: parts.normalise, log });
  const ingest = createIngestService({
    items: itemsRepo,
    sources: sourcesRepo,
    tagger: parts.tagger,
    clusters,
    events,
    onStored: () => sync.kick(),
  });
  const crawl = createCrawlService({
    sources: sourcesRepo,
    ingest,
    events,
    runCrawl: parts.runCrawl,
    configured: () => parts.sources,
    frontier: createFrontierRepo(db),
  });
  const items = createItemsService({
    items: itemsRepo,
    index: search.index,
    normalise: parts.normalise,
    clusters,
    onSearchFallback: (err) => log.warn({ err: err.message }, 'search engine unavailable; answering from SQLite'),
  });
  const review = createReviewService({ items: itemsRepo, events, onChanged: () => sync.kick() });
  const stats = createStatsService({ stats: statsRepo, sources: sourcesRepo });
  const app = createApp({
    items,
    review,
    stats,
    sources: sourcesRepo,
    crawl,
    events,
    ingestToken: config.ingestToken,
    webRoot,
    log,
    health: {
      version: VERSION,
      database: () => {
        try {
          return db.prepare('SELECT 1').pluck().get() === 1;
        } catch {
          return false;
        }
      },
      search: () => search.index.isHealthy(),
      outboxPending: () => outbox.pendingCount(),
    },
  });
  sync.start();

  return {
    app,
    db,
    /** Durable ETag/Last-Modified store for the crawler's fetcher. */
    validators: createValidatorsRepo(db),
    crawl,
    sync,
    search,
    itemsRepo,
    outbox,
    sourcesRepo,
    events,
    async close(): Promise<void> {
      // The current ingest batch is synchronous and always completes; a crawl still fetching is abandoned
      // after a grace period and its run is closed as interrupted at the next start.
      await Promise.race([crawl.waitIdle(), new Promise((r) => setTimeout(r, 5_000).unref())]);
      await sync.stop();
      await sync.flush(3_000).catch(() => false);
      await search.managed?.stop();
      if (search.managed) fs.rmSync(endpointFile(config.dataDir), { force: true });
      db.close();
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof startRuntime>>;
