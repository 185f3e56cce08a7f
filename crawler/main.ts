import { ConfigError, loadSourcesFile } from './config';
import { createConsoleLog } from './console-log';
import { crawlSource } from './crawl-source';
import { loadCrawlerEnv } from './env';
import { createFetcher } from './fetch/fetcher';
import { createHttpSink } from './http-sink';
import { createProgressDisplay } from './progress';
import { startSchedules } from './schedule';
import type { SourceConfig } from '../server/contracts/source';

/**
 * `npm run crawler`: the crawler on its own machine, delivering to a dashboard server over its
 * authenticated ingest API. Crawls every source once at start, then follows the schedules.
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

  log.info({ api: env.apiUrl, sources: sources.length }, 'crawler starting');
  const schedules = startSchedules(sources, runSource, { log });

  const shutdown = (signal: string) => {
    log.info({ signal }, 'crawler stopping');
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
