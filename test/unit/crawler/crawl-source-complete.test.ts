import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, type CrawlDeps } from '../../../crawler/crawl-source';
import { createFetcher } from '../../../crawler/fetch/fetcher';
import type { CrawlLog } from '../../../crawler/log';
import { SourceConfig } from '../../../server/contracts/source';
import { createMemorySink } from '../../fixtures/crawler/memory-sink';
import { startVirtualWeb, type VirtualWeb } from '../../fixtures/crawler/virtual-web';

const list = (links: string[], next?: string) =>
  `<html><body><ul class="list">${links.map((l) => `<li><a href="${l}">${l}</a></li>`).join('')}</ul>${next ? `<a class="next" href="${next}">下一页</a>` : ''}</body></html>`;
const detail = (title: string) => `<html><body><h1 class="title">${title}</h1><div class="content"><p>${title}的正文。</p></div></body></html>`;
const details = (prefix: string, n: number, delayMs = 0) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i + 1}.html`, { body: detail(`第${i + 1}条通知`), delayMs }]));

let web: VirtualWeb;
let listVersion = 1;

beforeAll(async () => {
  web = await startVirtualWeb({
    'polite.test': {
      '/robots.txt': { contentType: 'text/plain', body: 'User-agent: *\nDisallow: /private/\n' },
      '/list.html': { body: list(['/d/1.html', '/private/2.html', '/files/3.pdf', '/d/4.html']) },
      ...details('/d/', 4),
      '/private/2.html': { body: detail('不该抓取') },
    },
    'busy.test': {
      '/list.html': { body: list(Array.from({ length: 6 }, (_, i) => `/d/${i + 1}.html`)) },
      ...details('/d/', 6, 60),
    },
    'cond.test': {
      '/list.html': (_hit, req) => {
        const etag = `"list-${listVersion}"`;
        if (req.headers['if-none-match'] === etag) return { status: 304 };
        return { headers: { etag }, body: list(listVersion === 1 ? ['/d/1.html', '/d/2.html'] : ['/d/3.html', '/d/1.html', '/d/2.html']) };
      },
      '/d/1.html': { body: detail('第一条') },
      // Fails on the first run only: the run must not let a 304 hide it next time.
      '/d/2.html': (hit) => (hit === 1 ? { status: 404 } : { body: detail('第二条') }),
      '/d/3.html': { body: detail('第三条') },
    },
    'trap.test': {
      // Every page links the same items and a "next" page that never ends.
      '/loop': (_hit, req) => {
        const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1');
        return { body: list(['/d/1.html', '/d/2.html'], `/loop?page=${page + 1}`) };
      },
      // Page 2's "next" leads back to page 1.
      '/a.html': { body: list(['/d/1.html'], '/b.html') },
      '/b.html': { body: list(['/d/2.html'], '/a.html') },
      // Relative links that nest forever, and a calendar.
      '/cal/': { body: list(['cal/2024/', 'cal/2024/cal/2024/cal/2024/1.html', '/d/1.html']) },
      '/many.html': { body: list(Array.from({ length: 30 }, (_, i) => `/n/${i}.html`)) },
      '*': { body: detail('陷阱里的页面') },
    },
    'inc.test': {
      '/p1.html': { body: list(['/d/new.html', '/d/old1.html'], '/p2.html') },
      '/p2.html': { body: list(['/d/old1.html', '/d/old2.html'], '/p3.html') },
      '/p3.html': { body: list(['/d/older.html']) },
      '/d/new.html': { body: detail('新的一条') },
    },
    'api.test': {
      '/api/list': {
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ data: { items: [{ url: '/n/1.html', title: '通知一', summary: '<p>摘要</p>', ts: 1685842200 }, { url: '/n/2.html' }, { title: '无链接' }] } }),
      },
    },
  });
});
afterAll(() => web.close());

function source(host: string, path: string, overrides: Record<string, unknown> = {}): SourceConfig {
  return SourceConfig.parse({
    id: host.replace('.test', ''), name: host, kind: 'notice', type: 'html-list', url: web.url(host, path),
    delayMs: 0, timeoutMs: 2_000, retries: 0,
    list: { link: 'ul.list a', next: 'a.next', maxPages: 10 },
    detail: { title: 'h1.title', body: '.content' },
    ...overrides,
  });
}

function recordingLog() {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const at = (level: string) => (obj: object, msg = '') => void lines.push({ level, msg, obj });
  const log: CrawlLog = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

const deps = (extra: Partial<CrawlDeps> = {}): CrawlDeps => ({
  fetcher: createFetcher({ fetch: web.fetch, resolveHost: web.resolveHost, retryBaseMs: 1 }),
  ...extra,
});

describe('crawlSource: politeness', () => {
  it('counts pages refused by robots.txt and binary links as skipped, fetching neither', async () => {
    const memory = createMemorySink();
    const { log, lines } = recordingLog();
    const stats = await crawlSource(source('polite.test', '/list.html'), memory.sink, deps({ log }));
    expect(stats).toMatchObject({ fetched: 2, new: 2, failed: 0, skipped: 2, lastError: null });
    expect(web.hits('polite.test', '/private/2.html')).toBe(0);
    expect(web.hits('polite.test', '/files/3.pdf')).toBe(0);
    expect(lines.filter((l) => l.msg === 'page skipped').map((l) => (l.obj as { reason: string }).reason).sort()).toEqual(['binary', 'robots']);
    expect(memory.runs[0]?.stats).toEqual({ fetched: 2, new: 2, duplicate: 0, failed: 0, skipped: 2, lastError: null });
  });

  it('warns when the source URL itself is refused by robots.txt', async () => {
    const { log, lines } = recordingLog();
    const stats = await crawlSource(source('polite.test', '/private/2.html'), createMemorySink().sink, deps({ log }));
    expect(stats).toMatchObject({ fetched: 0, failed: 0, skipped: 1 });
    expect(lines.find((l) => l.level === 'warn')?.msg).toMatch(/source URL itself was skipped; if this is the department's own site, set ownSite: true/);
  });

  it('fetches detail pages concurrently up to source.concurrency, and one at a time by default', async () => {
    const stats = await crawlSource(source('busy.test', '/list.html', { concurrency: 3 }), createMemorySink().sink, deps());
    expect(stats.fetched).toBe(6);
    expect(web.peakInFlight('busy.test')).toBe(3);

    const quiet = await startVirtualWeb({ 'busy.test': { '/list.html': { body: list(['/d/1.html', '/d/2.html', '/d/3.html']) }, ...details('/d/', 3, 30) } });
    try {
      const fetcher = createFetcher({ fetch: quiet.fetch, resolveHost: quiet.resolveHost });
      const src = SourceConfig.parse({ ...source('busy.test', '/list.html'), url: quiet.url('busy.test', '/list.html') });
      expect((await crawlSource(src, createMemorySink().sink, { fetcher })).fetched).toBe(3);
      expect(quiet.peakInFlight('busy.test')).toBe(1);
    } finally {
      await quiet.close();
    }
  });
});

describe('crawlSource: conditional GET', () => {
  it('stops at a 304 list page, but only after a run that stored everything', async () => {
    const memory = createMemorySink();
    const d = deps();
    const src = source('cond.test', '/list.html');

    // Run 1: /d/2.html fails, so the list's ETag is not kept.
    expect(await crawlSource(src, memory.sink, d)).toMatchObject({ fetched: 1, failed: 1 });
    // Run 2: a full GET finds /d/2.html again and stores it; now the ETag is kept.
    expect(await crawlSource(src, memory.sink, d)).toMatchObject({ fetched: 1, failed: 0 });
    expect(web.requests.filter((r) => r.host === 'cond.test' && r.path === '/list.html').map((r) => r.headers['if-none-match'] ?? null)).toEqual([null, null]);

    // Run 3: 304, nothing else is asked of the site or the sink.
    const filterCalls = memory.filterCalls.length;
    expect(await crawlSource(src, memory.sink, d)).toMatchObject({ fetched: 0, failed: 0, skipped: 0 });
    expect(memory.filterCalls).toHaveLength(filterCalls);
    expect(web.requests.filter((r) => r.host === 'cond.test').at(-1)).toMatchObject({ path: '/list.html', headers: { 'if-none-match': '"list-1"' } });
    expect(memory.runs.at(-1)?.stats).toMatchObject({ fetched: 0, failed: 0 });

    // Run 4: the list changed; the new item is found.
    listVersion = 2;
    expect(await crawlSource(src, memory.sink, d)).toMatchObject({ fetched: 1, new: 1 });
    expect(memory.items.has(web.url('cond.test', '/d/3.html'))).toBe(true);
  });
});

describe('crawlSource: crawler traps', () => {
  it('stops endless pagination when a page repeats the previous page\'s links', async () => {
    const { log, lines } = recordingLog();
    const stats = await crawlSource(source('trap.test', '/loop'), createMemorySink().sink, deps({ log }));
    expect(stats).toMatchObject({ fetched: 2, failed: 0 });
    expect(web.hits('trap.test', '/loop?page=2')).toBe(1);
    expect(web.hits('trap.test', '/loop?page=3')).toBe(0);
    expect(lines.some((l) => /same links as the previous one/.test(l.msg))).toBe(true);
  });

  it('stops when "next" leads back to a page already read', async () => {
    const { log, lines } = recordingLog();
    await crawlSource(source('trap.test', '/a.html'), createMemorySink().sink, deps({ log }));
    expect(web.hits('trap.test', '/a.html')).toBe(1);
    expect(lines.some((l) => /pagination loop/.test(l.msg))).toBe(true);
  });

  it('refuses links whose path repeats a segment, and caps the URLs one run may request', async () => {
    const trap = await crawlSource(source('trap.test', '/cal/'), createMemorySink().sink, deps());
    expect(trap).toMatchObject({ fetched: 2, skipped: 1 });
    expect(web.hits('trap.test', '/cal/cal/2024/cal/2024/cal/2024/1.html')).toBe(0);

    const capped = await crawlSource(source('trap.test', '/many.html'), createMemorySink().sink, deps({ maxUrlsPerRun: 11 }));
    // The list page plus ten detail pages; the other twenty are skipped, not failed.
    expect(capped).toMatchObject({ fetched: 10, skipped: 20, failed: 0 });
  });
});

describe('crawlSource: incremental stop', () => {
  it('stops paging at the first list page that holds only known items', async () => {
    const memory = createMemorySink();
    const fetchedAt = new Date().toISOString();
    await memory.sink.ingest(
      ['/d/old1.html', '/d/old2.html', '/d/older.html'].map((path, i) => ({
        sourceId: 'inc', url: web.url('inc.test', path), title: `旧${i}`, body: '旧', publishedAt: null, author: null, contentHash: String(i).repeat(64), fetchedAt,
      })),
    );
    const stats = await crawlSource(source('inc.test', '/p1.html'), memory.sink, deps());
    expect(stats).toMatchObject({ fetched: 1, new: 1 });
    expect(web.hits('inc.test', '/p2.html')).toBe(1);
    expect(web.hits('inc.test', '/p3.html')).toBe(0);
    expect(web.hits('inc.test', '/d/old1.html')).toBe(0);
  });
});

describe('crawlSource: JSON list', () => {
  it('ingests unknown entries and counts entries without url or title as failed', async () => {
    const memory = createMemorySink();
    const src = SourceConfig.parse({
      id: 'api', name: '接口', kind: 'news', type: 'json', url: web.url('api.test', '/api/list'), delayMs: 0, retries: 0,
      list: { path: 'data.items', fields: { url: 'url', title: 'title', body: 'summary', publishedAt: 'ts' } },
    });
    const stats = await crawlSource(src, memory.sink, deps());
    expect(stats).toMatchObject({ fetched: 1, new: 1, failed: 2, skipped: 0 });
    expect(stats.lastError).toMatch(/unusable JSON entry: entry 2: no url at "url"/);
    expect(memory.items.get(web.url('api.test', '/n/1.html'))).toMatchObject({ title: '通知一', body: '摘要', publishedAt: '2023-06-04T09:30:00+08:00' });
    // Known entries are not ingested again.
    expect(await crawlSource(src, memory.sink, deps())).toMatchObject({ fetched: 0, new: 0 });
  });
});
