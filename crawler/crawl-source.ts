import type { RawItem } from '../server/contracts/item';
import type { CrawlSink } from '../server/contracts/ingest';
import type { CrawlRunStats, HtmlListSource, JsonListSource, RssSource, SourceConfig } from '../server/contracts/source';
import { CriticalError, describeError, NonRetryableError, RetryableError, SkippedError } from './errors';
import type { FetchedPage, Fetcher } from './fetch/fetcher';
import { trapReason } from './fetch/url-traps';
import { silentLog, type CrawlLog } from './log';
import { buildRawItem, type ParsedItem } from './pipeline/build-item';
import { canonicalUrl } from './pipeline/canonical-url';
import { parseDetailPage, parseListPage } from './sources/html-list';
import { parseJsonList } from './sources/json-list';
import { parseFeed } from './sources/rss';

/** A run's counters: the contract's stats, plus pages deliberately left alone. */
export interface CrawlReport extends CrawlRunStats {
  /** Not fetched on purpose (robots.txt, binary files, crawler traps): never counted as failed. */
  skipped: number;
}

export interface CrawlProgress {
  sourceId: string;
  phase: 'list' | 'detail' | 'done';
  /** Detail pages (or feed entries) handled so far, and known so far to be handled. */
  done: number;
  total: number;
  stats: Readonly<CrawlReport>;
}

export interface CrawlDeps {
  fetcher: Fetcher;
  now?: () => Date;
  log?: CrawlLog;
  onProgress?: (progress: CrawlProgress) => void;
  /** Items per sink.ingest call. */
  batchSize?: number;
  /** Distinct pages one run of one source may request (list + detail): the last line against crawler traps. */
  maxUrlsPerRun?: number;
}

const DEFAULT_BATCH = 20;
export const DEFAULT_MAX_URLS_PER_RUN = 1_000;

