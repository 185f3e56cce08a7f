import { CheerioCrawler, Configuration, log, MemoryStorage } from 'crawlee';
import { createMeter, parseChildArgs, reportAndExit } from './child-meter';

/**
 * Child process: the same crawl with Crawlee's CheerioCrawler, tuned as ecosystem.md found fair:
 * concurrency pinned (min = desired = max, so the autoscaler neither ramps slowly nor backs off)
 * and storage in memory only (its default disk storage doubles the time and triples memory).
 * Charset handling is Crawlee's default: the Content-Type header, else UTF-8.
 */
const args = parseChildArgs();
const meter = createMeter('crawlee', args);
log.setLevel(log.LEVELS.WARNING);

const config = new Configuration({
  persistStorage: false,
  purgeOnStart: true,
  storageClient: new MemoryStorage({ persistStorage: false, writeMetadata: false }),
});

const C = args.concurrency;
const crawler = new CheerioCrawler(
  {
    minConcurrency: C,
    maxConcurrency: C,
    autoscaledPoolOptions: { desiredConcurrency: C },
    maxRequestRetries: 2,
    navigationTimeoutSecs: 30,
    requestHandlerTimeoutSecs: 60,
    statusMessageLoggingInterval: 3_600,
    async requestHandler({ request, $, enqueueLinks }) {
      if (request.label === 'DETAIL') {
        // The same fields our html-list source extracts; script/style dropped from the body as ours does.
        const zoom = $('#zoom').first();
        zoom.find('script, style, noscript').remove();
        const item = {
          title: $('h1.article-title').first().text().trim() || $('meta[property="og:title"]').attr('content') || '',
          time: $('.article-meta .pub-time').first().text().trim(),
          author: $('.article-meta .source').first().text().trim(),
          body: zoom.text(),
        };
        meter.page(request.url, item.title, item.body);
        return;
      }
      await enqueueLinks({ selector: 'ul.news-list li a', label: 'DETAIL' });
      await enqueueLinks({ selector: '.pager a.next', label: 'LIST' });
    },
    failedRequestHandler({ request }, error) {
      meter.failure(`${request.url}: ${error.message}`);
    },
  },
  config,
);

meter.start();
const stats = await crawler.run([{ url: args.startUrl, label: 'LIST' }]);
meter.note(`Crawlee stats: finished=${stats.requestsFinished} failed=${stats.requestsFailed} retry histogram [${stats.retryHistogram.join(", ")}]`);
reportAndExit(meter.finish());
