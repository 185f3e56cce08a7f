import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../server/contracts/source';
import type { Runtime } from '../../server/runtime';
import { crawlSource } from '../../crawler/crawl-source';
import { createFetcher } from '../../crawler/fetch/fetcher';
import { startFixtureSite } from '../support/fixture-site';
import { startTestMeili } from '../support/meili';
import { startTestRuntime } from '../support/runtime';

const detail = (title: string, time: string, body: string, charset = 'utf-8') => `<!doctype html>
<html><head><meta charset="${charset}"><title>${title} - 清河区人民政府</title></head>
<body><nav>首页 | 通知公告</nav><h1 class="title">${title}</h1><div class="meta">发布时间：${time}</div>
<div class="content"><p>${body}</p></div><footer>版权所有 清河区人民政府</footer></body></html>`;

let site: Awaited<ReturnType<typeof startFixtureSite>>;
let meili: Awaited<ReturnType<typeof startTestMeili>>;
let runtime: Runtime;
let sources: SourceConfig[];

async function api<T>(path: string): Promise<T> {
  const res = await runtime.app.request(path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  site = await startFixtureSite({
    '/gov/list.html': {
      charset: 'gbk',
      body: `<html><head><meta charset="gbk"></head><body><ul class="list">
        <li><a href="/gov/1.html?utm_source=wx">关于停水的通知</a></li>
        <li><a href="/gov/2.html">辟谣：网传西湖镇封城不实</a></li></ul>
        <a class="next" href="/gov/list2.html">下一页</a></body></html>`,
    },
    '/gov/list2.html': {
      charset: 'gbk',
      body: `<html><head><meta charset="gbk"></head><body><ul class="list"><li><a href="/gov/3.html">防汛工作部署会召开</a></li></ul></body></html>`,
    },
    '/gov/1.html': { charset: 'gbk', body: detail('关于东城街道临时停水的通知', '2026-11-20 09:30', '因管网维修，东城街道11月21日8时至18时停水，请居民提前储水。', 'gbk') },
    '/gov/2.html': {
      charset: 'gbk',
      body: detail('辟谣：网传“西湖镇明天封城”不实', '2026-11-21 10:00', '近日网传西湖镇明天封城。经核实，该信息不实，系谣言。请广大群众不信谣、不传谣。', 'gbk'),
    },
    '/gov/3.html': { charset: 'gbk', body: detail('区防汛工作部署会召开', '2026-11-22 15:00', '会议部署了今冬明春防汛备汛工作。', 'gbk') },
    // The feed names absolute links on this very site, known once it listens.
    '/forum/feed.xml': () => ({
      contentType: 'application/rss+xml; charset=utf-8',
      body: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>本地生活圈</title>
        <item><title>网传喝板蓝根可以预防新冠肺炎</title><link>{{BASE}}/forum/post/1</link>
          <description><![CDATA[<p>紧急扩散！据内部消息，喝板蓝根可以预防，赶紧囤货！</p>]]></description>
          <pubDate>Sun, 22 Nov 2026 08:00:00 +0800</pubDate></item>
        <item><title>周末去哪里吃早茶</title><link>{{BASE}}/forum/post/2</link>
          <description>求推荐东城街道附近的早茶店</description><pubDate>Sun, 22 Nov 2026 09:00:00 +0800</pubDate></item>
      </channel></rss>`.replaceAll('{{BASE}}', site.url),
    }),
  });
  sources = [
    {
      id: 'gov-notices', name: '区政府通知公告', kind: 'notice', type: 'html-list', url: `${site.url}/gov/list.html`,
      schedule: '*/5 * * * *', delayMs: 0, timeoutMs: 5_000, retries: 0, allowPrivateNetwork: true, ownSite: false, concurrency: 1, enabled: true,
      list: { link: 'ul.list a', next: 'a.next', maxPages: 5 },
      detail: { title: 'h1.title', time: '.meta', body: '.content' },
    },
    {
      id: 'forum', name: '本地生活圈', kind: 'post', type: 'rss', url: `${site.url}/forum/feed.xml`,
      schedule: '*/5 * * * *', delayMs: 0, timeoutMs: 5_000, retries: 0, allowPrivateNetwork: true, ownSite: false, concurrency: 1, enabled: true,
    },
  ];
  meili = await startTestMeili();
  const fetcher = createFetcher({ retryBaseMs: 10 });
  ({ runtime } = await startTestRuntime({
    meili,
    sources,
    runCrawl: (source, sink) => crawlSource(source, sink, { fetcher }),
  }));
});

afterAll(async () => {
  await runtime?.close();
  await meili?.stop();
  await site?.close();
});

describe('crawl a fixture site, then find the items through the API', () => {
  it('crawls the GBK list with pagination and the RSS feed, records the runs, and finds items by Chinese queries', async () => {
    for (const s of sources) {
      const { done } = await runtime.crawl.crawlNow(s.id);
      await done;
    }
    expect(await runtime.sync.flush(30_000)).toBe(true);

    const runs = await api<{ runs: { sourceId: string; status: string; new: number; fetched: number }[] }>('/api/crawl-runs');
    const gov = runs.runs.find((r) => r.sourceId === 'gov-notices')!;
    expect(gov).toMatchObject({ status: 'ok', new: 3 });

    // GBK bytes decoded into real Chinese, found by the search engine.
    const water = await api<{ engine: string; items: { title: string; url: string; publishedAt: string }[] }>(
      `/api/items?q=${encodeURIComponent('停水')}`,
    );
    expect(water.engine).toBe('search');
    expect(water.items.map((i) => i.title)).toEqual(['关于东城街道临时停水的通知']);
    expect(water.items[0]!.url).not.toContain('utm_source');
    expect(water.items[0]!.publishedAt).toBe('2026-11-20T01:30:00.000Z');

    // A multi-word Chinese query finds the rumour, highlighted as text segments.
    const rumour = await api<{ items: { id: number; title: string; tags: string[]; highlight: { text: string; hit: boolean }[] | null }[] }>(
      `/api/items?q=${encodeURIComponent('板蓝根 预防')}`,
    );
    expect(rumour.items[0]!.title).toBe('网传喝板蓝根可以预防新冠肺炎');
    expect(rumour.items[0]!.tags).toContain('rumor-suspect');

    const rebuttal = await api<{ items: { title: string; tags: string[] }[] }>('/api/items?tag=rebuttal');
    expect(rebuttal.items.map((i) => i.title)).toContain('辟谣：网传“西湖镇明天封城”不实');

    const detailItem = await api<{ body: string; reasons: { matches: string[] }[] }>(`/api/items/${rumour.items[0]!.id}`);
    expect(detailItem.body).toContain('赶紧囤货');
    expect(detailItem.reasons.length).toBeGreaterThan(0);

    const srcs = await api<{ sources: { id: string; itemCount: number; lastRun: { status: string } | null }[] }>('/api/sources');
    expect(srcs.sources.find((s) => s.id === 'forum')).toMatchObject({ itemCount: 2, lastRun: { status: 'ok' } });
  });

  it('a second crawl stores nothing twice and refetches no known detail page', async () => {
    const before = runtime.itemsRepo.countItems();
    const detailHits = site.hits.get('/gov/1.html');
    expect(detailHits).toBe(1);
    for (const s of sources) {
      const { done } = await runtime.crawl.crawlNow(s.id);
      await done;
    }
    expect(runtime.itemsRepo.countItems()).toBe(before);
    expect(site.hits.get('/gov/1.html')).toBe(detailHits);
  });
});
