import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

const tagger: ItemTagger = { tag: () => ({ tags: [], score: 0, reasons: [] }) };

let t: ReturnType<typeof createDbApp>;
type Json = Record<string, any>;
async function call(method: string, url: string, body?: unknown) {
  const res = await t.app.request(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  return { status: res.status, body: (await res.json()) as Json };
}
const idOf = (title: string) => t.db.prepare('SELECT id FROM items WHERE title = ?').pluck().get(title) as number;
const POST = '小区门口新开的菜市场，价格实惠，菜也新鲜，给个好评';

beforeAll(() => {
  t = createDbApp({ sources: [rssSource('forum')], tagger });
  t.ingest.ingest([
    rawItem({ sourceId: 'forum', title: 'orig', body: POST }),
    rawItem({ sourceId: 'forum', title: 'copy', body: `转发：${POST}！！` }),
    rawItem({ sourceId: 'forum', title: 'angry', body: '物业推诿扯皮，业主十分愤怒，强烈投诉' }),
    rawItem({ sourceId: 'forum', title: 'notice', body: '关于元旦放假安排的通知' }),
  ]);
});
afterAll(() => t.db.close());

describe('item sentiment', () => {
  it('is set at ingest (by the word list before any model) and can be filtered on', async () => {
    const angry = (await call('GET', `/api/items/${idOf('angry')}`)).body;
    expect(angry.sentiment).toMatchObject({ label: 'neg', source: 'lexicon', actor: null });
    const neg = (await call('GET', '/api/items?sentiment=neg')).body;
    expect(neg.items.map((i: Json) => i.title)).toEqual(['angry']);
  });

  it("takes an analyst's correction for the item and its unlabelled copies, audited and kept for learning", async () => {
    const orig = idOf('orig');
    const copy = idOf('copy');
    expect((await call('GET', `/api/items/${copy}`)).body.clusterId).toBe(orig);
    const r = await call('PUT', `/api/items/${orig}/sentiment`, { label: 'neg', actor: '分析员乙' });
    expect(r.status).toBe(200);
    expect(r.body.item.sentiment).toEqual({ label: 'neg', confidence: 1, source: 'analyst', actor: '分析员乙' });
    expect(r.body.changed.sort()).toEqual([orig, copy].sort());
    expect((await call('GET', `/api/items/${copy}`)).body.sentiment).toMatchObject({ label: 'neg', source: 'analyst' });
    const history = (await call('GET', `/api/review/items/${orig}/history`)).body;
    const entry = (history as unknown as Json[]).find((e) => e.action === 'sentiment');
    expect(entry).toMatchObject({ actor: '分析员乙', after: { sentiment: 'neg', source: 'analyst' } });
    expect(t.services.sentimentRepo.examples()).toEqual([{ label: 'neg', text: `orig\n${POST}` }]);
    // The search index is told.
    expect(t.outbox.pendingCount()).toBeGreaterThan(0);
  });

  it("keeps an analyst's label when items are re-scored", async () => {
    t.services.retag.request('test');
    await t.services.jobs.waitIdle();
    expect((await call('GET', `/api/items/${idOf('orig')}`)).body.sentiment.source).toBe('analyst');
    expect((await call('GET', `/api/items/${idOf('angry')}`)).body.sentiment.source).toBe('lexicon');
  });

  it('refuses an unknown label or item, naming the field', async () => {
    const bad = await call('PUT', `/api/items/${idOf('orig')}/sentiment`, { label: 'angry', actor: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('label');
    expect((await call('PUT', '/api/items/999999/sentiment', { label: 'pos', actor: 'x' })).status).toBe(404);
  });
});
