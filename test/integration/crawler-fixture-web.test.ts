import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../crawler/crawl-source';
import { createFetcher, type Fetcher } from '../../crawler/fetch/fetcher';
import type { CrawlLog } from '../../crawler/log';
import { SourceConfig } from '../../server/contracts/source';
import { createMemorySink } from '../fixtures/crawler/memory-sink';
import { startVirtualWeb, type VirtualWeb } from '../fixtures/crawler/virtual-web';

/**
 * The crawler against a small fake internet on 127.0.0.1: several sites told apart by Host
 * header, each with its own robots.txt, encodings, failures and traps. Every case asserts what
 * was collected and what was not (and, where it matters, that a page was never even requested).
 */

const NOW = new Date('2023-06-05T00:00:00Z');

const listPage = (links: string[], opts: { charset?: string; next?: string } = {}) =>
  `<html><head>${opts.charset ? `<meta charset="${opts.charset}">` : ''}<title>通知公告</title></head><body>` +
  `<ul class="list">${links.map((l, i) => `<li><a href="${l}">第${i + 1}条</a></li>`).join('')}</ul>` +
  `${opts.next ? `<a class="next" href="${opts.next}">下一页</a>` : ''}</body></html>`;

const article = (title: string, body: string, meta = '') =>
  `<!DOCTYPE html><html><head>${meta}<title>${title}</title></head><body><nav>首页 &gt; 通知公告</nav>` +
  `<h1 class="title">${title}</h1><div class="info">发布时间：2023-06-04 09:30</div><div class="content"><p>${body}</p></div></body></html>`;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 1_016 }, () => 0)]);

const GOV_LINKS = [
  '/tzgg/gbk-header.html', // GBK named by the Content-Type header
  '/tzgg/gbk-meta.html', // GBK named by <meta> only (as gb2312)
  '/tzgg/meta-lies.html', // <meta charset="utf-8"> on GBK bytes
  '/tzgg/garbled.html', // garbled at the source: mojibake in every charset
  '/internal/draft.html', // robots.txt: Disallow /internal/
  '/files/budget.pdf', // binary by its extension
  '/tzgg/image.html', // an image served as text/html
  '/tzgg/busy.html', // 429 with Retry-After, then fine
  '/tzgg/huge.html', // over the body limit
  '/tzgg/moved.html', // 301 → 302 → the page
  '/tzgg/to-loopback.html', // 302 → http://127.0.0.1/…
  '/tzgg/to-metadata.html', // 302 → a name resolving to 169.254.169.254
  '/tzgg/malformed.html', // unclosed tags everywhere
];

let web: VirtualWeb;
let fetcher: Fetcher;
let busyAt: number[] = [];

