import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/open-database';
import { createRouter } from '../../server/http/openapi-app';
import { createErrorHandler } from '../../server/http/problem';
import { createLedgerRepo } from '../../server/repositories/ledger-repo';
import { ledgerRoutes } from '../../server/routes/ledger';
import { readImportTable } from '../../server/services/ledger-import';
import { createLedgerService } from '../../server/services/ledger-service';
import { tempDir } from '../support/meili';

// 12:30 on 2026-11-22 in Asia/Shanghai.
const NOW = '2026-11-22T04:30:00.000Z';
const TODAY = '2026-11-22';
type Json = Record<string, any>;

let dir: string;
let db: Db;
let app: ReturnType<typeof createRouter>;
const unit: Record<string, number> = {};

const call = async (method: string, url: string, body?: unknown) => {
  const res = await app.request(url, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
};
const post = (url: string, body: unknown) => call('POST', url, body);
const entryCount = () => db.prepare('SELECT count(*) FROM ledger_entries WHERE deleted = 0').pluck().get() as number;
const entry = (over: Json = {}) => ({ day: '2026-11-20', unitId: unit.东街社区, categoryKey: 'leaflets', quantity: 100, actor: '张三', ...over });
const total = (t: Json, key: string) => t.totals.find((x: Json) => x.key === key);

beforeAll(async () => {
  dir = tempDir('ledger');
  db = openDatabase(path.join(dir, 'ledger.db'));
  app = createRouter().route('/', ledgerRoutes(createLedgerService({ ledger: createLedgerRepo(db), now: () => new Date(NOW) })));
  app.onError(createErrorHandler({ error: () => {} }));
  for (const [name, kind, parent] of [
    ['城关镇', 'township', null], ['东街社区', 'community', '城关镇'], ['西街社区', 'community', '城关镇'], ['区卫健局', 'department', null],
  ] as const) {
    const res = await post('/ledger/units', { name, kind, parentId: parent ? unit[parent] : null, actor: 'admin' });
    expect(res.status).toBe(201);
    unit[name] = res.body.id;
  }
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('units', () => {
  it('lists the tree parents first, with depth', async () => {
    const { body } = await call('GET', '/ledger/units');
    expect(body.units.map((u: Json) => [u.name, u.depth])).toEqual([['城关镇', 0], ['东街社区', 1], ['西街社区', 1], ['区卫健局', 0]]);
  });
  it('refuses a duplicate name, a move under its own sub-unit, and deleting a unit in use', async () => {
    const dup = await post('/ledger/units', { name: '城关镇', kind: 'street', actor: 'a' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'conflict', reason: 'name_taken', params: { what: 'unit', value: '城关镇' } });
    const cycle = await call('PATCH', `/ledger/units/${unit.城关镇}`, { parentId: unit.东街社区, actor: 'a' });
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors[0]).toMatchObject({ path: 'parentId', code: 'self_reference', params: { what: 'unit' } });
    const inUse = await call('DELETE', `/ledger/units/${unit.城关镇}?actor=a`);
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ reason: 'unit_in_use', params: { name: '城关镇', children: 2, entries: 0, zeroReports: 0, targets: 0 } });
  });
  it('renames, moves and deletes an unused unit', async () => {
    const made = await post('/ledger/units', { name: '临时组', kind: 'department', actor: 'a' });
    const moved = await call('PATCH', `/ledger/units/${made.body.id}`, { name: '临时工作组', parentId: unit.区卫健局, actor: 'a' });
    expect(moved.body).toMatchObject({ name: '临时工作组', parentId: unit.区卫健局, depth: 1 });
    expect((await call('DELETE', `/ledger/units/${made.body.id}?actor=a`)).status).toBe(204);
    expect((await call('GET', '/ledger/units')).body.units).toHaveLength(4);
  });
});

