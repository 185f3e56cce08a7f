import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

// Tags from the text, so that tag series have something to count.
const tagger: ItemTagger = { tag: ({ body }) => (body.includes('网传') ? { tags: ['rumor-suspect'], score: 0.8, reasons: [] } : { tags: [], score: 0, reasons: [] }) };

const NOW = Date.parse('2026-11-22T04:00:00Z'); // 12:00 in Shanghai, 22 November
let t: ReturnType<typeof createDbApp>;
type Json = Record<string, any>;
async function call(method: string, url: string, body?: unknown) {
  const res = await t.app.request(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  return { status: res.status, body: (await res.json()) as Json };
}
const at = (iso: string, sourceId: string, body: string) =>
  rawItem({ sourceId, body, publishedAt: iso, fetchedAt: iso });

beforeAll(async () => {
  t = createDbApp({ sources: [rssSource('forum'), rssSource('gov', { kind: 'notice', name: '区政府' })], tagger, now: () => new Date(NOW) });
  t.ingest.ingest([
    // 2026-11-20 16:30Z is 21 November 00:30 in Shanghai.
    at('2026-11-20T16:30:00Z', 'forum', '网传地铁停运，太恶心了'),
    at('2026-11-20T15:30:00Z', 'forum', '地铁正常运营'),
    at('2026-11-21T02:00:00Z', 'gov', '关于地铁运营的通知'),
    at('2026-11-21T03:00:00Z', 'forum', '网传菜价暴涨，十分愤怒'),
    at('2026-11-21T03:10:00Z', 'forum', '服务很好，非常满意'),
    // The previous week.
    at('2026-11-12T03:00:00Z', 'forum', '网传停水'),
  ]);
  await call('POST', '/api/topics', { actor: 'a', topic: { name: '地铁', includeAny: ['地铁'] } });
  await call('POST', '/api/topics', { actor: 'a', topic: { name: '菜价', includeAny: ['菜价'] } });
  await t.services.jobs.waitIdle();
});
afterAll(() => t.db.close());

describe('trends', () => {
  it('counts per Asia/Shanghai day with the previous period', async () => {
    const r = (await call('GET', '/api/trends?from=2026-11-16&to=2026-11-22')).body;
    expect(r.buckets).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(r.all).toEqual([0, 0, 0, 0, 1, 4, 0]);
    expect(r.total).toBe(5);
    expect(r.previousTotal).toBe(1);
  });

  it('splits by source, tag and sentiment with each line’s share of all items', async () => {
    const bySource = (await call('GET', '/api/trends?from=2026-11-20&to=2026-11-21&by=source')).body;
    expect(bySource.series.map((s: Json) => [s.key, s.label, s.counts])).toEqual([
      ['forum', '来源 forum', [1, 3]],
      ['gov', '区政府', [0, 1]],
    ]);
    expect(bySource.series[0].share).toEqual([1, 0.75]);
    const byTag = (await call('GET', '/api/trends?from=2026-11-14&to=2026-11-21&by=tag')).body;
    expect(byTag.series).toEqual([
      expect.objectContaining({ key: 'rumor-suspect', label: '疑似谣言', total: 2, previousTotal: 1 }),
    ]);
    const bySentiment = (await call('GET', '/api/trends?from=2026-11-21&to=2026-11-21&by=sentiment')).body;
    const sentiment = Object.fromEntries(bySentiment.series.map((s: Json) => [s.key, s.total]));
    expect(sentiment).toEqual({ neg: 2, neutral: 1, pos: 1 });
  });

  it('compares topics side by side and shows one topic’s sentiment', async () => {
    const topics = (await call('GET', '/api/topics')).body.topics as Json[];
    const metro = topics.find((x) => x.name === '地铁')!.id;
    const veg = topics.find((x) => x.name === '菜价')!.id;
    const cmp = (await call('GET', `/api/trends?from=2026-11-20&to=2026-11-21&by=topic&topics=${metro},${veg}`)).body;
    expect(cmp.series.map((s: Json) => [s.label, s.counts])).toEqual([
      ['地铁', [1, 2]],
      ['菜价', [0, 1]],
    ]);
    expect(cmp.series[0].share).toEqual([1, 0.5]);
    const one = (await call('GET', `/api/trends?from=2026-11-21&to=2026-11-21&topic=${metro}&by=sentiment`)).body;
    expect(one.total).toBe(2);
    expect(Object.fromEntries(one.series.map((s: Json) => [s.key, s.total]))).toEqual({ neg: 1, neutral: 1 });
  });

  it('stays exact after a sentiment correction (the rollup is refreshed by triggers)', async () => {
    const id = t.db.prepare("SELECT id FROM items WHERE body = '关于地铁运营的通知'").pluck().get() as number;
    await call('PUT', `/api/items/${id}/sentiment`, { label: 'pos', actor: 'a' });
    const r = (await call('GET', '/api/trends?from=2026-11-21&to=2026-11-21&by=sentiment')).body;
    expect(Object.fromEntries(r.series.map((s: Json) => [s.key, s.total]))).toEqual({ neg: 2, pos: 2 });
  });

  it('gives the same day counts from whole days and partial days as from hours', async () => {
    // From mid-day to mid-day: partial first and last days read hours, the days between read the daily rollup.
    const window = 'from=2026-11-12T05:30:00Z&to=2026-11-21T06:00:00Z&by=source';
    const days = (await call('GET', `/api/trends?${window}`)).body;
    const hours = (await call('GET', `/api/trends?${window}&interval=hour`)).body;
    const perDay = new Map<string, number>();
    hours.buckets.forEach((b: string, i: number) => {
      const day = new Date(Date.parse(b) + 8 * 3_600_000).toISOString().slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + hours.all[i]);
    });
    expect(days.all).toEqual(days.buckets.map((d: string) => perDay.get(d) ?? 0));
    expect(days.total).toBe(hours.total);
    expect(days.total).toBe(5);
    expect(days.previousTotal).toBe(hours.previousTotal);
  });

  it('counts hours, and refuses windows with too many buckets or a topic split by source', async () => {
    const hours = (await call('GET', '/api/trends?from=2026-11-21T02:00:00Z&to=2026-11-21T04:00:00Z&interval=hour')).body;
    expect(hours.buckets).toEqual(['2026-11-21T02:00:00.000Z', '2026-11-21T03:00:00.000Z']);
    expect(hours.all).toEqual([1, 2]);
    const tooMany = await call('GET', '/api/trends?from=2026-01-01&to=2026-11-21&interval=hour');
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].path).toBe('from');
    const bad = await call('GET', '/api/trends?topic=1&by=source');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('by');
  });

  it('counts rumours confirmed and answered', async () => {
    const entry = (await call('POST', '/api/library', { claim: '网传地铁停运', actor: 'ed', firstSeenAt: '2026-11-20T16:30:00Z' })).body;
    await call('POST', '/api/rebuttals', {
      title: '地铁未停运',
      text: '地铁运营正常',
      channels: ['own-media'],
      publishedAt: '2026-11-22T01:00:00Z',
      libraryIds: [entry.id],
      actor: 'ed',
    });
    const r = (await call('GET', '/api/trends/rumours?from=2026-11-21&to=2026-11-22')).body;
    expect(r.buckets).toEqual(['2026-11-21', '2026-11-22']);
    expect(r.found).toEqual([0, 1]); // confirmed now (22 November, Shanghai)
    expect(r.rebutted).toEqual([0, 1]);
  });
});
