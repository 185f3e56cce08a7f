import { serve } from '@hono/node-server';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, localUrl, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { startRuntime } from './runtime';
import { seedDemoAccounts, seedDemoDistrict, seedDemoLibrary, seedDemoMonitoring, seedDemoUnits } from './demo-seed';
import { buildWeb, webBuildIsStale } from './web-build';
import { normaliseText } from './nlp/normalise';
import { crawlSource } from '../crawler/crawl-source';
import { createLateBoundFetcher } from './crawl-fetcher';
import { startSchedules } from '../crawler/schedule';
import { setUpSources, type SourcesSetup } from './sources-setup';
import { trackRequests } from './ops/http-drain';

/** How long requests in flight at shutdown may take to finish before their connections are closed. */
const DRAIN_MS = 10_000;

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

async function prepareWeb(config: Config, log: Logger): Promise<string> {
  const webRoot = path.join(PROJECT_ROOT, 'dist/web');
  if (config.webBuild === 'auto' && webBuildIsStale(PROJECT_ROOT)) {
    log.info('building the dashboard (dist/web is missing or older than web/)…');
    const t0 = Date.now();
    await buildWeb(PROJECT_ROOT);
    log.info({ ms: Date.now() - t0 }, 'dashboard built');
  }
  return webRoot;
}

/** Variables in ./.env (if present) fill in what the environment leaves unset. */
function loadDotEnv(): void {
  try {
    process.loadEnvFile('.env');
  } catch {
    // no .env: the environment alone configures the app
  }
}

async function main(): Promise<void> {
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);

  let setup: SourcesSetup;
  try {
    setup = await setUpSources(config);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  const { sources, demo } = setup;
  if (demo) log.info({ url: demo.url }, 'no SOURCES_FILE: serving and crawling the bundled demo site');

  const webRoot = await prepareWeb(config, log);
  const { fetcher, bindValidators } = createLateBoundFetcher(log);
  const runtime = await startRuntime(
    config,
    {
      sources,
      normalise: normaliseText,
      runCrawl: (source, sink) => crawlSource(source, sink, { fetcher, log }),
      demoMode: Boolean(demo),
    },
    log,
    webRoot,
  );

  bindValidators(runtime.validators);
  if (demo) {
    const seeded = seedDemoLibrary(runtime.services.library);
    if (seeded) log.info({ seeded }, 'demo: known rumours added to the empty library');
    const monitoring = seedDemoMonitoring(runtime.services.topics, runtime.services.alerts);
    if (monitoring.topics || monitoring.rules) log.info(monitoring, 'demo: monitoring topics and alert rules added');
    if (seedDemoDistrict(runtime.services.ledger)) log.info('demo: district profile 清河区 set for the media counts');
    if (seedDemoUnits(runtime.services.ledger)) log.info('demo: reporting units added to the empty ledger');
    const accounts = await seedDemoAccounts(runtime.services.auth, runtime.services.ledger);
    if (accounts) log.info({ accounts }, 'demo: one account per role added (listed on the sign-in page)');
  }
  const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host }, (info) => {
    const url = localUrl(config.host, info.port);
    process.stdout.write(`\n  舆情监测与宣传工作看板 · dashboard: ${url}/   API docs: ${url}/api/docs\n\n`);
  });

  const schedules = config.crawl
    ? startSchedules(runtime.services.configuredSources(), (s) => runtime.crawl.crawlScheduled(s), { log })
    : null;
  // Sources added, edited, paused or deleted from the dashboard: the schedules follow, no restart.
  // (Pausing needs no new task — crawlScheduled skips a paused source — but reloading is harmless.)
  const offSources = schedules
    ? runtime.events.on('sources-changed', () => schedules.update(runtime.services.configuredSources()))
    : () => undefined;
  // A newcomer should see data at once, not at the next cron tick.
  if (config.crawl && demo) void schedules?.runAllNow();

  const requests = trackRequests(server as unknown as Parameters<typeof trackRequests>[0]);

  // Graceful shutdown, in order: not ready (GET /api/ready → 503), no new connections, requests in
  // flight finish (event streams are ended cleanly), then runtime.close() waits for the running crawl
  // batch, background jobs and reports, flushes the search outbox, stops Meilisearch and closes SQLite.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, inFlight: requests.inFlight() }, 'shutting down: finishing requests in flight');
    const hardStop = setTimeout(() => {
      log.error('shutdown took longer than 30 s; exiting without finishing');
      process.exit(1);
    }, 30_000);
    hardStop.unref();
    runtime.beginDrain();
    offSources();
    schedules?.stop();
    const cut = await requests.drain(DRAIN_MS);
    if (cut) log.warn({ cut, afterMs: DRAIN_MS }, 'closed requests that did not finish in time');
    await runtime.close();
    await demo?.close();
    clearTimeout(hardStop);
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