describe('categories', () => {
  it('has the defaults with measure words and takes a custom one', async () => {
    const { body } = await call('GET', '/ledger/categories');
    expect(body.categories).toHaveLength(16);
    expect(body.categories.find((c: Json) => c.key === 'vehicles')).toMatchObject({ name: '宣传车', measure: '台次', automatic: false });
    expect(body.categories.find((c: Json) => c.key === 'rebuttals').automatic).toBe(true);
    expect((await post('/ledger/categories', { key: 'exhibitions', name: '展板', measure: '块', actor: 'a' })).status).toBe(201);
    const sameName = await post('/ledger/categories', { key: 'exhibits', name: '展板', measure: '块', actor: 'a' });
    expect(sameName.status).toBe(409);
    expect(sameName.body).toMatchObject({ reason: 'name_taken', params: { what: 'category', value: '展板' } });
    const sameKey = await post('/ledger/categories', { key: 'exhibitions', name: '展览', measure: '块', actor: 'a' });
    expect(sameKey.body).toMatchObject({ reason: 'id_taken', params: { what: 'category', value: 'exhibitions' } });
  });
});

describe('entries', () => {
  it('refuses future days, automatic categories, unknown units and negative quantities', async () => {
    expect((await post('/ledger/entries', entry({ day: '2026-11-23' }))).body.errors[0]).toMatchObject({
      path: 'day',
      code: 'future_day',
      params: { value: '2026-11-23', today: '2026-11-22' },
    });
    expect((await post('/ledger/entries', entry({ categoryKey: 'rebuttals' }))).body.errors[0].path).toBe('categoryKey');
    expect((await post('/ledger/entries', entry({ unitId: 999 }))).body.errors[0]).toMatchObject({
      path: 'unitId',
      code: 'unknown_reference',
      params: { what: 'unit', value: 999 },
    });
    expect((await call('GET', '/ledger/totals?from=2026-11-20&to=2026-11-01')).body.errors[0]).toMatchObject({ path: 'to', code: 'period_reversed' });
    const neg = await post('/ledger/entries', entry({ quantity: -1 }));
    expect(neg.status).toBe(422);
    expect(neg.body.errors[0].path).toBe('quantity');
  });

  it('audits an edit and a delete with before and after; deleted entries stop counting', async () => {
    const made = await post('/ledger/entries', entry({ day: '2026-11-01', quantity: 40, note: '初稿' }));
    expect(made.status).toBe(201);
    const id = made.body.id;
    const edited = await call('PATCH', `/ledger/entries/${id}`, { quantity: 45, actor: '李四' });
    expect(edited.body).toMatchObject({ quantity: 45, note: '初稿', unitName: '东街社区', measure: '张' });
    expect((await call('DELETE', `/ledger/entries/${id}?actor=王五`)).status).toBe(204);
    const history = (await call('GET', `/ledger/entries/${id}/history`)).body;
    expect(history.map((h: Json) => [h.action, h.actor])).toEqual([['create', '张三'], ['update', '李四'], ['delete', '王五']]);
    expect(history[1].before.quantity).toBe(40);
    expect(history[1].after.quantity).toBe(45);
    expect(history[2].before.quantity).toBe(45);
    expect(history[2].after).toBeNull();
    expect((await call('PATCH', `/ledger/entries/${id}`, { quantity: 1, actor: 'x' })).status).toBe(404);
    const t = (await call('GET', '/ledger/totals?from=2026-11-01&to=2026-11-01')).body;
    expect(total(t, 'leaflets').quantity).toBe(0);
    expect(() => db.prepare('DELETE FROM ledger_audit').run()).toThrow(/append-only/);
  });
});

