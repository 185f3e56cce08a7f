import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { PRESS_TITLE } from '../../server/repositories/ledger-repo';
import { rssSource } from '../support/factories';

// The two media counters of the outreach ledger over a real SQLite file: higher-level media reports
// (outside media mentioning the district) and press conferences (recognised, confirmable).
const tagger: ItemTagger = { tag: () => ({ tags: [], score: 0, reasons: [] }) };
const NOW = '2026-11-22T04:00:00.000Z';
const PERIOD = 'from=2026-11-05&to=2026-11-20';
type Json = Record<string, any>;
let t: ReturnType<typeof createDbApp>;
const id: Record<string, number> = {};

async function call(method: string, url: string, body?: unknown) {
  const res = await t.app.request(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}
const totals = async () => (await call('GET', `/api/ledger/totals?${PERIOD}`)).body;
const total = (all: Json, key: string) => all.totals.find((x: Json) => x.key === key);

beforeAll(() => {
  t = createDbApp({
    sources: [
      rssSource('rongmei', { kind: 'news', ownMedia: true }),
      rssSource('gov', { kind: 'notice', ownSite: true }),
      rssSource('paper', { kind: 'news' }),
      rssSource('tv', { kind: 'news' }),
      rssSource('portal', { kind: 'notice' }),
      rssSource('forum', { kind: 'post' }),
    ],
    tagger,
    now: () => new Date(NOW),
  });
  const insert = t.db.prepare(`INSERT INTO items (source_id, kind, url, title, body, content_hash, collected_at, sort_at, day, tagged_at, cluster_id)
    VALUES (@source, @kind, @url, @title, @body, @url, @at, @sortAt, @day, @at, @cluster)`);
  const add = (key: string, source: string, kind: string, day: string, hour: number, title: string, body = '正文。', cluster?: number) => {
    id[key] = Number(insert.run({
      source, kind, url: `https://example.test/${key}`, title, body, at: NOW, sortAt: `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`, day, cluster: cluster ?? null,
    }).lastInsertRowid);
    if (cluster === undefined) t.db.prepare('UPDATE items SET cluster_id = id WHERE id = ?').run(id[key]);
  };
  // Own media and own site: their conferences count, their news is never "higher-level media".
  add('ownConference', 'rongmei', 'news', '2026-11-10', 2, '清河区召开2026年第三季度新闻发布会', '清河区委宣传部主持。');
  add('preview', 'gov', 'notice', '2026-11-09', 1, '新闻发布会预告');
  // Outside media.
  add('mention', 'paper', 'news', '2026-11-06', 3, '老旧小区改造按下快进键', '省报记者走访清河区多个小区。');
  add('alias', 'tv', 'news', '2026-11-07', 3, '清河新城建设提速');
  add('notice', 'portal', 'notice', '2026-11-08', 3, '关于开展督查的通知', '督查组将赴清河区委调研。');
  add('fullWidth', 'paper', 'news', '2026-11-08', 4, '走进ＱＨ新区', '');
  add('elsewhere', 'paper', 'news', '2026-11-08', 5, '河西区召开经济工作会议', '河西区委书记讲话。');
  add('forum', 'forum', 'post', '2026-11-08', 6, '清河区今天又堵车了', '清河区大道堵死了');
  add('before', 'paper', 'news', '2026-11-01', 3, '清河区秋收', '');
  add('press1', 'paper', 'news', '2026-11-12', 1, '清河区召开新闻发布会 介绍冬季供暖保障', '');
  add('press2', 'tv', 'news', '2026-11-12', 3, '清河区召开新闻发布会，介绍冬季供暖保障', '', id.press1);
  add('launch', 'paper', 'news', '2026-11-13', 2, '某科技公司在清河区举行手机新品发布会', '');
});
afterAll(() => {
  t.db.close();
  fs.rmSync(t.dir, { recursive: true, force: true });
});

describe('the district profile', () => {
  it('is unset at first: 404, and higher-level media count 0 saying why', async () => {
    const res = await call('GET', '/api/ledger/district');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    const higher = total(await totals(), 'higher-media');
    expect(higher).toMatchObject({ automatic: true, quantity: 0, entries: 0, basis: { kind: 'items', ids: [], reason: 'no-district-profile' } });
    // Without a district, only own media and own site speak for it.
    expect(total(await totals(), 'press-conferences').basis.ids).toEqual([id.preview, id.ownConference]);
  });

  it('is set with aliases (each 2 characters or more) and audited', async () => {
    expect((await call('PUT', '/api/ledger/district', { name: '清河区', aliases: ['清'], actor: '宣传部' })).status).toBe(422);
    const put = await call('PUT', '/api/ledger/district', { name: '清河区', aliases: ['清河新城', 'QH新区'], actor: '宣传部' });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ name: '清河区', aliases: ['清河新城', 'QH新区'] });
    expect((await call('GET', '/api/ledger/district')).body).toEqual(put.body);
    const audit = t.db.prepare(`SELECT entity, action, actor FROM ledger_settings_audit`).all();
    expect(audit).toEqual([{ entity: 'district', action: 'create', actor: '宣传部' }]);
    expect(() => t.db.prepare('DELETE FROM ledger_settings_audit').run()).toThrow(/append-only/);
  });
});

