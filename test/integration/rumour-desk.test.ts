import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

// A double of our own tagger interface (the real tagger has its own tests): 网传 marks a suspect.
const markerTagger: ItemTagger = {
  tag: ({ title, body }) =>
    /网传|辟谣/.test(title + body)
      ? /辟谣/.test(title + body)
        ? { tags: ['rebuttal'], score: 0, reasons: [] }
        : { tags: ['rumor-suspect'], score: 0.8, reasons: [{ code: 'marker-phrase', label: '传谣用语', weight: 0.8, matches: ['网传'] }] }
      : { tags: [], score: 0, reasons: [] },
};

let clock = Date.parse('2026-11-20T02:00:00Z');
const now = () => new Date(clock);
let t: ReturnType<typeof createDbApp>;

type Json = Record<string, any>;
async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await t.app.request(url, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}
const get = (url: string) => call('GET', url);
const post = (url: string, body: unknown) => call('POST', url, body);

function idOf(title: string): number {
  return t.db.prepare('SELECT id FROM items WHERE title = ?').pluck().get(title) as number;
}

const RUMOUR = '网传东城街道自来水被污染了，千万别喝，家里的老人孩子都要注意，赶紧囤桶装水';
const REPOST = '转发：网传东城街道自来水被污染了，千万别喝，家里的老人孩子都要注意，赶紧囤桶装水！！';

beforeAll(() => {
  t = createDbApp({ sources: [rssSource('forum'), rssSource('gov', { kind: 'notice' })], tagger: markerTagger, now, claimMinutes: 15 });
  t.ingest.ingest([
    rawItem({ sourceId: 'forum', title: '水污染', body: RUMOUR, publishedAt: '2026-11-20T01:00:00Z' }),
    rawItem({ sourceId: 'forum', title: '水污染转发', body: REPOST, publishedAt: '2026-11-20T01:30:00Z' }),
    rawItem({ sourceId: 'forum', title: '封路传言', body: '网传西城区明天全部道路封闭，所有车辆禁止通行，请大家提前做好准备', publishedAt: '2026-11-19T01:00:00Z' }),
    rawItem({ sourceId: 'gov', title: '停水通知', body: '因管网检修，南城街道明日停水', publishedAt: '2026-11-20T00:00:00Z' }),
  ]);
});
afterAll(() => t.db.close());

describe('the review queue', () => {
  it('shows one row per cluster of copies, with the copies counted, most urgent first', async () => {
    const r = await get('/api/review/queue');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(2);
    const [first, second] = r.body.items;
    // The water rumour has two copies and is fresher: it outranks the single older one.
    expect(first.clusterSize).toBe(2);
    expect(first.clusterInQueue).toBe(2);
    expect(second.title).toBe('封路传言');
    expect(first.priority).toBeGreaterThan(second.priority);
  });

  it('filters by source and date, and validates them', async () => {
    expect((await get('/api/review/queue?source=gov')).body.total).toBe(0);
    expect((await get('/api/review/queue?from=2026-11-20')).body.total).toBe(1);
    // By monitoring topic: only the road-closure rumour belongs to 交通.
    const topic = await post('/api/topics', { actor: 'a', topic: { name: '交通', includeAny: ['道路', '车辆'] } });
    await t.services.jobs.waitIdle();
    const byTopic = (await get(`/api/review/queue?topic=${topic.body.id}`)).body;
    expect(byTopic.items.map((i: Json) => i.title)).toEqual(['封路传言']);
    const bad = await get('/api/review/queue?from=yesterday');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('from');
  });
});

describe('claims', () => {
  it('lets one editor hold an item; another is refused until the claim lapses', async () => {
    const id = idOf('封路传言');
    const a = await post(`/api/review/items/${id}/claim`, { editor: '张编辑' });
    expect(a.status).toBe(200);
    expect(a.body.status).toBe('in-progress');
    expect(a.body.claim.by).toBe('张编辑');
    expect((await get('/api/review/queue?status=in-progress')).body.total).toBe(1);

    const b = await post(`/api/review/items/${id}/claim`, { editor: '李编辑' });
    expect(b.status).toBe(409);
    expect(b.body.detail).toContain('张编辑');
    expect(b.body).toMatchObject({ reason: 'claimed', params: { id, holder: '张编辑', until: a.body.claim.expiresAt } });
    const v = await post(`/api/review/items/${id}/verdict`, { verdict: 'not-rumor', reviewer: '李编辑' });
    expect(v.status).toBe(409);
    expect(v.body.reason).toBe('claimed');

    clock += 16 * 60_000; // the claim lapsed
    expect((await get(`/api/items/${id}`)).body.status).toBe('new');
    const c = await post(`/api/review/items/${id}/claim`, { editor: '李编辑' });
    expect(c.status).toBe(200);
    expect(c.body.claim.by).toBe('李编辑');
    const released = await post(`/api/review/items/${id}/release`, { editor: '李编辑' });
    expect(released.body.status).toBe('new');
  });
});

