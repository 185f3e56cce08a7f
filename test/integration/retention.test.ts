import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRetentionRepo } from '../../server/repositories/retention-repo';
import { createTrendsRepo } from '../../server/repositories/trends-repo';
import { createChangeVersion } from '../../server/repositories/change-version';
import type { SearchIndex } from '../../server/repositories/search-index';
import { createRetentionService } from '../../server/services/retention-service';
import { createTrendsService } from '../../server/services/trends-service';
import { createSearchSync } from '../../server/services/search-sync';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

const NOW = Date.parse('2026-11-29T04:00:00Z');
const DAY = 86_400_000;
const tagger: ItemTagger = { tag: ({ body }) => (body.includes('网传') ? { tags: ['rumor-suspect'], score: 0.8, reasons: [] } : { tags: [], score: 0, reasons: [] }) };
type Json = Record<string, any>;
let t: ReturnType<typeof createDbApp>;
const id: Record<string, number> = {};
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
/** Trend counts by tag from a fresh service (no answer cached from before the purge). */
const counts = () =>
  createTrendsService({ trends: createTrendsRepo(t.db), now: () => new Date(NOW), version: createChangeVersion(t.db) }).volume({ from: at(45).slice(0, 10), to: at(0).slice(0, 10), interval: 'day', by: 'tag' }) as unknown as Json;
const json = async (method: string, url: string, body?: unknown) => {
  const res = await t.app.request(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  return { status: res.status, body: (await res.json()) as Json };
};

beforeAll(async () => {
  t = createDbApp({ sources: [rssSource('forum')], tagger, now: () => new Date(NOW) });
  const add = (key: string, daysAgo: number, body: string) => {
    t.ingest.ingest([rawItem({ sourceId: 'forum', title: key, body, author: `网友${key}`, publishedAt: at(daysAgo), fetchedAt: at(daysAgo) })]);
    id[key] = t.db.prepare('SELECT id FROM items WHERE title = ?').pluck().get(key) as number;
  };
  add('old-plain', 40, '网传旧消息一');
  add('old-plain-2', 41, '普通旧消息二');
  add('old-decided', 40, '网传旧消息三');
  add('old-source', 42, '网传自来水有毒的旧说法');
  add('recent', 5, '网传新消息');
  expect((await json('POST', `/api/review/items/${id['old-decided']}/verdict`, { verdict: 'not-rumor', reviewer: '编辑' })).status).toBe(200);
  expect((await json('POST', '/api/library', { claim: '自来水有毒的说法', fromItemId: id['old-source'], actor: '编辑' })).status).toBe(201);
  // Everything indexed once, as the running server would have it.
  t.db.prepare('DELETE FROM search_outbox').run();
});
afterAll(() => t.db.close());

describe('the retention policy', () => {
  let before: Json;
  let purged: number;
  const removed: number[] = [];
  beforeAll(async () => {
    before = counts();
    const retention = createRetentionService({ repo: createRetentionRepo(t.db), refreshCounts: () => createTrendsRepo(t.db).refresh(), days: 30, now: () => new Date(NOW) });
    purged = await retention.purge();
    const index = { upsert: async () => {}, remove: async (ids: number[]) => void removed.push(...ids), isHealthy: async () => true } as unknown as SearchIndex;
    const sync = createSearchSync({ items: t.items, outbox: t.outbox, index, normalise: (s) => s, now: () => new Date(NOW) });
    sync.start();
    await sync.flush(10_000);
    await sync.stop();
  });

  it('deletes raw items past the period, author handles with them', async () => {
    expect(purged).toBe(2);
    for (const key of ['old-plain', 'old-plain-2']) expect((await json('GET', `/api/items/${id[key]}`)).status).toBe(404);
    expect(t.db.prepare(`SELECT count(*) FROM items WHERE author LIKE '网友old-plain%'`).pluck().get()).toBe(0);
  });

  it('keeps what the rumour desk stands on, and everything recent', async () => {
    for (const key of ['old-decided', 'old-source', 'recent']) expect((await json('GET', `/api/items/${id[key]}`)).status).toBe(200);
  });

  it('keeps the counts made from the deleted items', async () => {
    const after = counts();
    expect(after.all).toEqual(before.all);
    expect(after.series).toEqual(before.series);
    expect(after.total).toBe(5);
  });

  it('takes the deleted items out of the search index', () => {
    expect(removed.sort()).toEqual([id['old-plain'], id['old-plain-2']].sort());
  });

  it('does nothing when the period is 0 (kept for ever)', async () => {
    const off = createRetentionService({ repo: createRetentionRepo(t.db), refreshCounts: () => {}, days: 0, now: () => new Date(NOW + 3650 * DAY) });
    expect(await off.purge()).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(3);
  });
});

describe('what the purge reads', () => {
  const plan = (sql: string) => (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);

  it('finds the rows pointing at a deleted item through indexes, not by scanning their tables', () => {
    const details = plan('DELETE FROM items WHERE id = 1');
    // Every table with a column pointing at items is visited (to cascade or set NULL) — each by an index.
    for (const table of ['alerts', 'reviews', 'rumour_library', 'item_tags', 'item_topics', 'library_sightings']) {
      expect(details.some((d) => d.startsWith(`SEARCH ${table} `))).toBe(true);
    }
    expect(details.filter((d) => d.startsWith('SCAN '))).toEqual([]);
  });
});