describe('higher-level media reports', () => {
  it('counts outside news and notices mentioning the district by name or alias, not own media, other places or forum posts', async () => {
    const higher = total(await totals(), 'higher-media');
    const expected = ['mention', 'alias', 'notice', 'fullWidth', 'press1', 'press2', 'launch'].map((k) => id[k]);
    const link = `/api/ledger/totals/higher-media/records?${PERIOD}`;
    expect(higher).toMatchObject({ quantity: expected.length, entries: 0, basis: { kind: 'items', ids: expected, truncated: false, links: [link] } });
    expect(higher.basis.reason).toBeUndefined();
    // The link lists the very items counted, with their titles, to check the number by eye.
    const records = (await call('GET', link)).body;
    expect(records).toMatchObject({ key: 'higher-media', kind: 'items', total: expected.length, truncated: false });
    expect(records.records.map((r: Json) => r.id).sort()).toEqual([...expected].sort());
    expect(records.records[0]).toEqual({ id: expect.any(Number), title: expect.any(String), url: expect.any(String), day: expect.any(String), sourceId: expect.any(String) });
  });

  it('refuses the records of a typed category, pointing to its entries', async () => {
    const res = await call('GET', `/api/ledger/totals/leaflets/records?${PERIOD}`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain('/api/ledger/entries?category=leaflets');
    expect((await call('GET', `/api/ledger/totals/nope/records?${PERIOD}`)).status).toBe(404);
  });
});

describe('press conferences', () => {
  it('lists candidates newest first: one conference from two outlets counted once, product launches left out', async () => {
    const res = await call('GET', `/api/ledger/press-conferences?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.candidates.map((c: Json) => [c.itemId, c.state, c.counted])).toEqual([
      [id.press2, 'recognised', false], [id.press1, 'recognised', true], [id.ownConference, 'recognised', true], [id.preview, 'recognised', true],
    ]);
    expect(res.body.candidates[0]).toMatchObject({ title: '清河区召开新闻发布会，介绍冬季供暖保障', sourceId: 'tv', day: '2026-11-12', url: 'https://example.test/press2', decidedBy: null, decidedAt: null, conferenceId: id.press1 });
    expect((await call('GET', '/api/ledger/press-conferences?from=2026-11-20&to=2026-11-05')).status).toBe(422);
  });

  it('takes a rejection (audited) and stops counting it; refuses items that are no candidates', async () => {
    const rej = await call('PUT', `/api/ledger/press-conferences/${id.preview}`, { state: 'rejected', actor: '宣传部' });
    expect(rej.status).toBe(200);
    expect(rej.body).toMatchObject({ itemId: id.preview, state: 'rejected', decidedBy: '宣传部', decidedAt: NOW, counted: false });
    expect((await call('PUT', `/api/ledger/press-conferences/${id.launch}`, { state: 'confirmed', actor: 'x' })).status).toBe(404);
    expect((await call('PUT', '/api/ledger/press-conferences/99999', { state: 'confirmed', actor: 'x' })).status).toBe(404);
    expect((await call('PUT', `/api/ledger/press-conferences/${id.press1}`, { state: 'maybe', actor: 'x' })).status).toBe(422);
    const fig = total(await totals(), 'press-conferences');
    expect(fig).toMatchObject({ automatic: true, quantity: 2, entries: 0, basis: { kind: 'items', ids: [id.ownConference, id.press1], links: [`/api/ledger/totals/press-conferences/records?${PERIOD}`, `/api/ledger/press-conferences?${PERIOD}`] } });
    expect(t.db.prepare(`SELECT entity, entity_id AS entityId, action FROM ledger_settings_audit WHERE entity = 'press-conference'`).all())
      .toEqual([{ entity: 'press-conference', entityId: String(id.preview), action: 'rejected' }]);
  });

  it('holds a decision for the whole conference: confirming one outlet’s report counts that one, withdrawing restores the recogniser’s call', async () => {
    const conf = await call('PUT', `/api/ledger/press-conferences/${id.press2}`, { state: 'confirmed', actor: '宣传部' });
    expect(conf.body).toMatchObject({ itemId: id.press2, state: 'confirmed', counted: true });
    expect(total(await totals(), 'press-conferences').basis.ids).toEqual([id.ownConference, id.press2]);
    const back = await call('PUT', `/api/ledger/press-conferences/${id.press2}`, { state: 'recognised', actor: '宣传部' });
    expect(back.body).toMatchObject({ state: 'recognised', decidedBy: null, counted: false });
    expect(total(await totals(), 'press-conferences').basis.ids).toEqual([id.ownConference, id.press1]);
  });
});

describe('press conference titles', () => {
  it('are found through their partial index (its condition is the repository’s, term for term), not by reading every item of the period', () => {
    const plan = (t.db.prepare(`EXPLAIN QUERY PLAN SELECT i.id FROM items i WHERE i.day BETWEEN ? AND ? AND ${PRESS_TITLE}`).all('2026-11-01', '2026-11-30') as {
      detail: string;
    }[]).map((r) => r.detail);
    expect(plan.join(' ')).toContain('items_press_day');
  });
});

describe('typed entries', () => {
  it('are refused for both categories, and entries typed before they became automatic are not summed', async () => {
    const cats = (await call('GET', '/api/ledger/categories')).body.categories;
    expect(cats.filter((c: Json) => ['higher-media', 'press-conferences'].includes(c.key)).map((c: Json) => c.automatic)).toEqual([true, true]);
    const unit = await call('POST', '/api/ledger/units', { name: '区委宣传部', kind: 'department', actor: 'a' });
    for (const categoryKey of ['higher-media', 'press-conferences']) {
      const res = await call('POST', '/api/ledger/entries', { day: '2026-11-10', unitId: unit.body.id, categoryKey, quantity: 3, actor: 'a' });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe('categoryKey');
    }
    t.db.prepare(`INSERT INTO ledger_entries (day, unit_id, category_key, quantity, created_by, created_at, updated_at)
      VALUES ('2026-11-10', ?, 'higher-media', 99, 'legacy', ?, ?)`).run(unit.body.id, NOW, NOW);
    expect(total(await totals(), 'higher-media')).toMatchObject({ quantity: 7, entries: 0 });
    // Per unit, automatic figures are not given at all (they belong to the district).
    expect(total((await call('GET', `/api/ledger/totals?${PERIOD}&unitId=${unit.body.id}`)).body, 'higher-media')).toBeUndefined();
  });
});
