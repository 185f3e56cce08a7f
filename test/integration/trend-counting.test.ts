import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

// New items are counted into the trend rollup by triggers as they are stored (migration 0021), not
// recomputed: the counts must be exactly what recomputing every hour from the items gives.
const tagger: ItemTagger = {
  tag: ({ title, body }) =>
    /网传/.test(title + body)
      ? { tags: ['rumor-suspect'], score: 0.7, reasons: [{ code: 'marker-phrase', label: '传谣用语', weight: 0.7, matches: ['网传'] }] }
      : { tags: [], score: 0, reasons: [] },
};

let t: ReturnType<typeof createDbApp>;
type Row = { dim: string; bucket: string; key: string; n: number };
const rollup = () => ({
  hourly: t.db.prepare('SELECT dim, hour AS bucket, key, n FROM trend_hourly ORDER BY dim, hour, key').all() as Row[],
  daily: t.db.prepare('SELECT dim, day AS bucket, key, n FROM trend_daily ORDER BY dim, day, key').all() as Row[],
});
/** Throws the rollup away and rebuilds every hour from the items: the reference. */
function recomputed() {
  t.db.exec(`DELETE FROM trend_hourly; DELETE FROM trend_daily; INSERT OR IGNORE INTO trend_dirty (hour) SELECT DISTINCT substr(sort_at, 1, 13) FROM items`);
  t.services.trendsRepo.refresh();
  return rollup();
}

// Around an Asia/Shanghai midnight (16:00 UTC) and across two days, with tags, topics and sentiment.
const instants = ['2026-11-27T15:10:00Z', '2026-11-27T15:59:59Z', '2026-11-27T16:00:00Z', '2026-11-27T16:30:00Z', '2026-11-28T02:05:00Z', '2026-11-28T23:59:00Z'];
const texts = ['网传地铁明天停运，太糟糕了', '地铁恢复运营，非常开心', '网传菜价暴涨，大家快去抢购', '今日天气晴', '地铁站附近交通拥堵严重', '网传学校停课，家长很担心'];

function batch(round: number) {
  return instants.map((at, i) =>
    rawItem({ sourceId: i % 2 ? 'forum' : 'gov', title: `第${round}批 ${i}`, body: `${texts[(i + round) % texts.length]} ${round}-${i}`, publishedAt: at }),
  );
}

beforeAll(async () => {
  t = createDbApp({ sources: [rssSource('forum'), rssSource('gov', { kind: 'notice' })], tagger });
  t.ingest.ingest(batch(0));
  const r = await t.app.request('/api/topics', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ topic: { name: '地铁', includeAny: ['地铁'] } }),
  });
  expect(r.status).toBe(201);
  await t.services.jobs.waitIdle();
  t.services.trendsRepo.refresh();
});
afterAll(() => t.db.close());

describe('counting new items into the trend rollup', () => {
  it('leaves no hour to recompute after plain ingest, and counts exactly what a recomputation gives', () => {
    t.ingest.ingest(batch(1));
    t.ingest.ingest(batch(2));
    expect(t.db.prepare('SELECT count(*) FROM trend_dirty').pluck().get()).toBe(0);
    const counted = rollup();
    expect(counted.hourly.filter((r) => r.dim === 'topic').length).toBeGreaterThan(0);
    expect(counted.hourly.filter((r) => r.dim === 'tag').length).toBeGreaterThan(0);
    expect(counted.hourly.filter((r) => r.dim === 'topic-sentiment').length).toBeGreaterThan(0);
    expect(counted.daily.map((r) => r.bucket)).toContain('2026-11-28');
    expect(counted).toEqual(recomputed());
  });

  it('stays exact when changes (recomputed hours) and new items mix', async () => {
    const id = t.db.prepare("SELECT id FROM items WHERE title = '第1批 2'").pluck().get() as number;
    const res = await t.app.request(`/api/items/${id}/sentiment`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'neg' }),
    });
    expect(res.status).toBeLessThan(300);
    t.ingest.ingest(batch(3));
    t.services.trendsRepo.refresh();
    t.ingest.ingest(batch(4));
    expect(rollup()).toEqual(recomputed());
  });
});
