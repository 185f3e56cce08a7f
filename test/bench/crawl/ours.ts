import { crawlSource, type CrawlDeps } from '../../../crawler/crawl-source';
import { createFetcher } from '../../../crawler/fetch/fetcher';
import type { CrawlSink } from '../../../server/contracts/ingest';
import type { HtmlListSource } from '../../../server/contracts/source';
import { createMeter, parseChildArgs, reportAndExit } from './child-meter';

/**
 * Child process: our crawler over the whole bench site, as the scheduler would run one source,
 * with an in-memory sink that checks every item's decoding and keeps nothing.
 */
const args = parseChildArgs();
const meter = createMeter('ours', args);

// Built directly rather than through the zod schema: the schema caps list.maxPages at 100
// (5,000 articles at 50 a page), and the --long run needs more list pages than that.
const source: HtmlListSource = {
  type: 'html-list',
  id: 'bench-site',
  name: '基准测试站点',
  kind: 'news',
  url: args.startUrl,
  schedule: '*/10 * * * *',
  delayMs: 0,
  timeoutMs: 30_000,
  retries: 2,
  allowPrivateNetwork: true,
  ownSite: false,
  concurrency: args.concurrency,
  enabled: true,
  list: { link: 'ul.news-list li a', next: '.pager a.next', maxPages: args.listPages },
  detail: { title: 'h1.article-title', time: '.article-meta .pub-time', body: '#zoom', author: '.article-meta .source' },
};

const sink: CrawlSink = {
  // Nothing is stored, so every URL is unknown: a full crawl, as on a source's first run.
  filterUnknownUrls: async (_sourceId, urls) => urls,
  async ingest(items) {
    for (const item of items) meter.page(item.url, item.title, item.body);
    return { new: items.length, duplicate: 0 };
  },
  startRun: async () => 1,
  finishRun: async () => undefined,
};

const deps: CrawlDeps = {
  fetcher: createFetcher({ retryBaseMs: 200 }),
  // The per-run URL budget (a guard against crawler traps) must admit the whole site.
  maxUrlsPerRun: args.pages + args.listPages + 10,
};
meter.start();
const stats = await crawlSource(source, sink, deps);
if (stats.failed > 0) meter.failure(stats.lastError ?? 'unknown', stats.failed);
meter.note(`crawl report: ${JSON.stringify(stats)}`);
reportAndExit(meter.finish());
