import type { RawItem } from '../server/contracts/item';
import type { CrawlSink } from '../server/contracts/ingest';
import type { CrawlRunStats, HtmlListSource, RssSource, SourceConfig } from '../server/contracts/source';
import { CriticalError, describeError } from './errors';
import type { Fetcher } from './fetch/fetcher';
import { silentLog, type CrawlLog } from './log';
import { buildRawItem, type ParsedItem } from './pipeline/build-item';
import { canonicalUrl } from './pipeline/canonical-url';
import { parseDetailPage, parseListPage } from './sources/html-list';
import { parseFeed } from './sources/rss';

export interface CrawlProgress {
  sourceId: string;
  phase: 'list' | 'detail' | 'done';
  /** Detail pages (or feed entries) handled so far, and known so far to be handled. */
  done: number;
  total: number;
  stats: Readonly<CrawlRunStats>;
}

export interface CrawlDeps {
  fetcher: Fetcher;
  now?: () => Date;
  log?: CrawlLog;
  onProgress?: (progress: CrawlProgress) => void;
  /** Items per sink.ingest call. */
  batchSize?: number;
}

const DEFAULT_BATCH = 20;

/** The per-run state and the few operations every source type shares. */
function createRun(source: SourceConfig, sink: CrawlSink, deps: CrawlDeps) {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? silentLog;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH;
  // "fetched" counts item documents obtained (detail pages, feed entries), not list pages, so a
  // run that reached its list but no article reads as failed rather than partly successful.
  const stats: CrawlRunStats = { fetched: 0, new: 0, duplicate: 0, failed: 0, lastError: null };
  let batch: RawItem[] = [];
  let done = 0;
  let total = 0;

  const progress = (phase: CrawlProgress['phase']) =>
    deps.onProgress?.({ sourceId: source.id, phase, done, total, stats: { ...stats } });

  function fail(err: unknown, url: string | null, count = 1): void {
    stats.failed += count;
    stats.lastError = describeError(err, url).slice(0, 2_000);
    const level = err instanceof CriticalError ? 'error' : 'warn';
    log[level]({ sourceId: source.id, url, err: describeError(err) }, 'crawl step failed');
  }

  async function flush(): Promise<void> {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    try {
      const result = await sink.ingest(items);
      stats.new += result.new;
      stats.duplicate += result.duplicate;
    } catch (err) {
      // The batch is lost for this run; its URLs stay unknown, so the next run fetches them again.
      fail(err, null, items.length);
    }
  }

  return {
    stats,
    now,
    log,
    fail,
    flush,
    async add(item: RawItem): Promise<void> {
      batch.push(item);
      if (batch.length >= batchSize) await flush();
    },
    addTotal(n: number, phase: CrawlProgress['phase']): void {
      total += n;
      progress(phase);
    },
    stepDone(phase: CrawlProgress['phase']): void {
      done += 1;
      progress(phase);
    },
    finishProgress: () => progress('done'),
  };
}

type Run = ReturnType<typeof createRun>;

async function fetchItem(run: Run, source: SourceConfig, url: string, parse: (text: string, finalUrl: string) => ParsedItem, deps: CrawlDeps) {
  try {
    const page = await deps.fetcher.fetchPage(url, source);
    const parsed = parse(page.text, page.url);
    // The key stays the canonical URL we were given, even after a redirect, so dedup keeps working.
    const item = buildRawItem(source.id, { ...parsed, url }, run.now());
    run.stats.fetched += 1;
    await run.add(item);
  } catch (err) {
    run.fail(err, url);
  }
}

async function crawlHtmlList(source: HtmlListSource, sink: CrawlSink, run: Run, deps: CrawlDeps): Promise<void> {
  const visited = new Set<string>();
  // Pinned posts repeat on every list page; fetch each detail page once per run.
  const queued = new Set<string>();
  let pageUrl = canonicalUrl(source.url);
  if (!pageUrl) throw new CriticalError(`source url is not http(s): ${source.url}`, { url: source.url });
  for (let pageNo = 1; pageUrl && pageNo <= source.list.maxPages; pageNo++) {
    visited.add(pageUrl);
    let links: string[];
    let next: string | null;
    let unknown: string[];
    try {
      const page = await deps.fetcher.fetchPage(pageUrl, source);
      ({ links, next } = parseListPage(page.text, page.url, source));
      const candidates = links.filter((l) => !queued.has(l));
      unknown = candidates.length ? await sink.filterUnknownUrls(source.id, candidates) : [];
    } catch (err) {
      // Without this page there is no way to the next one; what was gathered so far still counts.
      run.fail(err, pageUrl);
      return;
    }
    for (const url of unknown) queued.add(url);
    run.addTotal(unknown.length, 'list');
    for (const url of unknown) {
      await fetchItem(run, source, url, (html, finalUrl) => parseDetailPage(html, finalUrl, source, { now: run.now() }), deps);
      run.stepDone('detail');
    }
    // Lists are newest first: a page with nothing new means the rest was seen on earlier runs.
    if (unknown.length === 0) return;
    pageUrl = next && !visited.has(next) ? next : null;
  }
}

async function crawlRss(source: RssSource, sink: CrawlSink, run: Run, deps: CrawlDeps): Promise<void> {
  let entries: ParsedItem[];
  let unknown: Set<string>;
  try {
    const page = await deps.fetcher.fetchPage(source.url, source);
    entries = parseFeed(page.text, page.url);
    unknown = new Set(entries.length ? await sink.filterUnknownUrls(source.id, entries.map((e) => e.url)) : []);
  } catch (err) {
    run.fail(err, source.url);
    return;
  }
  const fresh = entries.filter((e) => unknown.has(e.url));
  run.addTotal(fresh.length, 'list');
  for (const entry of fresh) {
    try {
      const item = buildRawItem(source.id, entry, run.now());
      run.stats.fetched += 1;
      await run.add(item);
    } catch (err) {
      run.fail(err, entry.url);
    }
    run.stepDone('detail');
  }
}

/**
 * One crawl run of one source, recorded through the sink from start to finish. Only a failing
 * sink.startRun rejects (there is no run to record a failure on); every later failure is counted
 * in the returned stats, so a scheduler can call this without guarding against throws.
 */
export async function crawlSource(source: SourceConfig, sink: CrawlSink, deps: CrawlDeps): Promise<CrawlRunStats> {
  const runId = await sink.startRun(source.id);
  const run = createRun(source, sink, deps);
  run.log.info({ sourceId: source.id, runId }, 'crawl started');
  try {
    if (source.type === 'html-list') await crawlHtmlList(source, sink, run, deps);
    else if (source.type === 'rss') await crawlRss(source, sink, run, deps);
    else throw new CriticalError(`source type "${source.type}" is not supported by this crawler version`);
  } catch (err) {
    run.fail(err, source.url);
  }
  await run.flush();
  run.finishProgress();
  try {
    await sink.finishRun(runId, { ...run.stats });
  } catch (err) {
    run.log.error({ sourceId: source.id, runId, err: describeError(err) }, 'could not record the end of the crawl run');
  }
  run.log.info({ sourceId: source.id, runId, ...run.stats }, 'crawl finished');
  return { ...run.stats };
}