beforeAll(async () => {
  web = await startVirtualWeb(
    {
      'gov.test': {
        '/robots.txt': { contentType: 'text/plain', body: 'User-agent: *\nDisallow: /internal/\nCrawl-delay: 0.05\n' },
        '/tzgg/index.html': { charset: 'gbk', body: listPage(GOV_LINKS, { charset: 'gbk' }) },
        '/tzgg/gbk-header.html': { charset: 'gbk', body: article('关于东城街道临时停水的通知', '因管网维修，6月5日8时至18时停水。') },
        '/tzgg/gbk-meta.html': {
          contentType: 'text/html',
          body: iconv.encode(article('区防汛抗旱指挥部召开会议', '部署今年汛期各项工作，确保人民群众生命财产安全。', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk'),
        },
        '/tzgg/meta-lies.html': {
          contentType: 'text/html',
          body: iconv.encode(article('辟谣：网传西湖镇明天封城不实', '经核实，该信息不实，系谣言，请广大市民不信谣、不传谣。', '<meta charset="utf-8">'), 'gbk'),
        },
        '/tzgg/garbled.html': { body: article('锟斤拷锟斤拷锟斤拷', '烫烫烫烫烫烫锟斤拷锟斤拷') },
        '/internal/draft.html': { body: article('内部草稿', '不该被抓取。') },
        '/files/budget.pdf': { contentType: 'application/pdf', body: Buffer.from('%PDF-1.4') },
        '/tzgg/image.html': { contentType: 'text/html; charset=utf-8', stream: { head: PNG, totalBytes: 16 * 1024 * 1024 } },
        '/tzgg/busy.html': (hit) => {
          busyAt.push(Date.now());
          return hit === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: '' } : { body: article('区政务服务中心调整办公时间', '自6月起，周六上午照常办公。') };
        },
        '/tzgg/huge.html': { body: article('超大页面', '很长的内容。'.repeat(60_000)) },
        '/tzgg/moved.html': { status: 301, headers: { location: '/tzgg/moved-2.html' } },
        '/tzgg/moved-2.html': { status: 302, headers: { location: '/tzgg/final.html' } },
        '/tzgg/final.html': { body: article('区人民医院新院区启用', '新院区于6月1日起正式接诊。') },
        // The fixture's own loopback address, where an "internal admin page" really answers.
        '/tzgg/to-loopback.html': () => ({ status: 302, headers: { location: web.url('127.0.0.1', '/admin') } }),
        '/tzgg/to-metadata.html': { status: 302, headers: { location: 'http://metadata.test/latest/meta-data/' } },
        '/tzgg/malformed.html': {
          body: '<html><head><title>残缺页面</title><body><h1 class="title">区图书馆暑期开放</h2><div class="info">发布时间：2023-06-04</span>' +
            '<div class="content"><p>暑期每天开放<b>至晚九点<p>欢迎读者</td></div></div></div>',
        },
      },
      'tw.test': {
        '/list.html': { charset: 'big5', body: listPage(['/a/1.html', '/a/2.html'], { charset: 'big5' }) },
        '/a/1.html': { charset: 'big5', body: article('臺北市政府公告', '颱風期間停班停課資訊。') },
        '/a/2.html': { contentType: 'text/html', body: iconv.encode(article('香港特區政府新聞公報', '政府宣布新措施。', '<meta charset="big5-hkscs">'), 'big5') },
      },
      'news.test': {
        // An endless list: every page has new links and a next page.
        '/endless': (_hit, req) => {
          const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1');
          return { body: listPage([`/e/${page}-1.html`, `/e/${page}-2.html`], { next: `/endless?page=${page + 1}` }) };
        },
        // A list whose "next" serves the same links again, forever.
        '/same': (_hit, req) => {
          const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1');
          return { body: listPage(['/s/1.html', '/s/2.html'], { next: `/same?page=${page + 1}` }) };
        },
        '*': (_hit, req) => ({ body: article(`新闻 ${req.url}`, '正文内容。') }),
      },
      'slow.test': {
        '/list.html': { body: listPage(['/ok.html', '/stuck.html']) },
        '/ok.html': { delayMs: 150, body: article('慢但能打开的页面', '稍慢的服务器。') },
        '/stuck.html': { delayMs: 900, body: article('打不开的页面', '超时。') },
      },
      'own.test': {
        // The department's own site keeps crawlers out; its own monitor is the exception.
        '/robots.txt': { contentType: 'text/plain', body: 'User-agent: *\nDisallow: /\n' },
        '/list.html': { body: listPage(['/n/1.html']) },
        '/n/1.html': { body: article('区委宣传部工作动态', '本周工作安排。') },
      },
      'down.test': {
        '/robots.txt': { status: 503, body: 'maintenance' },
        '/list.html': { body: listPage(['/n/1.html']) },
      },
      'api.test': {
        '/robots.txt': { contentType: 'text/plain', body: 'User-agent: *\nDisallow: /admin/\n' },
        '/api/news': {
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify({
            code: 0,
            result: [
              {
                list: [
                  { link: '/news/101.html', title: '区融媒体中心：夏季用电高峰提示', content: '<p>请错峰用电。</p>', time: '2023-06-04 08:00', from: '区融媒体中心' },
                  { link: 'https://other.test/n/7.html?utm_source=api', title: '外站转载', time: 1685836800 },
                  { link: '/news/103.html', title: '' },
                  { title: '没有链接的条目' },
                ],
              },
            ],
          }),
        },
      },
      'feeds.test': {
        '/rss.xml': (_hit, req) =>
          req.headers['if-modified-since'] === 'Sun, 04 Jun 2023 10:00:00 GMT'
            ? { status: 304 }
            : {
                contentType: 'application/rss+xml; charset=gbk',
                charset: 'gbk',
                headers: { 'last-modified': 'Sun, 04 Jun 2023 10:00:00 GMT' },
                body: `<?xml version="1.0" encoding="gbk"?><rss version="2.0"><channel><title>辟谣平台</title>
                  <item><title>辟谣：板蓝根不能预防流感</title><link>/p/1.html</link><description><![CDATA[<p>没有科学依据。</p>]]></description><pubDate>Sun, 04 Jun 2023 10:00:00 +0800</pubDate></item>
                  <item><title>辟谣：停水三天系伪造</title><link>/p/2.html</link><description>经核实，不实。</description></item>
                </channel></rss>`,
              },
        '/atom.xml': {
          contentType: 'application/atom+xml',
          body: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>清河融媒</title>
            <entry><title>区运动会开幕</title><link rel="alternate" href="https://feeds.test/a/1.html"/><published>2023-06-04T09:00:00+08:00</published><summary>共有两千名运动员参加。</summary></entry>
            <entry><title>没有链接的条目</title><summary>无</summary></entry>
          </feed>`,
        },
      },
      '127.0.0.1': { '/admin': { body: '<p>内部管理后台</p>' } },
    },
    { privateNames: { 'metadata.test': '169.254.169.254' } },
  );
  fetcher = createFetcher({
    fetch: web.fetch,
    resolveHost: web.resolveHost,
    retryBaseMs: 10,
    // Retry-After: 1 becomes a 150 ms pause, to keep the test fast.
    retryMaxDelayMs: 150,
    maxBodyBytes: 256 * 1024,
  });
});
afterAll(() => web.close());

function htmlSource(host: string, path: string, overrides: Record<string, unknown> = {}): SourceConfig {
  return SourceConfig.parse({
    id: host.replace(/\W/g, '-'), name: host, kind: 'notice', type: 'html-list', url: web.url(host, path),
    delayMs: 0, timeoutMs: 2_000, retries: 1,
    list: { link: 'ul.list a', next: 'a.next', maxPages: 5 },
    detail: { title: 'h1.title', time: '.info', body: '.content' },
    ...overrides,
  });
}

describe('a GBK government site with everything that can go wrong', () => {
  const memory = createMemorySink();
  const gov = (path: string) => web.url('gov.test', path);
  const failures = new Map<string, string>();
  const log: CrawlLog = {
    debug() {},
    info() {},
    warn: (obj) => {
      const { url, err } = obj as { url?: string; err?: string };
      if (url && err) failures.set(url, err);
    },
    error() {},
  };
  let stats: Awaited<ReturnType<typeof crawlSource>>;

  beforeAll(async () => {
    busyAt = [];
    stats = await crawlSource(htmlSource('gov.test', '/tzgg/index.html'), memory.sink, { fetcher, now: () => NOW, log });
  });

  it('collects the good pages, each decoded right', () => {
    expect(memory.items.get(gov('/tzgg/gbk-header.html'))).toMatchObject({ title: '关于东城街道临时停水的通知', body: '因管网维修，6月5日8时至18时停水。', publishedAt: '2023-06-04T09:30:00+08:00' });
    expect(memory.items.get(gov('/tzgg/gbk-meta.html'))?.title).toBe('区防汛抗旱指挥部召开会议');
    expect(memory.items.get(gov('/tzgg/meta-lies.html'))).toMatchObject({ title: '辟谣：网传西湖镇明天封城不实', body: '经核实，该信息不实，系谣言，请广大市民不信谣、不传谣。' });
    expect(memory.items.get(gov('/tzgg/busy.html'))?.title).toBe('区政务服务中心调整办公时间');
    // Stored under the URL the list linked to, not where the redirects ended.
    expect(memory.items.get(gov('/tzgg/moved.html'))?.title).toBe('区人民医院新院区启用');
    expect(memory.items.has(gov('/tzgg/final.html'))).toBe(false);
    expect(memory.items.get(gov('/tzgg/malformed.html'))).toMatchObject({ title: '区图书馆暑期开放', publishedAt: '2023-06-04T00:00:00+08:00' });
    expect(memory.items.get(gov('/tzgg/malformed.html'))?.body).toContain('暑期每天开放');
    expect(memory.items.size).toBe(6);
  });

  it('never passes mojibake on, and counts it as failed', () => {
    expect(memory.items.has(gov('/tzgg/garbled.html'))).toBe(false);
    expect(failures.get(gov('/tzgg/garbled.html'))).toMatch(/mojibake: .*锟斤拷/);
  });

  it('fails an oversize page without keeping any of it', () => {
    expect(memory.items.has(gov('/tzgg/huge.html'))).toBe(false);
    expect(failures.get(gov('/tzgg/huge.html'))).toMatch(/response too big: more than 262144 bytes/);
  });

  it('skips what robots.txt forbids and binary content, without downloading it', () => {
    expect(stats.skipped).toBe(3);
    expect(web.hits('gov.test', '/internal/draft.html')).toBe(0);
    expect(web.hits('gov.test', '/files/budget.pdf')).toBe(0);
    expect(web.hits('gov.test', '/robots.txt')).toBe(1);
    expect(memory.items.has(gov('/tzgg/image.html'))).toBe(false);
    // 16 MB offered; the crawler hung up after the first bytes (the rest is socket buffers).
    expect(web.sentBytes('gov.test', '/tzgg/image.html')).toBeLessThan(8 * 1024 * 1024);
  });

  it('waits out a 429 Retry-After (capped) and keeps Crawl-delay between requests', () => {
    expect(busyAt).toHaveLength(2);
    expect(busyAt[1]! - busyAt[0]!).toBeGreaterThanOrEqual(140);
    const times = web.requests.filter((r) => r.host === 'gov.test').map((r) => r.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(45);
  });

  it('refuses redirects to private addresses: nothing internal is ever requested', () => {
    expect(failures.get(gov('/tzgg/to-loopback.html'))).toMatch(/refused to fetch 127\.0\.0\.1/);
    expect(failures.get(gov('/tzgg/to-metadata.html'))).toMatch(/refused to fetch metadata\.test.*169\.254\.169\.254/);
    expect(web.hits('127.0.0.1', '/admin')).toBe(0);
    expect(web.requests.some((r) => r.host === 'metadata.test')).toBe(false);
  });

  it('reports the run in numbers the dashboard can show', () => {
    // Failed: garbled, huge, to-loopback, to-metadata. Skipped: robots, .pdf, the image.
    expect([...failures.keys()].sort()).toEqual(['/tzgg/garbled.html', '/tzgg/huge.html', '/tzgg/to-loopback.html', '/tzgg/to-metadata.html'].map(gov));
    expect(stats).toMatchObject({ fetched: 6, new: 6, duplicate: 0, failed: 4, skipped: 3 });
    expect(memory.runs[0]?.stats).toEqual({ fetched: 6, new: 6, duplicate: 0, failed: 4, skipped: 3, lastError: stats.lastError });
  });
});

describe('other encodings, slow servers and robots', () => {
  it('decodes Big5 sites, whether the header or <meta charset="big5-hkscs"> says so', async () => {
    const memory = createMemorySink();
    const stats = await crawlSource(htmlSource('tw.test', '/list.html'), memory.sink, { fetcher });
    expect(stats).toMatchObject({ fetched: 2, failed: 0 });
    expect(memory.items.get(web.url('tw.test', '/a/1.html'))).toMatchObject({ title: '臺北市政府公告', body: '颱風期間停班停課資訊。' });
    expect(memory.items.get(web.url('tw.test', '/a/2.html'))?.title).toBe('香港特區政府新聞公報');
  });

  it('waits for a slow page and gives up on one that times out, retrying once', async () => {
    const memory = createMemorySink();
    const stats = await crawlSource(htmlSource('slow.test', '/list.html', { timeoutMs: 500 }), memory.sink, { fetcher });
    expect(stats).toMatchObject({ fetched: 1, failed: 1 });
    expect(stats.lastError).toMatch(/stuck\.html: timed out after 500 ms/);
    expect(memory.items.has(web.url('slow.test', '/ok.html'))).toBe(true);
    expect(memory.items.has(web.url('slow.test', '/stuck.html'))).toBe(false);
    expect(web.hits('slow.test', '/stuck.html')).toBe(2);
  });

  it('ignores robots.txt on the department\'s own site only', async () => {
    const own = await crawlSource(htmlSource('own.test', '/list.html', { ownSite: true }), createMemorySink().sink, { fetcher });
    expect(own).toMatchObject({ fetched: 1, skipped: 0 });
    expect(web.hits('own.test', '/robots.txt')).toBe(0);
    const other = await crawlSource(htmlSource('own.test', '/list.html', { id: 'own-as-other' }), createMemorySink().sink, { fetcher });
    expect(other).toMatchObject({ fetched: 0, failed: 0, skipped: 1 });
    expect(web.hits('own.test', '/list.html')).toBe(1);
  });

  it('does not crawl a host whose robots.txt cannot be read', async () => {
    const stats = await crawlSource(htmlSource('down.test', '/list.html'), createMemorySink().sink, { fetcher });
    expect(stats).toMatchObject({ fetched: 0, failed: 1 });
    expect(stats.lastError).toMatch(/robots\.txt could not be read \(HTTP 503\)/);
    expect(web.hits('down.test', '/list.html')).toBe(0);
    // retries: 1 applies to robots.txt as to any page.
    expect(web.hits('down.test', '/robots.txt')).toBe(2);
  });
});

describe('crawler traps', () => {
  it('bounds endless pagination by maxPages', async () => {
    const memory = createMemorySink();
    const stats = await crawlSource(htmlSource('news.test', '/endless'), memory.sink, { fetcher });
    expect(stats).toMatchObject({ fetched: 10, failed: 0 });
    expect(web.hits('news.test', '/endless?page=5')).toBe(1);
    expect(web.hits('news.test', '/endless?page=6')).toBe(0);
  });

  it('stops at once when "next" serves the same links again', async () => {
    const stats = await crawlSource(htmlSource('news.test', '/same'), createMemorySink().sink, { fetcher });
    expect(stats).toMatchObject({ fetched: 2, failed: 0 });
    expect(web.hits('news.test', '/same?page=2')).toBe(1);
    expect(web.hits('news.test', '/same?page=3')).toBe(0);
  });
});

describe('JSON and feed sources', () => {
  it('collects a JSON list endpoint; entries without url or title are failed with a reason', async () => {
    const memory = createMemorySink();
    const source = SourceConfig.parse({
      id: 'api', name: '区融媒体接口', kind: 'news', type: 'json', url: web.url('api.test', '/api/news'), delayMs: 0, retries: 0,
      list: { path: 'result.0.list', fields: { url: 'link', title: 'title', body: 'content', publishedAt: 'time', author: 'from' } },
    });
    const stats = await crawlSource(source, memory.sink, { fetcher, now: () => NOW });
    expect(stats).toMatchObject({ fetched: 2, new: 2, failed: 2 });
    expect(stats.lastError).toMatch(/entry 3: no url at "link"/);
    expect(memory.items.get(web.url('api.test', '/news/101.html'))).toMatchObject({
      title: '区融媒体中心：夏季用电高峰提示', body: '请错峰用电。', publishedAt: '2023-06-04T08:00:00+08:00', author: '区融媒体中心',
    });
    expect(memory.items.get('https://other.test/n/7.html')).toMatchObject({ title: '外站转载', publishedAt: '2023-06-04T08:00:00+08:00' });
    expect(memory.items.has(web.url('api.test', '/news/103.html'))).toBe(false);
  });

  it('collects a GBK RSS feed, then gets a 304 and asks nothing more', async () => {
    const memory = createMemorySink();
    const source = SourceConfig.parse({ id: 'rss', name: '辟谣平台', kind: 'news', type: 'rss', url: web.url('feeds.test', '/rss.xml'), delayMs: 0, retries: 0 });
    expect(await crawlSource(source, memory.sink, { fetcher })).toMatchObject({ fetched: 2, new: 2, failed: 0 });
    expect(memory.items.get(web.url('feeds.test', '/p/1.html'))).toMatchObject({ title: '辟谣：板蓝根不能预防流感', body: '没有科学依据。' });
    const filterCalls = memory.filterCalls.length;
    expect(await crawlSource(source, memory.sink, { fetcher })).toMatchObject({ fetched: 0, failed: 0 });
    expect(memory.filterCalls).toHaveLength(filterCalls);
    expect(web.requests.filter((r) => r.path === '/rss.xml').at(-1)?.headers['if-modified-since']).toBe('Sun, 04 Jun 2023 10:00:00 GMT');
  });

  it('collects an Atom feed, dropping entries without a link', async () => {
    const memory = createMemorySink();
    const source = SourceConfig.parse({ id: 'atom', name: '清河融媒', kind: 'news', type: 'rss', url: web.url('feeds.test', '/atom.xml'), delayMs: 0, retries: 0 });
    expect(await crawlSource(source, memory.sink, { fetcher })).toMatchObject({ fetched: 1, failed: 0 });
    expect(memory.items.get('https://feeds.test/a/1.html')).toMatchObject({ title: '区运动会开幕', body: '共有两千名运动员参加。', publishedAt: '2023-06-04T09:00:00+08:00' });
  });
});