/** The per-run state and the few operations every source type shares. */
function createRun(source: SourceConfig, sink: CrawlSink, deps: CrawlDeps) {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? silentLog;
  // With a durable frontier every stored page is marked done at once, so a crash refetches nothing
  // that was finished; without one, batches save round trips.
  const batchSize = deps.batchSize ?? (sink.frontier ? 1 : DEFAULT_BATCH);
  const maxUrls = deps.maxUrlsPerRun ?? DEFAULT_MAX_URLS_PER_RUN;
  // "fetched" counts item documents obtained (detail pages, feed entries), not list pages, so a
  // run that reached its list but no article reads as failed rather than partly successful.
  const stats: CrawlReport = { fetched: 0, new: 0, duplicate: 0, failed: 0, lastError: null, skipped: 0 };
  const requested = new Set<string>();
  /** List pages and feeds whose validators may be kept, if the run ends complete. */
  const handledPages: FetchedPage[] = [];
  let incomplete = false;
  let batch: RawItem[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let done = 0;
  let total = 0;
  const entryUrl = canonicalUrl(source.url);

  const progress = (phase: CrawlProgress['phase']) =>
    deps.onProgress?.({ sourceId: source.id, phase, done, total, stats: { ...stats } });

  function fail(err: unknown, url: string | null, count = 1): void {
    incomplete = true;
    stats.failed += count;
    stats.lastError = describeError(err, url).slice(0, 2_000);
    const level = err instanceof CriticalError ? 'error' : 'warn';
    log[level]({ sourceId: source.id, url, err: describeError(err) }, 'crawl step failed');
  }

  function skip(err: SkippedError, url: string | null): void {
    stats.skipped += 1;
    if (err.reason === 'budget') incomplete = true;
    if (url !== null && url === entryUrl) {
      const hint = err.reason === 'robots' ? '; if this is the department\'s own site, set ownSite: true' : '';
      log.warn({ sourceId: source.id, url, reason: err.reason, why: err.message }, `the source URL itself was skipped${hint}`);
    } else {
      log.info({ sourceId: source.id, url, reason: err.reason, why: err.message }, 'page skipped');
    }
  }

  /** Skips are the crawler's own choices; everything else is a failure. */
  function handle(err: unknown, url: string | null): void {
    if (err instanceof SkippedError) skip(err, url);
    else fail(err, url);
  }

  async function ingestBatch(): Promise<void> {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    try {
      const result = await sink.ingest(items);
      stats.new += result.new;
      stats.duplicate += result.duplicate;
      await markDone(items.map((i) => i.url));
    } catch (err) {
      // The batch is lost for this run; its URLs stay unknown, so the next run fetches them again.
      fail(err, null, items.length);
    }
  }

  /** Frontier links that need no further work (stored, duplicate, or failed for good). */
  async function markDone(urls: string[]): Promise<void> {
    if (!sink.frontier || urls.length === 0) return;
    try {
      await sink.frontier.done(source.id, urls);
    } catch (err) {
      log.warn({ sourceId: source.id, err: describeError(err) }, 'could not update the crawl frontier');
    }
  }

  /** Batches go to the sink one at a time, in order, even when detail pages finish concurrently. */
  function flush(): Promise<void> {
    flushing = flushing.then(ingestBatch);
    return flushing;
  }

  return {
    stats,
    now,
    log,
    fail,
    handle,
    flush,
    markDone,
    async add(item: RawItem): Promise<void> {
      batch.push(item);
      if (batch.length >= batchSize) await flush();
    },
    /** May this run request `url`? Refuses crawler traps and anything past the run's URL budget. */
    admit(url: string): boolean {
      if (requested.has(url)) return true;
      const trap = trapReason(url);
      if (trap) {
        skip(new SkippedError('trap', `skipped: looks like a crawler trap (${trap})`, { url }), url);
        return false;
      }
      if (requested.size >= maxUrls) {
        skip(new SkippedError('budget', `skipped: this run already requested ${maxUrls} pages of this source`, { url }), url);
        return false;
      }
      requested.add(url);
      return true;
    },
    pageHandled(page: FetchedPage): void {
      // Only what remember() reads is kept: holding whole pages (text, bytes) for the length of a
      // run made memory grow with every list page (measured by test/bench/crawl).
      if (page.validators && !page.notModified) {
        handledPages.push({ ...page, text: '' });
      }
    },
    /** Only a run that stored everything it found may let the next run trust a 304. */
    pagesToRemember(): FetchedPage[] {
      return incomplete || stats.failed > 0 ? [] : handledPages;
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
    run.handle(err, url);
    // A timeout or 5xx may pass: the link stays in the frontier for the next run. Anything else won't.
    if (!(err instanceof RetryableError)) await run.markDone([url]);
  }
}

/** Same links, in any order: a "next page" that serves the page we just read. */
function linkSignature(links: string[]): string {
  return [...links].sort().join('\n');
}

/**
 * Detail pages of every list page go through one queue with `concurrency` workers, so the host's
 * slots stay busy while the next list page is fetched (a barrier per list page left a tail of idle
 * slots at the end of each one; see test/bench/README.md). `waitForRoom` lets the list walker run
 * only a little ahead, so at most about one list page of links waits here.
 */
export function createDetailQueue(concurrency: number, work: (url: string) => Promise<void>) {
  const limit = Math.max(1, concurrency);
  let waiting: string[] = [];
  let head = 0;
  let workers = 0;
  let failure: { err: unknown } | null = null;
  let listeners: (() => void)[] = [];
  const changed = () => {
    if (listeners.length === 0) return;
    const notify = listeners;
    listeners = [];
    for (const fn of notify) fn();
  };
  const nextChange = () => new Promise<void>((resolve) => listeners.push(resolve));

  async function worker(): Promise<void> {
    try {
      while (head < waiting.length) {
        const url = waiting[head++] as string;
        if (head > 1_024 && head * 2 > waiting.length) {
          waiting = waiting.slice(head);
          head = 0;
        }
        changed();
        await work(url);
      }
    } catch (err) {
      failure ??= { err };
    } finally {
      workers -= 1;
      changed();
    }
  }

  return {
    push(urls: readonly string[]): void {
      for (const url of urls) waiting.push(url);
      while (workers < limit && head < waiting.length) {
        workers += 1;
        void worker();
      }
    },
    /** Resolves once no more than `limit` links wait unstarted: time to read the next list page. */
    async waitForRoom(): Promise<void> {
      while (waiting.length - head > limit && !failure) await nextChange();
    },
    /** Resolves when every link pushed so far has been handled; rethrows a worker's failure. */
    async drain(): Promise<void> {
      while (workers > 0) await nextChange();
      if (failure) throw failure.err;
    },
  };
}

async function crawlHtmlList(source: HtmlListSource, sink: CrawlSink, run: Run, deps: CrawlDeps): Promise<void> {
  const detail = (url: string) =>
    fetchItem(run, source, url, (html, finalUrl) => parseDetailPage(html, finalUrl, source, { now: run.now() }), deps);
  const details = createDetailQueue(source.concurrency, async (url) => {
    await detail(url);
    run.stepDone('detail');
  });
  try {
    await walkHtmlList(source, sink, run, deps, details);
  } finally {
    await details.drain();
  }
}

/** Reads list pages one after the other, handing their unknown links to the detail queue. */
async function walkHtmlList(source: HtmlListSource, sink: CrawlSink, run: Run, deps: CrawlDeps, details: ReturnType<typeof createDetailQueue>): Promise<void> {
  const visited = new Set<string>();
  // Pinned posts repeat on every list page; fetch each detail page once per run.
  const queued = new Set<string>();
  let previous: string | null = null;
  let pageUrl = canonicalUrl(source.url);
  if (!pageUrl) throw new CriticalError(`source url is not http(s): ${source.url}`, { url: source.url });
  const where = { sourceId: source.id };
  // Links an interrupted run discovered but never stored come first, so none is lost.
  const resumed = (await sink.frontier?.pending(source.id)) ?? [];
  if (resumed.length) {
    const still = await sink.filterUnknownUrls(source.id, resumed);
    const stale = new Set(still);
    await run.markDone(resumed.filter((u) => !stale.has(u)));
    const admitted = still.filter((url) => run.admit(url));
    for (const url of still) queued.add(url);
    run.log.info({ ...where, links: admitted.length }, 'resuming links left by an interrupted run');
    run.addTotal(admitted.length, 'list');
    details.push(admitted);
  }
  for (let pageNo = 1; pageNo <= source.list.maxPages; pageNo++) {
    await details.waitForRoom();
    visited.add(pageUrl);
    if (!run.admit(pageUrl)) return;
    let page: FetchedPage;
    let next: string | null;
    let unknown: string[];
    try {
      page = await deps.fetcher.fetchPage(pageUrl, source, { conditional: true });
      if (page.notModified) {
        run.log.info({ ...where, url: pageUrl }, 'list page unchanged since the last complete run (304); stopping');
        return;
      }
      const parsed = parseListPage(page.text, page.url, source);
      next = parsed.next;
      const signature = linkSignature(parsed.links);
      if (signature === previous) {
        run.log.warn({ ...where, url: pageUrl }, 'list page has the same links as the previous one (pagination trap?); stopping');
        return;
      }
      previous = signature;
      const candidates = parsed.links.filter((l) => !queued.has(l));
      unknown = candidates.length ? await sink.filterUnknownUrls(source.id, candidates) : [];
    } catch (err) {
      // Without this page there is no way to the next one; what was gathered so far still counts.
      run.handle(err, pageUrl);
      return;
    }
    run.pageHandled(page);
    for (const url of unknown) queued.add(url);
    const admitted = unknown.filter((url) => run.admit(url));
    run.addTotal(admitted.length, 'list');
    try {
      await sink.frontier?.add(source.id, admitted);
    } catch (err) {
      run.log.warn({ ...where, err: describeError(err) }, 'could not record discovered links in the crawl frontier');
    }
    details.push(admitted);
    // Lists are newest first: a page with nothing new means the rest was seen on earlier runs.
    if (unknown.length === 0) return;
    if (!next) return;
    if (visited.has(next)) {
      run.log.warn({ ...where, url: pageUrl, next }, '"next" leads back to a page already read this run (pagination loop); stopping');
      return;
    }
    pageUrl = next;
  }
}

/**
 * Sources whose one document holds the items themselves (RSS/Atom feeds, JSON lists): fetched
 * conditionally, unknown entries built into items, no detail pages.
 */
async function crawlEntries(
  source: RssSource | JsonListSource,
  sink: CrawlSink,
  run: Run,
  deps: CrawlDeps,
  parse: (text: string, url: string) => ParsedItem[],
): Promise<void> {
  let page: FetchedPage;
  let entries: ParsedItem[];
  let unknown: Set<string>;
  try {
    page = await deps.fetcher.fetchPage(source.url, source, { conditional: true });
    if (page.notModified) {
      run.log.info({ sourceId: source.id, url: source.url }, 'unchanged since the last complete run (304)');
      return;
    }
    entries = parse(page.text, page.url);
    unknown = new Set(entries.length ? await sink.filterUnknownUrls(source.id, entries.map((e) => e.url)) : []);
  } catch (err) {
    run.handle(err, source.url);
    return;
  }
  run.pageHandled(page);
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

function crawlJson(source: JsonListSource, sink: CrawlSink, run: Run, deps: CrawlDeps): Promise<void> {
  return crawlEntries(source, sink, run, deps, (text, url) =>
    parseJsonList(text, url, source, {
      // An entry without url or title is an item we cannot store: a failure, named, not a silent drop.
      onReject: (reason) => run.fail(new NonRetryableError(`unusable JSON entry: ${reason}`, { url }), url),
    }),
  );
}

/**
 * One crawl run of one source, recorded through the sink from start to finish. Only a failing
 * sink.startRun rejects (there is no run to record a failure on); every later failure is counted
 * in the returned report, so a scheduler can call this without guarding against throws.
 */
export async function crawlSource(source: SourceConfig, sink: CrawlSink, deps: CrawlDeps): Promise<CrawlReport> {
  const runId = await sink.startRun(source.id);
  const run = createRun(source, sink, deps);
  run.log.info({ sourceId: source.id, runId }, 'crawl started');
  try {
    if (source.type === 'html-list') await crawlHtmlList(source, sink, run, deps);
    else if (source.type === 'rss') await crawlEntries(source, sink, run, deps, parseFeed);
    else if (source.type === 'json') await crawlJson(source, sink, run, deps);
    else throw new CriticalError(`source type "${(source as { type: string }).type}" is not supported by this crawler version`);
  } catch (err) {
    run.fail(err, source.url);
  }
  await run.flush();
  // After the flush: a batch that failed to reach the sink makes the run incomplete.
  for (const page of run.pagesToRemember()) {
    await deps.fetcher.remember(page).catch((err: unknown) => run.log.warn({ sourceId: source.id, url: page.url, err: describeError(err) }, 'could not remember validators'));
  }
  run.finishProgress();
  const stats = { ...run.stats };
  try {
    await sink.finishRun(runId, stats);
  } catch (err) {
    run.log.error({ sourceId: source.id, runId, err: describeError(err) }, 'could not record the end of the crawl run');
  }
  run.log.info({ sourceId: source.id, runId, ...run.stats }, 'crawl finished');
  return stats;
}
