import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../../../crawler/crawl-source';
import { decodeBody } from '../../../../crawler/fetch/decode';
import { createFetcher } from '../../../../crawler/fetch/fetcher';
import { demoSources, startDemoSite, type DemoSite } from '../../../../crawler/demo/demo-site';
import { NOTICES } from '../../../../crawler/demo/content/notices';
import { RawItem } from '../../../../server/contracts/item';
import { createMemorySink } from '../../../fixtures/crawler/memory-sink';

const START = Date.parse('2026-11-20T04:00:00Z');
let clock = START;
let site: DemoSite;
const fetcher = createFetcher({ retryBaseMs: 5 });
// The real sources, minus the politeness delay, to keep the test fast.
const sources = () => demoSources(site.url).map((s) => ({ ...s, delayMs: 0 }));

beforeAll(async () => {
  site = await startDemoSite({ host: '127.0.0.1', now: () => new Date(clock) });
});
afterAll(() => site.close());

async function get(path: string) {
  const res = await fetch(`${site.url}${path}`);
  return { status: res.status, contentType: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('demo site', () => {
  it('serves the notice board as real GBK bytes that decode correctly', async () => {
    const listPage = await get('/gov/tzgg/index.htm');
    expect(listPage.status).toBe(200);
    expect(listPage.contentType).toBe('text/html; charset=gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(listPage.bytes)).toThrow();
    const decoded = decodeBody(listPage.bytes, { contentType: listPage.contentType });
    expect(decoded.charset).toBe('gb18030');
    expect(decoded.text).toContain('通知公告_清河区人民政府');
    expect(decoded.text).toContain('charset=gbk');
    expect(decoded.text).toBe(iconv.decode(listPage.bytes, 'gbk'));
    expect(decoded.text).not.toContain('\ufffd');

    const detailHref = /href="\.\/(t\d{8}_\d+\.htm)"/.exec(decoded.text)?.[1];
    const detailPage = await get(`/gov/tzgg/${detailHref}`);
    const detailText = decodeBody(detailPage.bytes, { contentType: detailPage.contentType }).text;
    expect(detailText).toMatch(/发布日期：\d{4}年\d{2}月\d{2}日/);
    expect(detailText).not.toContain('?');
  });

  it('writes every notice template in characters GBK can carry', () => {
    const text = JSON.stringify(NOTICES);
    expect(iconv.decode(iconv.encode(text, 'gbk'), 'gbk')).toBe(text);
  });

  it('answers 404 for pages and items that do not exist', async () => {
    expect((await get('/news/content/123.html')).status).toBe(404);
    expect((await get('/bbs/forum-2-999.html')).status).toBe(404);
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/')).status).toBe(200);
  });

  it('offers four valid sources on loopback', () => {
    const list = demoSources(site.url);
    expect(list.map((s) => s.type).sort()).toEqual(['html-list', 'html-list', 'html-list', 'rss']);
    expect(new Set(list.map((s) => s.kind))).toEqual(new Set(['news', 'notice', 'post']));
    for (const s of list) expect(s).toMatchObject({ allowPrivateNetwork: true, enabled: true });
    expect(list.find((s) => s.id === 'demo-forum')?.schedule).toBe('* * * * *');
  });
});

describe('crawling the demo site', () => {
  const memory = createMemorySink();

  it('yields items of all four sources covering the last 14 days', async () => {
    for (const source of sources()) {
      const stats = await crawlSource(source, memory.sink, { fetcher, now: () => new Date(clock) });
      expect(stats.failed, `${source.id}: ${stats.lastError}`).toBe(0);
      expect(stats.fetched).toBeGreaterThan(10);
    }
    const items = [...memory.items.values()];
    expect(items.length).toBeGreaterThanOrEqual(80);
    expect(items.length).toBeLessThanOrEqual(140);
    const perSource = new Map<string, number>();
    for (const item of items) perSource.set(item.sourceId, (perSource.get(item.sourceId) ?? 0) + 1);
    expect([...perSource.keys()].sort()).toEqual(['demo-forum', 'demo-news', 'demo-notices', 'demo-piyao']);

    for (const item of items) {
      expect(RawItem.safeParse(item).success).toBe(true);
      expect(item.publishedAt, item.url).toMatch(/\+08:00$/);
      const age = clock - Date.parse(item.publishedAt!);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(14 * 86_400_000);
      expect(item.url).not.toMatch(/utm_|spm=|from=/);
    }
    const spanDays = (clock - Math.min(...items.map((i) => Date.parse(i.publishedAt!)))) / 86_400_000;
    expect(spanDays).toBeGreaterThan(10);

    // GBK notices arrive as proper Chinese, dated from the text next to 发布日期.
    const notices = items.filter((i) => i.sourceId === 'demo-notices');
    expect(notices.some((i) => /通知|通告|公告|声明|说明|告诫函/.test(i.title))).toBe(true);
    expect(notices.every((i) => i.author && i.author.startsWith('清河'))).toBe(true);

    const all = items.map((i) => `${i.title}\n${i.body}`).join('\n');
    for (const phrase of ['辟谣', '经核实', '板蓝根', '封城', '横幅', '入户走访', '停水']) expect(all).toContain(phrase);
    expect(items.some((i) => i.sourceId === 'demo-piyao' && i.title.startsWith('辟谣'))).toBe(true);
  });

  it('shows new forum posts as the clock moves, and refetches nothing known', async () => {
    const forum = sources().find((s) => s.id === 'demo-forum')!;
    const before = memory.items.size;
    clock += 10 * 60_000;
    const stats = await crawlSource(forum, memory.sink, { fetcher, now: () => new Date(clock) });
    expect(stats.failed).toBe(0);
    expect(stats.fetched).toBeGreaterThanOrEqual(3);
    expect(stats.fetched).toBeLessThanOrEqual(7);
    expect(memory.items.size).toBe(before + stats.fetched);

    const again = await crawlSource(forum, memory.sink, { fetcher, now: () => new Date(clock) });
    expect(again).toMatchObject({ fetched: 0, failed: 0 });
  });

  it('is deterministic: a second site started at the same moment serves the same pages', async () => {
    let twinClock = START;
    const twin = await startDemoSite({ host: '127.0.0.1', now: () => new Date(twinClock) });
    twinClock = clock;
    try {
      const text = async (base: string, path: string) => (await (await fetch(`${base}${path}`)).text()).replaceAll(base, '');
      for (const path of ['/bbs/forum-2-1.html', '/news/index_2.html', '/piyao/rss.xml']) {
        expect(await text(twin.url, path), path).toBe(await text(site.url, path));
      }
      // Items stay reachable by id whatever the start moment, so stored links keep working.
      const later = await startDemoSite({ host: '127.0.0.1', now: () => new Date(clock + 3_600_000) });
      try {
        const urls = [...memory.items.keys()].slice(0, 10).map((u) => u.replace(site.url, later.url));
        for (const url of urls) expect((await fetch(url)).status, url).toBe(200);
      } finally {
        await later.close();
      }
    } finally {
      await twin.close();
    }
  });
});
