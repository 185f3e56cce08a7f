import path from 'node:path';
import pino from 'pino';
import type { SourceConfig } from '../../server/contracts/source';
import { createApp } from '../../server/app';
import { openDatabase } from '../../server/db/open-database';
import { createClustersRepo } from '../../server/repositories/clusters-repo';
import { createItemsRepo } from '../../server/repositories/items-repo';
import { createOutboxRepo } from '../../server/repositories/outbox-repo';
import { createSourcesRepo } from '../../server/repositories/sources-repo';
import { createFrontierRepo } from '../../server/repositories/frontier-repo';
import { createStatsRepo } from '../../server/repositories/stats-repo';
import { createClusterService } from '../../server/services/cluster-service';
import { createCrawlService, type RunCrawl } from '../../server/services/crawl-service';
import { createEventBus } from '../../server/services/event-bus';
import { createIngestService, type ItemTagger } from '../../server/services/ingest-service';
import { createItemsService } from '../../server/services/items-service';
import { createReviewService } from '../../server/services/review-service';
import { createStatsService } from '../../server/services/stats-service';
import { tempDir } from './meili';

/**
 * The HTTP app over a real SQLite file and no search engine: the contract tier (validation,
 * errors, listing, verdicts) without Meilisearch's start-up cost.
 */
export function createDbApp(opts: {
  sources: SourceConfig[];
  tagger: ItemTagger;
  runCrawl?: RunCrawl;
  ingestToken?: string | null;
  now?: () => Date;
}) {
  const dir = tempDir('db-app');
  const db = openDatabase(path.join(dir, 'app.db'));
  const items = createItemsRepo(db);
  const outbox = createOutboxRepo(db);
  const sources = createSourcesRepo(db);
  sources.syncSources(opts.sources, new Date().toISOString());
  const events = createEventBus();
  const clusters = createClusterService({ clusters: createClustersRepo(db) });
  clusters.rebuild();
  const ingest = createIngestService({ items, sources, tagger: opts.tagger, clusters, events, now: opts.now });
  const crawl = createCrawlService({
    sources,
    ingest,
    events,
    runCrawl: opts.runCrawl ?? (async () => undefined),
    configured: () => opts.sources,
    frontier: createFrontierRepo(db),
  });
  const log = pino({ level: 'silent' });
  const app = createApp({
    items: createItemsService({ items, index: null, normalise: (s) => s, clusters }),
    review: createReviewService({ items, events }),
    stats: createStatsService({ stats: createStatsRepo(db), sources, now: opts.now }),
    sources,
    crawl,
    events,
    ingestToken: opts.ingestToken ?? null,
    webRoot: null,
    log,
    health: { version: 'test', database: () => true, search: async () => false, outboxPending: () => outbox.pendingCount() },
  });
  return { app, db, items, outbox, sources, ingest, crawl, events, dir, clusters };
}
