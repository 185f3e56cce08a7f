import path from 'node:path';
import pino from 'pino';
import type { SourceConfig } from '../../server/contracts/source';
import { createApp } from '../../server/app';
import { openDatabase } from '../../server/db/open-database';
import { createEventBus } from '../../server/services/event-bus';
import type { ItemTagger } from '../../server/services/ingest-service';
import type { RunCrawl } from '../../server/services/crawl-service';
import { createClaimMatcher } from '../../server/services/claim-matcher';
import { serviceDeps, wireServices } from '../../server/wire-services';
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
  claimMinutes?: number;
}) {
  const dir = tempDir('db-app');
  const db = openDatabase(path.join(dir, 'app.db'));
  const events = createEventBus();
  const services = wireServices({
    db,
    reportsDir: path.join(dir, 'reports'),
    sources: opts.sources,
    tagger: opts.tagger,
    matcher: createClaimMatcher(),
    normalise: (s) => s,
    index: null,
    runCrawl: opts.runCrawl ?? (async () => undefined),
    events,
    claimMinutes: opts.claimMinutes,
    now: opts.now,
  });
  services.sourcesRepo.syncSources(opts.sources, new Date().toISOString());
  services.rebuildIndexes();
  const log = pino({ level: 'silent' });
  const app = createApp({
    ...serviceDeps(services),
    crawl: services.crawl,
    events,
    ingestToken: opts.ingestToken ?? null,
    webRoot: null,
    log,
    health: { version: 'test', database: () => true, search: async () => false, outboxPending: () => services.outbox.pendingCount() },
  });
  return {
    app,
    db,
    services,
    items: services.itemsRepo,
    outbox: services.outbox,
    sources: services.sourcesRepo,
    ingest: services.ingest,
    crawl: services.crawl,
    events,
    dir,
    clusters: services.clusters,
  };
}
