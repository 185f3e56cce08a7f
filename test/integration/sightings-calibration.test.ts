import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

// A double of our tagger interface: the score comes from the text so calibration has bands to fill.
const tagger: ItemTagger = {
  tag: ({ body }) => {
    const m = /score=(0\.\d)/.exec(body);
    if (!m && !/网传/.test(body)) return { tags: [], score: 0, reasons: [] };
    const score = m ? Number(m[1]) : 0.7;
    return { tags: ['rumor-suspect'], score, reasons: [{ code: 'marker-phrase', label: '传谣用语', weight: score, matches: ['网传'] }] };
  },
};

let clock = Date.parse('2026-11-20T04:00:00Z');
let t: ReturnType<typeof createDbApp>;
type Json = Record<string, any>;
async function call(method: string, url: string, body?: unknown) {
  const res = await t.app.request(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  return { status: res.status, body: (await res.json()) as Json };
}

beforeAll(() => {
  t = createDbApp({ sources: [rssSource('forum')], tagger, now: () => new Date(clock) });
});
afterAll(() => t.db.close());

describe('offline sightings', () => {
  const report = { text: '网传西城菜市场的猪肉都是病死猪肉，大家别买', place: '西城菜市场门口', heardOn: '2026-11-19', reportedBy: '网格员王芳' };

  it('stores a report as an item that is tagged, clustered with online copies and queued for review', async () => {
    t.ingest.ingest([rawItem({ sourceId: 'forum', title: '猪肉', body: '网传西城菜市场的猪肉都是病死猪肉，大家别买！！' })]);
    const r = await call('POST', '/api/sightings', report);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ place: '西城菜市场门口', heardOn: '2026-11-19', reportedBy: '网格员王芳', status: 'new' });
    expect(r.body.tags).toContain('rumor-suspect');
    expect(r.body.clusterSize).toBe(2);
    const item = (await call('GET', `/api/items/${r.body.itemId}`)).body;
    expect(item.sourceName).toBe('线下线索上报');
    expect(item.publishedAt).toBe('2026-11-18T16:00:00.000Z');
    expect(item.publishedPrecision).toBe('day');
    const list = (await call('GET', '/api/sightings')).body;
    expect(list.sightings.map((s: Json) => s.place)).toEqual(['西城菜市场门口']);
    // The built-in source is not a crawled source.
    expect((await call('GET', '/api/sources')).body.sources.map((s: Json) => s.id)).toEqual(['forum']);
  });

  it('treats the same report sent twice as one', async () => {
    const again = await call('POST', '/api/sightings', report);
    expect(again.status).toBe(200);
    expect((await call('GET', '/api/sightings')).body.total).toBe(1);
  });

  it('refuses a future or impossible day and an empty place, naming the field', async () => {
    const future = await call('POST', '/api/sightings', { ...report, heardOn: '2026-11-21' });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].path).toBe('heardOn');
    const impossible = await call('POST', '/api/sightings', { ...report, heardOn: '2026-02-30' });
    expect(impossible.status).toBe(422);
    const noPlace = await call('POST', '/api/sightings', { ...report, place: '  ' });
    expect(noPlace.status).toBe(422);
    expect(noPlace.body.errors[0].path).toBe('place');
    expect((await call('GET', '/api/sightings')).body.total).toBe(1);
  });
});

describe('calibration from verdicts', () => {
  it('reports precision per score band, threshold, signal, source and week, using the score at decision time', async () => {
    const bodies = ['score=0.9 a', 'score=0.9 b', 'score=0.9 c', 'score=0.3 d', 'score=0.3 e'];
    t.ingest.ingest(bodies.map((b, i) => rawItem({ sourceId: 'forum', title: `c${i}`, body: `${b} ${'甲乙丙丁'.repeat(i + 1)}` })));
    const idOf = (title: string) => t.db.prepare('SELECT id FROM items WHERE title = ?').pluck().get(title) as number;
    const verdicts: [string, string][] = [
      ['c0', 'confirmed-rumor'],
      ['c1', 'confirmed-rumor'],
      ['c2', 'not-rumor'],
      ['c3', 'not-rumor'],
      ['c4', 'not-rumor'],
    ];
    for (const [title, verdict] of verdicts) {
      const r = await call('POST', `/api/review/items/${idOf(title)}/verdict`, { verdict, reviewer: '张编辑' });
      expect(r.status).toBe(200);
    }
    // A later re-tag must not rewrite history.
    t.db.prepare('UPDATE items SET score = 0.1').run();
    const c = (await call('GET', '/api/review/calibration')).body;
    expect(c.decided).toBe(5);
    expect(c.byBand.find((b: Json) => b.key === '9')).toMatchObject({ decided: 3, confirmed: 2, precision: 0.667 });
    expect(c.byBand.find((b: Json) => b.key === '3')).toMatchObject({ decided: 2, confirmed: 0, precision: 0 });
    expect(c.byBand.find((b: Json) => b.key === '5')).toMatchObject({ decided: 0, precision: null });
    expect(c.byThreshold.find((b: Json) => b.key === '0.5')).toMatchObject({ decided: 3, confirmed: 2 });
    expect(c.bySignal[0]).toMatchObject({ key: 'marker-phrase', decided: 5, confirmed: 2, precision: 0.4 });
    expect(c.bySource[0]).toMatchObject({ key: 'forum', decided: 5 });
    expect(c.byWeek).toEqual([{ key: '2026-11-16', label: '2026-11-16', decided: 5, confirmed: 2, precision: 0.4 }]);
  });
});
