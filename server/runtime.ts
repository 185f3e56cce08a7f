import fs from 'node:fs';
import path from 'node:path';
import { localUrl, type Config } from './config';
import type { SourceConfig } from './contracts/source';
import { openDatabase, type Db } from './db/open-database';
import { startWalCheckpointer } from './db/wal-checkpointer';
import type { Logger } from './logger';
import { createSearchIndex, type SearchIndex } from './repositories/search-index';
import { createSourcesRepo } from './repositories/sources-repo';
import { createValidatorsRepo } from './repositories/validators-repo';
import { startManagedMeili, type ManagedMeili } from './search/meili-process';
import { createEventBus } from './services/event-bus';
import { createSearchSync, type SearchSync } from './services/search-sync';
import type { RunCrawl } from './services/crawl-service';
import type { ItemTagger } from './services/ingest-service';
import { createClaimMatcher } from './services/claim-matcher';
import { serviceDeps, wireServices, type Services } from './wire-services';
import { createLearningTagger } from './learning-tagger';
import { createLearningSentiment } from './learning-sentiment';
import { createApp } from './app';
import { removeServerPid, writeServerPid } from './ops/server-lock';
import { setStaleTolerance } from './repositories/change-version';

export const VERSION = '0.1.0';

export interface RuntimeParts {
  sources: SourceConfig[];
  runCrawl: RunCrawl;
  /** A fixed tagger (tests); without it the learning tagger (model under DATA_DIR + verdicts) is used. */
  tagger?: ItemTagger;
  normalise: (s: string) => string;
  /** Serving the bundled demo site: demo accounts may sign in. */
  demoMode?: boolean;
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
  const dbFile = path.join(config.dataDir, 'app.db');
  const db: Db = openDatabase(dbFile);
  // Checkpoints off the request thread (see wal-checkpointer.ts).
  const checkpointer = startWalCheckpointer(db, dbFile, { log });
  setStaleTolerance(db, config.staleMs);
  // Announced before anything else writes: `npm run restore` refuses while this file names a live process.
  writeServerPid(config.dataDir);
  // Ready once start-up has finished; not ready again from the moment shutdown begins (GET /api/ready).
  let state: 'starting' | 'ready' | 'draining' = 'starting';
  const sourcesRepo = createSourcesRepo(db);
  const now = new Date().toISOString();
  const { overridden } = sourcesRepo.syncSources(parts.sources, now);
  // The config file wins an id collision with a dashboard source (see syncSources).
  if (overridden.length) log.warn({ ids: overridden }, 'sources file replaced dashboard sources with the same id');
  const abandoned = sourcesRepo.closeAbandonedRuns(now);
  if (abandoned) log.warn({ abandoned }, 'closed crawl runs left open by a previous process');

