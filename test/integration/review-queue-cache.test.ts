import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewQueueRepo } from '../../server/repositories/review-queue-repo';
import { setStaleTolerance } from '../../server/repositories/change-version';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

// The queue's ranking is computed once and reused (review-queue-repo.ts); these show that a change
// is seen by the very next request, never a stale ranking.
const markerTagger: ItemTagger = {
  tag: ({ title, body }) =>
    /网传/.test(title + body)
      ? { tags: ['rumor-suspect'], score: 0.8, reasons: [{ code: 'marker-phrase', label: '传谣用语', weight: 0.8, matches: ['网传'] }] }
      : { tags: [], score: 0, reasons: [] },
};

let clock = Date.parse('2026-11-20T02:00:00Z');
const now = () => new Date(clock);
let t: ReturnType<typeof createDbApp>;

type Json = Record<string, any>;
async function call(method: string, url: string, body?: unknown): Promise<Json> {
  const res = await t.app.request(url, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}
const titles = (page: Json) => page.items.map((i: Json) => i.title as string);
const idOf = (title: string) => t.db.prepare('SELECT id FROM items WHERE title = ?').pluck().get(title) as number;

beforeAll(() => {
  t = createDbApp({ sources: [rssSource('forum')], tagger: markerTagger, now, claimMinutes: 15 });
  t.ingest.ingest([
    rawItem({ sourceId: 'forum', title: '甲', body: '网传东城街道自来水被污染了，千万别喝，赶紧囤桶装水', publishedAt: '2026-11-20T01:00:00Z' }),
    rawItem({ sourceId: 'forum', title: '乙', body: '网传西城区明天全部道路封闭，所有车辆禁止通行', publishedAt: '2026-11-19T20:00:00Z' }),
    rawItem({ sourceId: 'forum', title: '丙', body: '网传北城菜市场明天关门，大家赶紧去抢购蔬菜', publishedAt: '2026-11-19T10:00:00Z' }),
  ]);
});
afterAll(() => t.db.close());

describe('the cached review queue', () => {
  it('serves every page from one ranking, the same as unpaged', async () => {
    const all = await call('GET', '/api/review/queue?pageSize=10');
    expect(titles(all)).toEqual(['甲', '乙', '丙']);
    const pages = [await call('GET', '/api/review/queue?pageSize=2&page=1'), await call('GET', '/api/review/queue?pageSize=2&page=2')];
    expect(pages.flatMap(titles)).toEqual(['甲', '乙', '丙']);
    expect(pages.map((p) => p.total)).toEqual([3, 3]);
    expect((await call('GET', '/api/review/queue?pageSize=2&page=5')).total).toBe(3);
  });

  it('drops an item the moment a verdict is given', async () => {
    expect(titles(await call('GET', '/api/review/queue?status=pending'))).toContain('乙');
    await call('POST', `/api/review/items/${idOf('乙')}/verdict`, { verdict: 'not-rumor', reviewer: 'x' });
    const after = await call('GET', '/api/review/queue?status=pending');
    expect(titles(after)).toEqual(['甲', '丙']);
    expect(after.total).toBe(2);
    expect(titles(await call('GET', '/api/review/queue?status=decided'))).toEqual(['乙']);
  });

  it('moves a claimed item out of "new" at once, and back when the claim is released', async () => {
    expect(titles(await call('GET', '/api/review/queue?status=new'))).toContain('丙');
    await call('POST', `/api/review/items/${idOf('丙')}/claim`, { editor: 'x' });
    expect(titles(await call('GET', '/api/review/queue?status=new'))).not.toContain('丙');
    expect(titles(await call('GET', '/api/review/queue?status=in-progress'))).toEqual(['丙']);
    await call('POST', `/api/review/items/${idOf('丙')}/release`, { editor: 'x' });
    expect(titles(await call('GET', '/api/review/queue?status=new'))).toContain('丙');
  });

  it('shows a newly ingested suspect on the next request', async () => {
    expect((await call('GET', '/api/review/queue')).total).toBe(2);
    t.ingest.ingest([rawItem({ sourceId: 'forum', title: '丁', body: '网传南城学校明天停课，家长们互相转告一下', publishedAt: '2026-11-20T01:30:00Z' })]);
    const after = await call('GET', '/api/review/queue');
    expect(after.total).toBe(3);
    expect(titles(after)).toContain('丁');
  });

  it('returns a lapsed claim to "new" without any write, even within the reuse window', async () => {
    const queue = createReviewQueueRepo(t.db, { maxAgeMs: 24 * 3_600_000 });
    const newIds = (at: number) => queue.list({ status: 'new' }, 'priority', 10, 0, new Date(at).toISOString()).hits.map((h) => h.id);
    await call('POST', `/api/review/items/${idOf('丁')}/claim`, { editor: 'x' });
    expect(newIds(clock)).not.toContain(idOf('丁'));
    expect(newIds(clock + 60_000)).not.toContain(idOf('丁'));
    // The claim lapses after 15 minutes: the ranking computed before is not reused past it.
    expect(newIds(clock + 16 * 60_000)).toContain(idOf('丁'));
  });
});

// Under a stale tolerance (STALE_MS, see change-version.ts) background writes such as ingest may be
// seen up to that late; a person's write is seen by the very next request.
describe('the stale tolerance for background writes', () => {
  const ingestSuspect = (title: string) =>
    t.ingest.ingest([rawItem({ sourceId: 'forum', title, body: `网传${title}小区明天停电停水一整天，赶紧储备物资`, publishedAt: '2026-11-20T01:40:00Z' })]);

  it('lets the queue and the overview lag ingest until a person writes something', async () => {
    setStaleTolerance(t.db, 60_000);
    try {
      const queueBefore = await call('GET', '/api/review/queue?status=all&pageSize=50');
      const overviewBefore = await call('GET', '/api/stats/overview');
      ingestSuspect('戊');
      // Within the tolerance, with no person's write since: the answers computed before are reused.
      expect(titles(await call('GET', '/api/review/queue?status=all&pageSize=50'))).toEqual(titles(queueBefore));
      expect(await call('GET', '/api/stats/overview')).toEqual(overviewBefore);
      // Any state-changing request of a person ends the tolerance for every cached answer.
      await call('POST', `/api/review/items/${idOf('甲')}/claim`, { editor: 'x' });
      expect(titles(await call('GET', '/api/review/queue?status=all&pageSize=50'))).toContain('戊');
      expect(await call('GET', '/api/stats/overview')).not.toEqual(overviewBefore);
    } finally {
      setStaleTolerance(t.db, 0);
    }
  });

  it('catches up with ingest by itself once the tolerance has passed', async () => {
    setStaleTolerance(t.db, 150);
    try {
      const before = titles(await call('GET', '/api/review/queue?status=all&pageSize=50'));
      ingestSuspect('己');
      expect(before).not.toContain('己');
      await new Promise((r) => setTimeout(r, 200));
      expect(titles(await call('GET', '/api/review/queue?status=all&pageSize=50'))).toContain('己');
    } finally {
      setStaleTolerance(t.db, 0);
    }
  });

  it('lets the total of an item list lag ingest a few seconds longer than its page, until a person writes something', async () => {
    setStaleTolerance(t.db, 150);
    try {
      const before = await call('GET', '/api/items?pageSize=50');
      ingestSuspect('辛');
      await new Promise((r) => setTimeout(r, 200));
      // Past the tolerance the page shows the new item; the total (a count over the table) may lag
      // up to 5 s behind background writes.
      const page = await call('GET', '/api/items?pageSize=50');
      expect(titles(page)).toContain('辛');
      expect(page.total).toBe(before.total);
      await call('POST', `/api/review/items/${idOf('丙')}/claim`, { editor: 'x' });
      expect((await call('GET', '/api/items?pageSize=50')).total).toBe(before.total + 1);
    } finally {
      setStaleTolerance(t.db, 0);
    }
  });

  it('is exact without a tolerance', async () => {
    await call('GET', '/api/review/queue?status=all&pageSize=50');
    ingestSuspect('庚');
    expect(titles(await call('GET', '/api/review/queue?status=all&pageSize=50'))).toContain('庚');
  });
});
