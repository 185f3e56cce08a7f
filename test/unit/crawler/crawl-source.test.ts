import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, type CrawlProgress } from '../../../crawler/crawl-source';
import { createFetcher } from '../../../crawler/fetch/fetcher';
import type { CrawlSink } from '../../../server/contracts/ingest';
import { SourceConfig } from '../../../server/contracts/source';
import { startFixtureServer, type FixtureServer } from '../../fixtures/crawler/fixture-server';
import { createMemorySink } from '../../fixtures/crawler/memory-sink';

const list = (links: string[], next?: string) =>
  `<html><head><meta charset="utf-8"></head><body><ul class="list">${links.map((l) => `<li><a href="${l}">${l}</a></li>`).join('')}</ul>${next ? `<a class="next" href="${next}">下一页</a>` : ''}</body></html>`;

const detail = (title: string, time: string, body: string, charset = 'utf-8') =>
  `<!DOCTYPE html><html><head><meta charset="${charset}"><title>${title}</title></head><body><nav>首页</nav>
<h1 class="title">${title}</h1><div class="meta">发布时间：${time}</div><div class="content"><p>${body}</p></div></body></html>`;

let site: FixtureServer;
const fetcher = createFetcher({ retryBaseMs: 5 });
const NOW = new Date('2023-06-05T00:00:00Z');

function htmlSource(overrides: Record<string, unknown> = {}): SourceConfig {
  return SourceConfig.parse({
    id: 'gov', name: '区政府通知公告', kind: 'notice', type: 'html-list', url: `${site.url}/list1.html`,
    delayMs: 0, timeoutMs: 2_000, retries: 2, allowPrivateNetwork: true,
    list: { link: 'ul.list a', next: 'a.next', maxPages: 2 },
    detail: { title: 'h1.title', time: '.meta', body: '.content' },
    ...overrides,
  });
}

