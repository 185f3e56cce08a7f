import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

const tagger: ItemTagger = { tag: () => ({ tags: [], score: 0, reasons: [] }) };

let t: ReturnType<typeof createDbApp>;
type Json = Record<string, any>;
async function call(method: string, url: string, body?: unknown) {
  const res = await t.app.request(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  return { status: res.status, body: (res.status === 204 ? {} : await res.json()) as Json };
}
const memberIds = (topicId: number) =>
  (t.db.prepare('SELECT item_id FROM item_topics WHERE topic_id = ? ORDER BY item_id').pluck().all(topicId) as number[]);
const idOf = (title: string) => t.db.prepare('SELECT id FROM items WHERE title = ?').pluck().get(title) as number;

beforeAll(() => {
  t = createDbApp({ sources: [rssSource('forum'), rssSource('gov', { kind: 'notice' })], tagger });
  t.ingest.ingest([
    rawItem({ sourceId: 'forum', title: 'A', body: '地铁3号线明天停运' }),
    rawItem({ sourceId: 'forum', title: 'B', body: '轨道交通停运检修通知转发' }),
    rawItem({ sourceId: 'forum', title: 'C', body: '地铁正常运营' }),
    rawItem({ sourceId: 'gov', title: 'D', body: '地铁停运广告' }),
  ]);
});
afterAll(() => t.db.close());

describe('monitoring topics', () => {
  let topicId: number;

  it('matches stored items in the background when a topic is created, with progress as a job', async () => {
    const jobs: Json[] = [];
    const off = t.events.on('job', (j) => jobs.push(j));
    const r = await call('POST', '/api/topics', {
      actor: '分析员甲',
      topic: { name: '地铁停运', includeAll: ['地铁|轨道交通', '停运'], exclude: ['广告'] },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: '地铁停运', createdBy: '分析员甲', matchedAt: null, includeAny: [], kinds: [] });
    topicId = r.body.id;
    await t.services.jobs.waitIdle();
    off();
    expect(memberIds(topicId)).toEqual([idOf('A'), idOf('B')]);
    const done = jobs.filter((j) => j.kind === 'topic-match' && j.status === 'done');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ done: 4, total: 4, changed: 2 });
    const got = (await call('GET', `/api/topics/${topicId}`)).body;
    expect(got.matchedAt).not.toBeNull();
    expect(got).toMatchObject({ itemCount: 2, last24h: 2 });
  });

  it('matches new items at ingest; items name their topics and can be listed by topic', async () => {
    t.ingest.ingest([rawItem({ sourceId: 'forum', title: 'E', body: '明早地铁二号线停运' }), rawItem({ sourceId: 'forum', title: 'F', body: '公交停运' })]);
    expect(memberIds(topicId)).toContain(idOf('E'));
    expect(memberIds(topicId)).not.toContain(idOf('F'));
    expect((await call('GET', `/api/items/${idOf('E')}`)).body.topics).toEqual([{ id: topicId, name: '地铁停运' }]);
    expect((await call('GET', `/api/items/${idOf('F')}`)).body.topics).toEqual([]);
    const listed = (await call('GET', `/api/items?topic=${topicId}&sort=oldest`)).body;
    expect(listed.items.map((i: Json) => i.title)).toEqual(['A', 'B', 'E']);
  });

  it('re-matches stored items when the rules change, dropping those that no longer belong', async () => {
    const r = await call('PUT', `/api/topics/${topicId}`, { name: '地铁停运', includeAll: ['地铁', '停运'], kinds: ['post'] });
    expect(r.status).toBe(200);
    expect(r.body.matchedAt).toBeNull();
    await t.services.jobs.waitIdle();
    expect(memberIds(topicId)).toEqual([idOf('A'), idOf('E')]);
  });

  it('refuses rules without keywords, empty alternatives and duplicate names, naming the field', async () => {
    const none = await call('POST', '/api/topics', { actor: 'x', topic: { name: '空', exclude: ['广告'] } });
    expect(none.status).toBe(422);
    expect(none.body.errors[0].path).toBe('topic.includeAll');
    const emptyAlt = await call('POST', '/api/topics', { actor: 'x', topic: { name: '空2', includeAny: ['地铁||公交'] } });
    expect(emptyAlt.status).toBe(422);
    expect(emptyAlt.body.errors[0].path).toBe('topic.includeAny.0');
    const dup = await call('POST', '/api/topics', { actor: 'x', topic: { name: '地铁停运', includeAny: ['公交'] } });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ reason: 'name_taken', params: { what: 'topic', value: '地铁停运' } });
    expect((await call('GET', '/api/topics')).body.topics).toHaveLength(1);
  });

  it('deletes a topic and its memberships but keeps the items', async () => {
    expect((await call('DELETE', `/api/topics/${topicId}`)).status).toBe(204);
    expect(memberIds(topicId)).toEqual([]);
    expect(idOf('A')).toBeGreaterThan(0);
    expect((await call('GET', `/api/topics/${topicId}`)).status).toBe(404);
    // New items no longer join it.
    t.ingest.ingest([rawItem({ sourceId: 'forum', title: 'G', body: '地铁停运' })]);
    expect(t.db.prepare('SELECT count(*) FROM item_topics').pluck().get()).toBe(0);
  });
});