describe('totals, zero reports and targets', () => {
  beforeAll(async () => {
    for (const e of [
      entry({ day: '2026-11-10', unitId: unit.东街社区, quantity: 300 }),
      entry({ day: '2026-11-11', unitId: unit.西街社区, quantity: 200 }),
      entry({ day: '2026-11-11', unitId: unit.城关镇, categoryKey: 'banners', quantity: 12 }),
      entry({ day: '2026-11-12', unitId: unit.区卫健局, quantity: 1000 }),
      entry({ day: '2026-11-15', unitId: unit.东街社区, quantity: 7 }), // outside the period below
    ]) expect((await post('/ledger/entries', e)).status).toBe(201);
    // The rumour desk's rebuttals: 00:30 and 23:59 on 11-10 in Shanghai count, 23:59 on 11-09 does not.
    const reb = db.prepare(`INSERT INTO rebuttals (title, text, published_at, created_by, created_at, updated_at) VALUES (?, 't', ?, 'e', ?, ?)`);
    const ids = ['2026-11-09T16:30:00.000Z', '2026-11-10T15:59:00.000Z', '2026-11-09T15:59:00.000Z'].map((at, i) => Number(reb.run(`辟谣${i}`, at, at, at).lastInsertRowid));
    const source = db.prepare(`INSERT INTO sources (id, name, kind, type, url, schedule, enabled, config_json, updated_at) VALUES (?, ?, ?, 'rss', ?, '', 1, ?, ?)`);
    source.run('wx', '区融媒公众号', 'news', 'https://example.test/wx', '{"ownMedia":true}', NOW);
    source.run('forum', '论坛', 'post', 'https://example.test/f', '{}', NOW);
    source.run('site', '区政府网', 'news', 'https://example.test/site', '{"ownSite":true}', NOW);
    source.run('portal', '政务服务网', 'notice', 'https://example.test/p', '{"ownSite":true,"ownMedia":false}', NOW);
    const item = db.prepare(`INSERT INTO items (source_id, kind, url, title, body, content_hash, collected_at, sort_at, day, tagged_at)
      VALUES (?, 'news', ?, 't', 'b', ?, ?, ?, ?, ?)`);
    const days = [['wx', '2026-11-10'], ['wx', '2026-11-11'], ['wx', '2026-11-20'], ['forum', '2026-11-10'], ['site', '2026-11-12'], ['portal', '2026-11-12']];
    for (const [i, [src, day]] of days.entries()) {
      item.run(src, `https://example.test/i${i}`, `h${i}`, NOW, `${day}T02:00:00.000Z`, day, NOW);
    }
    expect(ids).toHaveLength(3);
  });

  it('sums a period for a unit subtree and for the district, with automatic figures traced to their records', async () => {
    const sub = (await call('GET', `/ledger/totals?from=2026-11-10&to=2026-11-12&unitId=${unit.城关镇}`)).body;
    expect(total(sub, 'leaflets')).toMatchObject({ quantity: 500, entries: 2, measure: '张' });
    expect(total(sub, 'banners').quantity).toBe(12);
    expect(total(sub, 'rebuttals')).toBeUndefined();
    const all = (await call('GET', '/ledger/totals?from=2026-11-10&to=2026-11-12')).body;
    expect(total(all, 'leaflets').quantity).toBe(1500);
    const reb = total(all, 'rebuttals');
    expect(reb).toMatchObject({ automatic: true, quantity: 2, basis: { kind: 'rebuttals', truncated: false } });
    const rebIds = db.prepare(`SELECT id FROM rebuttals WHERE title IN ('辟谣0', '辟谣1') ORDER BY id`).pluck().all();
    expect(reb.basis.ids).toEqual(rebIds);
    const own = total(all, 'own-media-news');
    expect(own.quantity).toBe(3);
    const ownIds = db.prepare(`SELECT id FROM items WHERE source_id IN ('wx', 'site') AND day <= '2026-11-12' ORDER BY id`).pluck().all();
    expect(own.basis.ids).toEqual(ownIds);
    expect(own.basis.links).toEqual([
      '/api/ledger/totals/own-media-news/records?from=2026-11-10&to=2026-11-12',
      '/api/items?source=site&from=2026-11-10&to=2026-11-12',
      '/api/items?source=wx&from=2026-11-10&to=2026-11-12',
    ]);
    expect((await call('GET', '/ledger/totals?from=2026-11-12&to=2026-11-10')).status).toBe(422);
  });

  it('lists units yet to report today, takes a one-click zero report once, and refuses one for a unit with entries', async () => {
    const before = (await call('GET', '/ledger/missing-reports')).body;
    expect(before).toMatchObject({ day: TODAY, reported: 0, total: 4 });
    expect((await post('/ledger/entries', entry({ day: TODAY, unitId: unit.东街社区 }))).status).toBe(201);
    const zero = await post('/ledger/zero-reports', { unitId: unit.西街社区, actor: '赵六' });
    expect(zero.status).toBe(201);
    expect(zero.body).toMatchObject({ unitId: unit.西街社区, day: TODAY, reportedBy: '赵六' });
    expect((await post('/ledger/zero-reports', { unitId: unit.西街社区, actor: '赵六' })).body.reportedAt).toBe(zero.body.reportedAt);
    const hasEntries = await post('/ledger/zero-reports', { unitId: unit.东街社区, actor: 'x' });
    expect(hasEntries.status).toBe(409);
    expect(hasEntries.body).toMatchObject({ reason: 'entries_exist', params: { unitId: unit.东街社区, day: TODAY } });
    const after = (await call('GET', '/ledger/missing-reports')).body;
    expect(after.units.map((u: Json) => u.name)).toEqual(['城关镇', '区卫健局']);
    expect((await call('GET', '/ledger/missing-reports?day=2026-11-11')).body.units.map((u: Json) => u.name)).toEqual(['东街社区', '区卫健局']);
  });

  it('reports target progress for the target period and keeps it in step with edits', async () => {
    const t = await post('/ledger/targets', { categoryKey: 'leaflets', unitId: unit.城关镇, periodStart: '2026-11-10', periodEnd: '2026-11-12', quantity: 1000, actor: 'a' });
    expect(t.status).toBe(201);
    expect(t.body.progress).toEqual({ actual: 500, ratio: 0.5 });
    const widened = await call('PATCH', `/ledger/targets/${t.body.id}`, { periodEnd: '2026-11-15', actor: 'a' });
    expect(widened.body.progress.actual).toBe(507);
    const district = await post('/ledger/targets', { categoryKey: 'rebuttals', periodStart: '2026-11-10', periodEnd: '2026-11-10', quantity: 4, actor: 'a' });
    expect(district.body.progress).toEqual({ actual: 2, ratio: 0.5 });
    expect((await post('/ledger/targets', { categoryKey: 'rebuttals', unitId: unit.城关镇, periodStart: '2026-11-10', periodEnd: '2026-11-10', quantity: 4, actor: 'a' })).status).toBe(422);
    expect((await call('GET', '/ledger/targets')).body.targets).toHaveLength(2);
    expect((await call('DELETE', `/ledger/targets/${district.body.id}?actor=a`)).status).toBe(204);
    expect((await call('GET', `/ledger/targets/${district.body.id}`)).status).toBe(404);
  });
});