  let search: { index: SearchIndex; managed: ManagedMeili | null };
  try {
    search = await openSearch(config, log);
    await search.index.ensureIndex();
  } catch (err) {
    await checkpointer.stop();
    db.close();
    removeServerPid(config.dataDir);
    throw err;
  }
  const events = createEventBus();
  let sync: SearchSync | null = null;
  let services: Services | null = null;
  const model = parts.tagger
    ? null
    : createLearningTagger(db, config.dataDir, log, (reason) => services?.retag.request(reason));
  const sentiment = parts.tagger
    ? null
    : createLearningSentiment({
        dataDir: config.dataDir,
        log,
        itemText: (id) => services?.itemsRepo.getItem(id) ?? null,
        onModelChanged: (reason) => services?.retag.request(reason),
      });
  services = wireServices({
    db,
    reportsDir: path.join(config.dataDir, 'reports'),
    reportBaseUrl: config.publicUrl ?? localUrl(config.host, config.port),
    onReportError: (err) => log.error({ err }, 'report generation failed'),
    demoMode: parts.demoMode ?? false,
    ingestToken: config.ingestToken,
    session: config.session,
    retentionDays: config.retentionDays,
    sources: parts.sources,
    tagger: parts.tagger ?? model!.tagger,
    sentiment: sentiment?.scorer,
    onSentimentLearn: sentiment ? (example) => sentiment.learn(example) : undefined,
    onLearn: model ? (verdicts) => model.learn(verdicts) : undefined,
    matcher: createClaimMatcher({ suggestAt: config.matchSuggestAt, confirmAt: config.matchConfirmAt }),
    claimMinutes: config.claimMinutes,
    normalise: parts.normalise,
    index: search.index,
    runCrawl: parts.runCrawl,
    events,
    onIndexWork: () => sync?.kick(),
    onSearchFallback: (err) => log.warn({ err: err.message }, 'search engine unavailable; answering from SQLite'),
    onJobError: (err) => log.error({ err }, 'background job failed'),
    dashboardUrl: config.publicUrl,
  });
  const { itemsRepo, outbox, crawl } = services;
  if (config.admin) {
    const admin = await services.auth.bootstrapAdmin(config.admin.username, config.admin.password);
    if (admin) log.info({ username: admin.username }, 'first admin account created from ADMIN_USER');
  }
  // The near-duplicate and claim indexes live in memory; SQLite keeps what they are rebuilt from.
  const started = Date.now();
  const rebuilt = services.rebuildIndexes();
  const indexMiB = Math.round(services.clusters.index.memoryBytes / 1_048_576);
  log.info({ ...rebuilt, ms: Date.now() - started, indexMiB }, 'in-memory indexes rebuilt');
  // `npm run tagger:train` may write a new model while the server runs.
  const modelCheck = model
    ? setInterval(() => {
        model.checkForNewModel();
        sentiment?.checkForNewModel();
      }, 30_000)
    : null;
  modelCheck?.unref();
  // Alert rules run on a schedule and right after each ingest batch (so a burst is alerted as soon
  // as it is stored); webhook deliveries are retried on their own clock.
  let evaluating: ReturnType<typeof setImmediate> | null = null;
  const evaluateSoon = () => {
    evaluating ??= setImmediate(() => {
      evaluating = null;
      try {
        services?.alertEvaluator.evaluate();
      } catch (err) {
        log.error({ err }, 'alert evaluation failed');
      }
    });
  };
  const offItems = events.on('items-stored', evaluateSoon);
  const alertTimer = setInterval(evaluateSoon, config.alertEverySeconds * 1_000);
  alertTimer.unref();
  const deliveryTimer = setInterval(() => void services?.delivery.tick(), 5_000);
  deliveryTimer.unref();
  // Reports a previous process left unfinished are made again; last week's and last month's are made
  // once by themselves (checked hourly, so a server started mid-week catches up).
  const reportsResumed = services.reports.resume();
  if (reportsResumed) log.info({ reports: reportsResumed }, 'resuming unfinished reports');
  const scheduleReports = () => {
    try {
      services?.reports.schedule();
    } catch (err) {
      log.error({ err }, 'scheduling reports failed');
    }
  };
  // On the next turn: the caller may still be setting up (the demo names its district first).
  if (config.reportSchedule) setImmediate(scheduleReports);
  const reportTimer = config.reportSchedule ? setInterval(scheduleReports, 3_600_000) : null;
  reportTimer?.unref();
  // The retention policy: a minute after start, then every six hours.
  const purgeOld = () => {
    services?.retention
      .purge()
      .then((n) => n && log.info({ purged: n, olderThanDays: config.retentionDays }, 'retention: old raw items deleted, counts kept'))
      .catch((err: unknown) => log.error({ err }, 'retention purge failed'));
  };
  const retentionStart = config.retentionDays > 0 ? setTimeout(purgeOld, 60_000) : null;
  retentionStart?.unref();
  const retentionTimer = config.retentionDays > 0 ? setInterval(purgeOld, 6 * 3_600_000) : null;
  retentionTimer?.unref();
  sync = createSearchSync({ items: itemsRepo, outbox, index: search.index, normalise: parts.normalise, log });

  const app = createApp({
    ...serviceDeps(services),
    crawl,
    events,
    cookies: { mode: config.cookieSecure, trustProxy: config.trustProxy },
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
      state: () => state,
    },
  });
  sync.start();
  state = 'ready';

  return {
    app,
    db,
    services,
    /** The learning tagger (null when a fixed tagger was given). */
    model,
    /** Durable ETag/Last-Modified store for the crawler's fetcher. */
    validators: createValidatorsRepo(db),
    crawl,
    sync,
    search,
    itemsRepo,
    outbox,
    sourcesRepo,
    events,
    /** Shutdown has begun: /api/ready answers 503 so a load balancer stops sending new work. */
    beginDrain(): void {
      state = 'draining';
    },
    async close(): Promise<void> {
      state = 'draining';
      // The current ingest batch is synchronous and always completes; a crawl still fetching is abandoned
      // after a grace period and its run is closed as interrupted at the next start.
      await Promise.race([
        Promise.all([crawl.waitIdle(), services.jobs.waitIdle(), services.reports.waitIdle()]),
        new Promise((r) => setTimeout(r, 5_000).unref()),
      ]);
      if (modelCheck) clearInterval(modelCheck);
      offItems();
      clearInterval(alertTimer);
      clearInterval(deliveryTimer);
      if (reportTimer) clearInterval(reportTimer);
      if (retentionStart) clearTimeout(retentionStart);
      if (retentionTimer) clearInterval(retentionTimer);
      if (evaluating) clearImmediate(evaluating);
      services.itemsAnnouncer.close();
      model?.flush();
      sentiment?.flush();
      await sync.stop();
      await sync.flush(3_000).catch(() => false);
      await search.managed?.stop();
      if (search.managed) fs.rmSync(endpointFile(config.dataDir), { force: true });
      await checkpointer.stop();
      db.close();
      removeServerPid(config.dataDir);
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof startRuntime>>;