beforeAll(async () => {
  site = await startFixtureServer({
    '/list1.html': { body: list(['/d/1.html', '/d/2.html?utm_source=wx#x', '/d/3.html', '/d/4.html'], '/list2.html') },
    // /d/1.html is "pinned": it repeats on page 2 and must not be fetched twice.
    '/list2.html': { body: list(['/d/5.html', '/d/1.html'], '/list3.html') },
    '/list3.html': { body: list(['/d/6.html']) },
    '/d/1.html': { body: detail('关于东城街道临时停水的通知', '2023-06-04 09:30', '因管网维修，6月5日停水。') },
    '/d/2.html': { charset: 'gbk', body: detail('辟谣：网传“西湖镇明天封城”不实', '2023年6月4日 10:00', '经核实，该信息不实，系谣言。', 'gbk') },
    '/d/3.html': (hit) => (hit === 1 ? { status: 500, body: 'busy' } : { body: detail('区防汛工作部署会召开', '2023/06/03', '会议部署了防汛工作。') }),
    '/d/5.html': { body: detail('关于东城街道临时停水的通知', '2023-06-04 09:30', '因管网维修，6月5日停水。') },
    '/d/6.html': { body: detail('不该被抓取', '2023-06-01', '超出 maxPages') },
    '/feed.xml': {
      contentType: 'application/rss+xml; charset=utf-8',
      body: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>辟谣</title>
        <item><title>辟谣：板蓝根不能预防流感</title><link>/p/1.html?spm=a</link><description><![CDATA[<p>没有科学依据。</p>]]></description><pubDate>Sun, 04 Jun 2023 10:00:00 +0800</pubDate></item>
        <item><title>辟谣：停水三天系伪造</title><link>/p/2.html</link><description>经核实，不实。</description></item>
        <item><title>已知条目</title><link>/p/3.html</link><description>旧</description></item>
      </channel></rss>`,
    },
    '/layout-changed.html': { body: '<div class="new-layout"><a href="/d/1.html">x</a></div>' },
  });
});
afterAll(() => site.close());

describe('crawlSource (html-list)', () => {
  const memory = createMemorySink();

  it('crawls list pages and details: GBK decoded, 500 retried, 404 counted, nothing stops the run', async () => {
    const progress: CrawlProgress[] = [];
    const stats = await crawlSource(htmlSource(), memory.sink, { fetcher, now: () => NOW, batchSize: 2, onProgress: (p) => progress.push(p) });

    expect(stats).toMatchObject({ fetched: 4, new: 3, duplicate: 1, failed: 1 });
    expect(stats.lastError).toContain(`${site.url}/d/4.html`);
    expect(stats.lastError).toContain('HTTP 404');
    // The sink records the contract's stats; "skipped" is the crawler's own counter.
    const { skipped } = stats;
    expect(skipped).toBe(0);
    expect(memory.runs).toEqual([{ id: 1, sourceId: 'gov', stats }]);

    const gbk = memory.items.get(`${site.url}/d/2.html`);
    expect(gbk).toMatchObject({ title: '辟谣：网传“西湖镇明天封城”不实', body: '经核实，该信息不实，系谣言。', publishedAt: '2023-06-04T10:00:00+08:00', sourceId: 'gov', fetchedAt: NOW.toISOString() });
    expect(memory.items.get(`${site.url}/d/3.html`)?.publishedAt).toBe('2023-06-03T00:00:00+08:00');
    expect(site.hits.get('/d/3.html')).toBe(2);
    expect(site.hits.get('/d/1.html')).toBe(1);
    expect(site.hits.has('/list3.html')).toBe(false);
    expect(site.hits.has('/d/6.html')).toBe(false);
    // Batches of two, the remainder flushed at the end.
    expect(memory.batches).toEqual([2, 2]);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 5, total: 5 });
  });

  it('a second crawl fetches no known detail page and stops at the first page with nothing new', async () => {
    const before = new Map(site.hits);
    const stats = await crawlSource(htmlSource(), memory.sink, { fetcher, now: () => NOW });
    // Only the 404 page is still unknown, so it is tried again; every known page is left alone.
    expect(stats).toMatchObject({ fetched: 0, new: 0, duplicate: 0, failed: 1 });
    for (const path of ['/d/1.html', '/d/2.html', '/d/3.html', '/d/5.html']) expect(site.hits.get(path)).toBe(before.get(path));
    expect(site.hits.get('/d/4.html')).toBe((before.get('/d/4.html') ?? 0) + 1);
    expect(site.hits.get('/list2.html')).toBe((before.get('/list2.html') ?? 0) + 1);
    expect(site.hits.has('/list3.html')).toBe(false);
  });

  it('ends the run as failed, without throwing, when the list page is unreachable', async () => {
    const sink = createMemorySink();
    const stats = await crawlSource(htmlSource({ url: `${site.url}/nowhere.html` }), sink.sink, { fetcher });
    expect(stats).toEqual({ fetched: 0, new: 0, duplicate: 0, failed: 1, skipped: 0, lastError: `${site.url}/nowhere.html: HTTP 404` });
    expect(sink.runs[0]?.stats).toEqual({ fetched: 0, new: 0, duplicate: 0, failed: 1, skipped: 0, lastError: `${site.url}/nowhere.html: HTTP 404` });
  });

  it('reports a changed layout with the source URL', async () => {
    const sink = createMemorySink();
    const stats = await crawlSource(htmlSource({ url: `${site.url}/layout-changed.html` }), sink.sink, { fetcher });
    expect(stats.failed).toBe(1);
    expect(stats.lastError).toMatch(/layout-changed\.html: layout changed: list\.link "ul\.list a" matched nothing/);
  });

  it('counts a failing sink.ingest as failed items and still finishes the run', async () => {
    const memory2 = createMemorySink();
    const sink: CrawlSink = { ...memory2.sink, ingest: async () => Promise.reject(new Error('database is locked')) };
    const stats = await crawlSource(htmlSource({ list: { link: 'ul.list a', maxPages: 1 } }), sink, { fetcher });
    expect(stats).toMatchObject({ fetched: 3, new: 0, failed: 4, skipped: 0, lastError: 'database is locked' });
    expect(memory2.runs[0]?.stats).toEqual({ fetched: 3, new: 0, duplicate: 0, failed: 4, skipped: 0, lastError: 'database is locked' });
  });

  it('lets a failing startRun reject: there is no run to record anything on', async () => {
    const sink: CrawlSink = { ...createMemorySink().sink, startRun: () => Promise.reject(new Error('unknown source')) };
    await expect(crawlSource(htmlSource(), sink, { fetcher })).rejects.toThrow('unknown source');
  });
});

describe('crawlSource (rss)', () => {
  it('ingests only unknown feed entries, as plain text', async () => {
    const memory = createMemorySink();
    const source = SourceConfig.parse({ id: 'piyao', name: '辟谣平台', kind: 'news', type: 'rss', url: `${site.url}/feed.xml`, delayMs: 0, allowPrivateNetwork: true });
    await memory.sink.ingest([
      { sourceId: 'piyao', url: `${site.url}/p/3.html`, title: '已知条目', body: '旧', publishedAt: null, author: null, contentHash: 'a'.repeat(64), fetchedAt: NOW.toISOString() },
    ]);
    const stats = await crawlSource(source, memory.sink, { fetcher, now: () => NOW });
    expect(stats).toEqual({ fetched: 2, new: 2, duplicate: 0, failed: 0, skipped: 0, lastError: null });
    expect(memory.items.get(`${site.url}/p/1.html`)).toMatchObject({ title: '辟谣：板蓝根不能预防流感', body: '没有科学依据。', publishedAt: '2023-06-04T10:00:00+08:00' });
    expect(memory.items.get(`${site.url}/p/2.html`)?.publishedAt).toBeNull();
    expect(memory.filterCalls.at(-1)).toEqual([`${site.url}/p/1.html`, `${site.url}/p/2.html`, `${site.url}/p/3.html`]);
  });

  it('fails the run when the feed is missing', async () => {
    const memory = createMemorySink();
    const source = SourceConfig.parse({ id: 'piyao', name: '辟谣平台', kind: 'news', type: 'rss', url: `${site.url}/gone.xml`, delayMs: 0, retries: 0, allowPrivateNetwork: true });
    const stats = await crawlSource(source, memory.sink, { fetcher });
    expect(stats).toMatchObject({ fetched: 0, failed: 1 });
    expect(stats.lastError).toContain('gone.xml');
  });
});