describe('import', () => {
  const csv = (rows: unknown[][]) => stringify([['日期', '单位', '类别', '数量', '备注'], ...rows]);
  const imp = (content: string, dryRun = false, format = 'csv') => post('/ledger/import', { format, content, dryRun, actor: '导入员' });

  it('previews every row with its own errors and writes nothing', async () => {
    const n = entryCount();
    const res = await imp(csv([['2026-11-05', '东街社区', '宣传单', '10', ''], ['2026-11-05', '南山村', '宣传单', '-2', '']]), true);
    expect(res.status).toBe(200);
    expect(res.body.preview.map((r: Json) => r.errors.length)).toEqual([0, 2]);
    expect(res.body.errors.map((e: Json) => `${e.row}.${e.column}`)).toEqual(['3.单位', '3.数量']);
    expect(entryCount()).toBe(n);
  });

  it('refuses the whole file when any row is bad, naming each bad row and column', async () => {
    const n = entryCount();
    const res = await imp(csv([
      ['2026-11-05', '东街社区', '宣传单', '10', 'ok'],
      ['2026-11-05', '东街社区', '宣传画', '10', ''],
      ['2026-11-05', '东街社区', '宣传单', '十', ''],
      ['2026-11-30', '东街社区', '宣传单', '1', ''],
      ['2026-11-5x', '东街社区', '宣传单', '1', ''],
      ['2026-11-05', '东街社区', '宣传单', '10', 'ok'],
      ['2026-11-10', '东街社区', '宣传单', '300', ''], // identical to a stored entry
    ]));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: Json) => e.path)).toEqual(['row 3.类别', 'row 4.数量', 'row 5.日期', 'row 6.日期', 'row 7.*', 'row 8.*']);
    expect(res.body.errors[4].message).toBe('duplicate of row 2');
    // Each names its rule and figures, so the dashboard words it in the reader's language.
    expect(res.body.errors.map((e: Json) => [e.code, e.params ?? null])).toEqual([
      ['unknown_category', { value: '宣传画' }],
      ['not_a_number', { value: '十' }],
      ['future_day', { value: '2026-11-30', today: '2026-11-22' }],
      ['not_a_date', { value: '2026-11-5x' }],
      ['duplicate_row', { row: 2 }],
      ['already_in_ledger', null],
    ]);
    expect(entryCount()).toBe(n);
  });

  it('accepts a 10,000-row CSV file in one transaction', async () => {
    const units = ['城关镇', '东街社区', '西街社区', '区卫健局'];
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const day = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10);
      return [day, units[i % 4], i % 2 ? 'household-visits' : '宣传单', String(i + 1), `批量${i}`];
    });
    const file = path.join(dir, 'big.csv');
    fs.writeFileSync(file, `\ufeff${stringify([['date', 'unit', 'category', 'quantity', 'note'], ...rows])}`);
    const n = entryCount();
    const res = await imp(fs.readFileSync(file, 'utf8'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 10_000, imported: 10_000, errors: [] });
    expect(entryCount()).toBe(n + 10_000);
    const t = (await call('GET', '/ledger/totals?from=2026-01-01&to=2026-10-27')).body;
    expect(total(t, 'household-visits').quantity).toBe(rows.filter((_, i) => i % 2).reduce((s, r) => s + Number(r[3]), 0));
    // The same file again: every row now duplicates a stored entry.
    const again = await imp(fs.readFileSync(file, 'utf8'));
    expect(again.status).toBe(422);
    expect(again.body.errors).toHaveLength(10_000);
  }, 120_000);

  it('previews a 10,000-row XLSX workbook without an error', async () => {
    const head = ['日期', '单位', '类别', '数量', '备注'].map((value) => ({ value }));
    const rows = Array.from({ length: 10_000 }, (_, i) => [
      { value: new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000), format: 'yyyy-mm-dd' }, { value: '西街社区' }, { value: '标语横幅' }, { value: i + 1 }, null,
    ]);
    const file = path.join(dir, 'big.xlsx');
    await writeXlsxFile([head, ...rows]).toFile(file);
    const res = await imp(fs.readFileSync(file).toString('base64'), true, 'xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 10_000, imported: 0, errors: [] });
    expect(res.body.preview[9_999]).toMatchObject({ row: 10_001, day: '2025-05-25', quantity: 10_000, categoryKey: 'banners' });
  }, 120_000);

  it('imports an XLSX workbook and serves templates the importer reads back', async () => {
    const head = ['日期', '单位', '类别', '数量', '备注'].map((value) => ({ value }));
    const buf = await writeXlsxFile([head, [{ value: new Date(Date.UTC(2026, 10, 3)), format: 'yyyy-mm-dd' }, { value: '区卫健局' }, { value: '宣传车' }, { value: 4 }, { value: '下乡' }]]).toBuffer();
    const res = await imp(buf.toString('base64'), false, 'xlsx');
    expect(res.body).toMatchObject({ imported: 1 });
    const listed = (await call('GET', `/ledger/entries?unitId=${unit.区卫健局}&from=2026-11-03&to=2026-11-03`)).body;
    expect(listed.entries).toMatchObject([{ categoryKey: 'vehicles', quantity: 4, note: '下乡', measure: '台次' }]);

    const csvTpl = await app.request('/ledger/import/template?format=csv');
    expect(csvTpl.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csvTpl.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    expect(bytes.subarray(3).toString('utf8').trim()).toBe('日期,单位,类别,数量,备注');
    const xlsxTpl = await app.request('/ledger/import/template?format=xlsx');
    expect(xlsxTpl.status).toBe(200);
    const table = await readImportTable('xlsx', Buffer.from(await xlsxTpl.arrayBuffer()).toString('base64'));
    expect(table[0]).toEqual(['日期', '单位', '类别', '数量', '备注']);
  });
});

describe('entry listing', () => {
  it('filters by unit subtree, category and day range', async () => {
    const q = (s: string) => call('GET', `/ledger/entries?${s}`).then((r) => r.body);
    const sub = await q(`unitId=${unit.城关镇}&from=2026-11-10&to=2026-11-12`);
    expect(sub.entries.map((e: Json) => [e.day, e.unitName, e.quantity])).toEqual([
      ['2026-11-11', '城关镇', 12], ['2026-11-11', '西街社区', 200], ['2026-11-10', '东街社区', 300],
    ]);
    expect((await q(`unitId=${unit.城关镇}&from=2026-11-10&to=2026-11-12&category=banners`)).total).toBe(1);
    expect((await call('GET', '/ledger/entries?unitId=999')).status).toBe(404);
  });
});
