import cliProgress from 'cli-progress';
import path from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config';
import type { CrawlRunStats, SourceConfig } from '../contracts/source';
import { loadOrCreateMasterKey } from '../search/meili-process';
import { runningManagedUrl, startRuntime } from '../runtime';
import { setUpSources } from '../sources-setup';
import { normaliseText } from '../nlp/normalise';
import { crawlSource } from '../../crawler/crawl-source';
import { createLateBoundFetcher } from '../crawl-fetcher';
import { parseCrawlArgs, formatSummary } from './crawl-args';

/**
 * npm run crawl -- --source ID [--source ID…] | --all
 * Crawls now, in this process, into the same SQLite and search index the server uses (the server
 * may be running: SQLite is shared safely and its bundled Meilisearch is reused), with a progress
 * bar per source and a summary; exits 1 when a run failed.
 */
async function main(): Promise<void> {
  const args = parseCrawlArgs(process.argv.slice(2));
  let config = { ...loadConfig(), crawl: false };
  const { sources, demo } = await setUpSources(config);
  // Chosen once the database is open: sources added on the dashboard can be crawled from here too.
  let chosen: SourceConfig[] = [];

  // Reuse the bundled Meilisearch of a running server instead of starting a second one on its data.
  if (!config.meiliUrl) {
    const url = runningManagedUrl(config.dataDir);
    if (url) config = { ...config, meiliUrl: url, meiliMasterKey: loadOrCreateMasterKey(path.join(config.dataDir, 'meili')) };
  }
  const log = pino({ level: 'silent' });
  const bars = new cliProgress.MultiBar(
    { format: '{source} [{bar}] {value}/{total} | new {new} dup {duplicate} failed {failed}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 2_000, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const { fetcher, bindValidators } = createLateBoundFetcher(log);
  const results = new Map<string, CrawlRunStats>();
  const runtime = await startRuntime(
    config,
    {
      sources,
      normalise: normaliseText,
      runCrawl: async (source: SourceConfig, sink) => {
        const width = Math.max(...chosen.map((s) => s.name.length));
        const bar = bars.create(1, 0, { source: source.name.padEnd(width, '　'), new: 0, duplicate: 0, failed: 0 });
        const stats = await crawlSource(source, sink, {
          fetcher,
          log,
          onProgress: (p) => {
            bar.setTotal(Math.max(1, p.total));
            bar.update(p.done, { new: p.stats.new, duplicate: p.stats.duplicate, failed: p.stats.failed });
          },
        });
        bar.update(bar.getTotal(), { new: stats.new, duplicate: stats.duplicate, failed: stats.failed });
        results.set(source.id, stats);
        return stats;
      },
    },
    log,
    null,
  );
  bindValidators(runtime.validators);
  try {
    const known = runtime.services.configuredSources();
    chosen = args.all ? known.filter((s) => s.enabled) : args.sources.map((id) => {
      const s = known.find((x) => x.id === id);
      if (!s) throw new ConfigError(`unknown source "${id}"; configured: ${known.map((x) => x.id).join(', ')}`);
      return s;
    });
    await Promise.all(chosen.map(async (s) => (await runtime.crawl.crawlNow(s.id)).done));
    bars.stop();
    const indexed = await runtime.sync.flush(60_000);
    process.stdout.write(`\n${formatSummary(chosen, results)}\n`);
    if (!indexed) process.stdout.write('search index not reachable: new items are kept in SQLite and indexed when it is back\n');
    const failed = chosen.some((s) => {
      const r = results.get(s.id);
      return !r || (r.failed > 0 && r.fetched === 0);
    });
    process.exitCode = failed ? 1 : 0;
  } finally {
    bars.stop();
    await runtime.close();
    await demo?.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`crawl failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