describe('verdicts', () => {
  it('needs a note for needs-verification and an existing original for a duplicate', async () => {
    const id = idOf('封路传言');
    const noNote = await post(`/api/review/items/${id}/verdict`, { verdict: 'needs-verification', reviewer: '张编辑' });
    expect(noNote.status).toBe(422);
    expect(noNote.body.errors[0].path).toBe('note');
    const noOriginal = await post(`/api/review/items/${id}/verdict`, { verdict: 'duplicate', reviewer: '张编辑' });
    expect(noOriginal.status).toBe(422);
    const unknown = await post(`/api/review/items/${id}/verdict`, { verdict: 'duplicate', reviewer: '张编辑', duplicateOf: 999_999 });
    expect(unknown.status).toBe(422);
    const itself = await post(`/api/review/items/${id}/verdict`, { verdict: 'duplicate', reviewer: '张编辑', duplicateOf: id });
    expect(itself.status).toBe(422);
    expect(itself.body.errors[0]).toMatchObject({ path: 'duplicateOf', code: 'self_reference', params: { what: 'item' } });
    const parked = await post(`/api/review/items/${id}/verdict`, { verdict: 'needs-verification', reviewer: '张编辑', note: '向交警大队核实' });
    expect(parked.status).toBe(200);
    expect(parked.body.status).toBe('needs-verification');
    // Parked items stay in the pending queue.
    expect((await get('/api/review/queue?status=needs-verification')).body.total).toBe(1);
  });

  it("offers the district's own notice that answers a rumour as draft evidence", async () => {
    t.ingest.ingest([
      rawItem({ sourceId: 'gov', title: '关于西城区道路正常通行的说明', body: '近日有网传西城区明天全部道路封闭，经核实，西城区道路正常通行，车辆不受限制。' }),
    ]);
    const ev = await get(`/api/review/items/${idOf('封路传言')}/evidence`);
    expect(ev.status).toBe(200);
    expect(ev.body[0]).toMatchObject({ title: '关于西城区道路正常通行的说明', sourceName: '来源 gov' });
    expect(ev.body[0].phrases.join('|')).toContain('西城区明天全部道路封闭');
    expect(ev.body.map((e: Json) => e.title)).not.toContain('停水通知');
  });

  it('keeps every change in the audit log, who and when, before and after', async () => {
    const id = idOf('封路传言');
    const h = await get(`/api/review/items/${id}/history`);
    expect(h.body.map((e: Json) => e.action)).toEqual(['claim', 'claim', 'release', 'verdict']);
    const last = h.body.at(-1);
    expect(last.actor).toBe('张编辑');
    expect(last.before.status).toBe('new');
    expect(last.after).toMatchObject({ status: 'needs-verification', note: '向交警大队核实' });
    expect(() => t.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('applies one verdict to the undecided copies of a cluster, leaving claimed ones', async () => {
    const original = idOf('水污染');
    const copy = idOf('水污染转发');
    const clusterId = (await get(`/api/items/${copy}`)).body.clusterId;
    expect(clusterId).toBe(original);
    await post(`/api/review/items/${copy}/claim`, { editor: '李编辑' });
    const bulk = await post(`/api/review/clusters/${clusterId}/verdict`, { verdict: 'confirmed-rumor', reviewer: '张编辑' });
    expect(bulk.status).toBe(200);
    expect(bulk.body.updated).toEqual([original]);
    expect(bulk.body.skipped).toEqual([{ id: copy, reason: 'claimed' }]);
    const decided = await post(`/api/review/items/${original}/claim`, { editor: '王编辑' });
    expect(decided.status).toBe(409);
    expect(decided.body).toMatchObject({ reason: 'already_decided', params: { id: original, status: 'confirmed-rumor' } });
    const h = await get(`/api/review/items/${original}/history`);
    expect(h.body.at(-1).action).toBe('cluster-verdict');
    await post(`/api/review/items/${copy}/release`, { editor: '李编辑' });
  });
});

describe('the known-rumour library', () => {
  let libraryId: number;

  it('creates an entry from a confirmed item and links the item to it', async () => {
    const copy = idOf('水污染转发');
    const v = await post(`/api/review/items/${copy}/verdict`, {
      verdict: 'confirmed-rumor',
      reviewer: '张编辑',
      addToLibrary: { claim: '东城街道自来水被污染了，千万别喝', category: 'public-safety', unit: '东城街道' },
    });
    expect(v.status).toBe(200);
    libraryId = v.body.verdict.libraryId;
    expect(libraryId).toBeGreaterThan(0);
    const entry = (await get(`/api/library/${libraryId}`)).body;
    expect(entry).toMatchObject({ claim: '东城街道自来水被污染了，千万别喝', category: 'public-safety', unit: '东城街道', sourceItemId: copy });
    // The clock starts at the item's first sighting (published 01:30), not at the verdict.
    expect(entry.clock.firstSeenAt).toBe('2026-11-20T01:30:00.000Z');
    expect(entry.clock.rebuttedAt).toBeNull();
  });

  it('matches existing items in a background job, then tags new reposts known-rumor on arrival', async () => {
    await t.services.jobs.waitIdle();
    const jobs = (await get('/api/jobs')).body;
    expect(jobs[0]).toMatchObject({ kind: 'retag', status: 'done' });
    expect(jobs[0].done).toBe(jobs[0].total);
    const original = (await get(`/api/items/${idOf('水污染')}`)).body;
    expect(original.tags).toContain('known-rumor');
    expect(original.libraryLinks[0]).toMatchObject({ libraryId, kind: 'confirmed' });
    // The earlier original moved the first sighting back.
    expect((await get(`/api/library/${libraryId}`)).body.clock.firstSeenAt).toBe('2026-11-20T01:00:00.000Z');

    clock = Date.parse('2026-11-21T02:00:00Z');
    t.ingest.ingest([
      rawItem({ sourceId: 'forum', title: '又来了', body: '家人们注意！东城街道自来水被污染了 千万别喝 😱 赶紧囤水', publishedAt: '2026-11-21T01:00:00Z' }),
    ]);
    const later = (await get(`/api/items/${idOf('又来了')}`)).body;
    expect(later.tags).toContain('known-rumor');
    expect(later.reasons[0]).toMatchObject({ code: 'known-rumor', matches: ['东城街道自来水被污染了，千万别喝'] });
    // A repeat of a known rumour is decided by the match itself and leaves the queue to what needs a person.
    expect(later.status).toBe('confirmed-rumor');
    expect(later.verdict).toMatchObject({ reviewer: '系统自动匹配', libraryId });
    const pending = (await get('/api/review/queue')).body.items.map((i: Json) => i.title);
    expect(pending).not.toContain('又来了');
    expect((await get(`/api/review/items/${idOf('又来了')}/history`)).body.map((e: Json) => e.action)).toEqual(['auto-match']);
    const sightings = (await get(`/api/library/${libraryId}/sightings`)).body;
    expect(sightings.items.map((s: Json) => s.title)).toContain('又来了');
    expect(sightings.perDay.map((d: Json) => d.day)).toEqual(['2026-11-20', '2026-11-21']);
  });

  it('does not tag unrelated items', async () => {
    t.ingest.ingest([rawItem({ sourceId: 'forum', title: '天气', body: '东城街道今天天气晴朗，适合出门散步' })]);
    const item = (await get(`/api/items/${idOf('天气')}`)).body;
    expect(item.tags).not.toContain('known-rumor');
    expect(item.libraryLinks).toEqual([]);
  });

  it('records a rebuttal, links a crawled debunk to the claim, and starts the clock report', async () => {
    clock = Date.parse('2026-11-21T09:00:00Z');
    const r = await post('/api/rebuttals', {
      title: '东城街道自来水水质合格',
      text: '经检测，东城街道供水水质符合国家标准，网传污染系谣言。',
      url: 'https://www.example.gov.cn/piyao/1',
      channels: ['own-media', 'wechat-group'],
      publishedAt: '2026-11-20T08:00:00+08:00',
      libraryIds: [libraryId],
      actor: '张编辑',
    });
    expect(r.status).toBe(201);
    const entry = (await get(`/api/library/${libraryId}`)).body;
    expect(entry.rebuttals.map((b: Json) => b.title)).toEqual(['东城街道自来水水质合格']);
    expect(entry.clock.rebuttedAt).toBe('2026-11-20T00:00:00.000Z');
    const history = (await get(`/api/library/${libraryId}/history`)).body;
    expect(history.at(-1)).toMatchObject({ entity: 'rebuttal', action: 'create', actor: '张编辑' });
    const report = (await get('/api/library/clock')).body;
    expect(report.overall.toRebuttal.n).toBe(1);
    expect(report.byUnit[0].unit).toBe('东城街道');

    t.ingest.ingest([
      rawItem({ sourceId: 'gov', title: '辟谣：东城街道自来水被污染不能喝系谣言', body: '近日网传“东城街道自来水被污染了，千万别喝”，经查不实。' }),
    ]);
    const debunk = (await get(`/api/items/${idOf('辟谣：东城街道自来水被污染不能喝系谣言')}`)).body;
    expect(debunk.tags).toContain('rebuttal');
    expect(debunk.tags).not.toContain('known-rumor');
    expect(debunk.libraryLinks[0]).toMatchObject({ libraryId, kind: 'rebuttal' });
  });

  it('rejects a rebuttal for an unknown entry and an unsafe link, writing nothing', async () => {
    const before = t.db.prepare('SELECT count(*) FROM rebuttals').pluck().get();
    const base = { title: 'x 辟谣', text: '内容内容', channels: ['weibo'], publishedAt: '2026-11-20T08:00:00Z', actor: '张编辑' };
    expect((await post('/api/rebuttals', { ...base, libraryIds: [999] })).status).toBe(422);
    expect((await post('/api/rebuttals', { ...base, libraryIds: [libraryId], url: 'javascript:alert(1)' })).status).toBe(422);
    expect(t.db.prepare('SELECT count(*) FROM rebuttals').pluck().get()).toBe(before);
  });

  it('imports all or nothing, naming each bad row, and skips claims already present', async () => {
    const csv = 'claim,category,unit\n喝板蓝根可以预防流感,health,\n坏,health,\n某小区发生命案凶手在逃,nonsense,西城街道\n';
    const bad = await post('/api/library/import', { format: 'csv', content: csv, actor: '张编辑' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: Json) => e.path)).toEqual(['line 3.claim', 'line 4.category']);
    expect((await get('/api/library?q=板蓝根')).body.total).toBe(0);

    const good = 'claim,category,unit\n喝板蓝根可以预防流感,health,\n"东城街道自来水被污染了，千万别喝",other,\n';
    const dry = await post('/api/library/import', { format: 'csv', content: good, actor: '张编辑', dryRun: true });
    expect(dry.body).toEqual({ rows: 2, imported: 0, existing: 1, dryRun: true });
    const done = await post('/api/library/import', { format: 'csv', content: good, actor: '张编辑' });
    expect(done.body).toEqual({ rows: 2, imported: 1, existing: 1, dryRun: false });

    const exported = await t.app.request('/api/library/export?format=csv');
    expect(exported.headers.get('content-disposition')).toContain('.csv');
    const text = await exported.text();
    expect(text).toContain('喝板蓝根可以预防流感');
    const json = JSON.parse(await (await t.app.request('/api/library/export?format=json')).text()) as Json[];
    expect(json.map((e) => e.claim).sort()).toEqual(['东城街道自来水被污染了，千万别喝', '喝板蓝根可以预防流感'].sort());
  });

  it('merges a duplicate entry: its sightings and verdict links move, and it stops matching', async () => {
    const dup = await post('/api/library', { claim: '东城自来水有污染', category: 'public-safety', actor: '李编辑' });
    expect(dup.status).toBe(201);
    await t.services.jobs.waitIdle();
    const itself = await post(`/api/library/${dup.body.id}/merge`, { into: dup.body.id, actor: '张编辑' });
    expect(itself.status).toBe(422);
    expect(itself.body.errors[0]).toMatchObject({ path: 'into', code: 'self_reference', params: { what: 'library-entry' } });
    const merged = await post(`/api/library/${dup.body.id}/merge`, { into: libraryId, actor: '张编辑' });
    expect(merged.status).toBe(200);
    const again = await post(`/api/library/${dup.body.id}/merge`, { into: libraryId, actor: '张编辑' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'merged', params: { id: dup.body.id, into: libraryId } });
    expect((await get('/api/library')).body.entries.map((e: Json) => e.id)).not.toContain(dup.body.id);
    const h = (await get(`/api/library/${dup.body.id}/history`)).body;
    expect(h.map((e: Json) => e.action)).toEqual(['create', 'merge']);
    await t.services.jobs.waitIdle();
    const links = t.db.prepare('SELECT count(*) FROM library_sightings WHERE library_id = ?').pluck().get(dup.body.id);
    expect(links).toBe(0);
  });
});
