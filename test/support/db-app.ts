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
import { asNamedActors, signIn } from './authed-app';

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
    ingestToken: opts.ingestToken ?? null,
    // Tests move their clocks by days; the test session must outlive that.
    session: { idleHours: 24 * 3650, maxDays: 3650 },
  });
  services.sourcesRepo.syncSources(opts.sources, new Date().toISOString());
  services.rebuildIndexes();
  const log = pino({ level: 'silent' });
  const rawApp = createApp({
    ...serviceDeps(services),
    crawl: services.crawl,
    events,
    cookies: { mode: 'auto', trustProxy: false },
    webRoot: null,
    log,
    health: { version: 'test', database: () => true, search: async () => false, outboxPending: () => services.outbox.pendingCount() },
  });
  // Tests act as a signed-in admin unless they sign in as someone else (signIn) or call rawApp.
  const admin = signIn(db, services.auth, 'admin');
  const app = asNamedActors(rawApp, db, services.auth, admin.headers);
  return {
    app,
    rawApp,
    /** A session of another role: its headers, for asUser(rawApp, headers). */
    signIn: (role: Parameters<typeof signIn>[2], o?: Parameters<typeof signIn>[3]) => signIn(db, services.auth, role, o),
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
