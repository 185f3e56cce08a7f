import { ConfigError, loadSourcesFile } from './config';
import { createConsoleLog } from './console-log';
import { crawlSource } from './crawl-source';
import { loadCrawlerEnv } from './env';
import { createFetcher } from './fetch/fetcher';
import { createHttpSink } from './http-sink';
import { createProgressDisplay } from './progress';
import { startSchedules } from './schedule';
import { fetchRemoteSources, mergeSources } from './remote-sources';
import type { SourceConfig } from '../server/contracts/source';

/** How often the sources added or paused on the dashboard are asked for again. */
const REMOTE_SOURCES_EVERY_MS = 60_000;

/**
 * `npm run crawler`: the crawler on its own machine, delivering to a dashboard server over its
 * authenticated ingest API. Crawls the sources of its file and those added on the dashboard (minus
 * those paused there) once at start, then follows the schedules, asking the server again every minute.
 */
async function main(): Promise<void> {
  let env: ReturnType<typeof loadCrawlerEnv>;
  let sources: SourceConfig[];
  try {
    env = loadCrawlerEnv();
    sources = loadSourcesFile(env.sourcesFile).sources;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  const progress = createProgressDisplay(process.stderr);
  const log = createConsoleLog((line) => progress.write(line));
  const fetcher = createFetcher({ log });
  const sink = createHttpSink({ apiUrl: env.apiUrl, token: env.ingestToken });
  const runSource = (source: SourceConfig) =>
    progress.track(source.id, (onProgress) => crawlSource(source, sink, { fetcher, log, onProgress }));

  const fileSources = sources;
  let remoteFailing = false;
  // The server's list, or null while it cannot be had (the file's sources are crawled meanwhile).
  const remote = async () => {
    try {
      const r = await fetchRemoteSources(env.apiUrl, env.ingestToken);
      if (remoteFailing) log.info({}, 'dashboard sources reachable again');
      remoteFailing = false;
      return r;
    } catch (err) {
      if (!remoteFailing) log.warn({ err: (err as Error).message }, 'dashboard sources not available; crawling the sources file only');
      remoteFailing = true;
      return null;
    }
  };
  sources = mergeSources(fileSources, await remote());
  log.info({ api: env.apiUrl, sources: sources.length }, 'crawler starting');
  const schedules = startSchedules(sources, runSource, { log });
  const refresh = setInterval(() => {
    void remote().then((r) => {
      // Keep the current list while the server cannot be asked: a hiccup must not drop its sources.
      if (r) schedules.update(mergeSources(fileSources, r));
    });
  }, REMOTE_SOURCES_EVERY_MS);
  refresh.unref();

  const shutdown = (signal: string) => {
    log.info({ signal }, 'crawler stopping');
    clearInterval(refresh);
    schedules.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await schedules.runAllNow();
  log.info({}, 'first crawl of every source done; waiting for schedules');
}

main().catch((err: unknown) => {
  process.stderr.write(`crawler failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
