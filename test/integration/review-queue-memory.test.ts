import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueSort, QueueStatus } from '../../server/contracts/review';
import { createReviewQueueRepo, OFFLINE_SOURCE_ID, type QueueFilter } from '../../server/repositories/review-queue-repo';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

// The default desk view is ranked from candidates kept in memory and updated incrementally
// (review-queue-candidates.ts); the SQL ranking is the reference. They must agree on every status,
// order and filter, before and after every kind of write the desk can see.

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}
const rand = rng(20261129);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const NOW = Date.parse('2026-11-20T12:00:00Z');
const nowIso = new Date(NOW).toISOString();
const tagger: ItemTagger = {
  tag: ({ title, body }) => {
    const text = title + body;
    if (!/网传|紧急扩散/.test(text)) return { tags: [], score: 0.02, reasons: [] };
    const score = 0.3 + ((text.length * 37) % 70) / 100;
    return { tags: ['rumor-suspect'], score, reasons: [{ code: 'marker-phrase', label: '传谣用语', weight: score, matches: ['网传'] }] };
  },
};
const STORIES = [
  '网传东城街道自来水被污染了，千万别喝，赶紧囤桶装水',
  '网传西城区明天全部道路封闭，所有车辆禁止通行',
  '紧急扩散：北城菜市场明天关门，大家赶紧去抢购蔬菜',
  '网传南城学校因为流感明天全部停课，家长互相转告',
  '区政府发布冬季供暖安排的通知，各小区按时供暖',
  '网传地铁三号线明天起停运一个月进行检修',
  '今日全区天气晴好，空气质量优良，适合出行',
];

let t: ReturnType<typeof createDbApp>;
let seq = 0;
function post(story: string, hoursAgo: number, sourceId = pick(['forum', 'weibo', OFFLINE_SOURCE_ID])) {
  seq++;
  // Small edits keep copies near-duplicates (one cluster); some are exact copies under a new URL.
  const body = rand() < 0.15 ? story : `${story}${'！'.repeat(seq % 3)} ${seq % 5 === 0 ? '转发' : ''}`;
  return rawItem({ sourceId, title: `帖子${seq}`, body, publishedAt: new Date(NOW - hoursAgo * 3_600_000).toISOString(), contentHash: undefined });
}
function ingestRound(n: number) {
  t.ingest.ingest(Array.from({ length: n }, () => post(pick(STORIES), rand() * 72)));
  // Exact copies of stored posts under new URLs: counted as exact reposts in their cluster.
  const stored = t.db.prepare('SELECT title, body, source_id AS sourceId, published_at AS publishedAt, content_hash AS contentHash FROM items ORDER BY random() LIMIT ?').all(Math.ceil(n / 10)) as { title: string; body: string; sourceId: string; publishedAt: string; contentHash: string }[];
  t.ingest.ingest(stored.map((s) => rawItem({ ...s })));
}
const ids = () => t.db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];

function writeReviews(n: number) {
  const statuses = ['new', 'new', 'needs-verification', 'confirmed-rumor', 'not-rumor', 'duplicate'];
  const upsert = t.db.prepare(`INSERT INTO reviews (item_id, status, claimed_by, claim_expires_at, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (item_id) DO UPDATE SET status = excluded.status, claimed_by = excluded.claimed_by, claim_expires_at = excluded.claim_expires_at`);
  const all = ids();
  for (let k = 0; k < n; k++) {
    const claimed = rand() < 0.4;
    const expires = new Date(NOW + (rand() < 0.5 ? -1 : 1) * 600_000).toISOString();
    upsert.run(pick(all), pick(statuses), claimed ? '编辑甲' : null, claimed ? expires : null, nowIso);
  }
}

const STATUSES: QueueStatus[] = ['pending', 'new', 'in-progress', 'needs-verification', 'confirmed-rumor', 'not-rumor', 'duplicate', 'decided', 'all'];
const SORTS: QueueSort[] = ['priority', 'score', 'spread', 'newest'];
const FILTERS: Omit<QueueFilter, 'status'>[] = [
  {},
  { sourceId: 'forum' },
  { fromIso: new Date(NOW - 30 * 3_600_000).toISOString(), toIso: new Date(NOW - 2 * 3_600_000).toISOString() },
];

function expectSameAsSql(label: string) {
  // A fresh cache per comparison (maxAgeMs 0: every call ranks again), sharing the incremental set.
  let compared = 0;
  for (const status of STATUSES) {
    for (const sort of SORTS) {
      for (const extra of FILTERS) {
        const f: QueueFilter = { status, ...extra };
        const memory = queue.list(f, sort, 10_000, 0, nowIso).hits;
        const sql = queue.rankWithSql(f, sort, nowIso);
        expect(memory, `${label}: ${JSON.stringify(f)} by ${sort}`).toEqual(sql);
        compared += sql.length;
      }
    }
  }
  return compared;
}

let queue: ReturnType<typeof createReviewQueueRepo>;
beforeAll(() => {
  t = createDbApp({ sources: [rssSource('forum'), rssSource('weibo'), rssSource(OFFLINE_SOURCE_ID)], tagger, now: () => new Date(NOW) });
  queue = createReviewQueueRepo(t.db, { maxAgeMs: 0 });
  ingestRound(250);
  writeReviews(60);
});
afterAll(() => t.db.close());

describe('the in-memory review queue', () => {
  it('ranks like the SQL on a mixed desk (clusters, copies, claims, every status)', () => {
    const clusters = t.db.prepare('SELECT count(*) FROM clusters WHERE items > 1').pluck().get() as number;
    const reposts = t.db.prepare('SELECT count(*) FROM item_aliases').pluck().get() as number;
    expect(clusters).toBeGreaterThan(3);
    expect(reposts).toBeGreaterThan(0);
    expect(expectSameAsSql('initial')).toBeGreaterThan(300);
  });

  it('stays equal after each kind of write, read incrementally', () => {
    queue.list({ status: 'pending' }, 'priority', 10, 0, nowIso); // the set is built here
    ingestRound(40); // new candidates, copies joining clusters, exact reposts
    expectSameAsSql('after ingest');
    writeReviews(25); // verdicts and claims
    expectSameAsSql('after verdicts');
    const some = ids().filter((_, k) => k % 17 === 0);
    for (const id of some.slice(0, 5)) t.db.prepare('DELETE FROM item_tags WHERE item_id = ?').run(id); // re-tagged away
    for (const id of some.slice(5, 10)) t.db.prepare(`INSERT OR IGNORE INTO item_tags (item_id, tag) VALUES (?, 'known-rumor')`).run(id);
    for (const id of some.slice(10, 14)) t.db.prepare('UPDATE items SET score = ? WHERE id = ?').run(rand(), id);
    expectSameAsSql('after re-tags');
    t.db.prepare('DELETE FROM items WHERE id = ?').run(some[14] ?? some[0]);
    expectSameAsSql('after a deletion');
  });
});
