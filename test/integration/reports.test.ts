import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

// Wednesday 25 November 2026, 12:00 in Asia/Shanghai: "last week" is 16–22 November.
const NOW = Date.parse('2026-11-25T04:00:00Z');
const WEEK = { from: '2026-11-16', to: '2026-11-22' };
const tagger: ItemTagger = { tag: ({ body }) => (body.includes('网传') ? { tags: ['rumor-suspect'], score: 0.8, reasons: [] } : { tags: [], score: 0, reasons: [] }) };
type Json = Record<string, any>;

let t: ReturnType<typeof createDbApp>;
const unit: Record<string, number> = {};

async function call(method: string, url: string, body?: unknown) {
  const res = await t.app.request(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  return res;
}
async function json(method: string, url: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await call(method, url, body);
  return { status: res.status, body: (await res.json()) as Json };
}
/** Generates a report through the API and waits until it is written. */
async function generate(body: Json): Promise<Json> {
  const queued = await json('POST', '/api/reports', { actor: '李科长', ...body });
  expect(queued.status).toBe(202);
  await t.services.reports.waitIdle();
  return (await json('GET', `/api/reports/${queued.body.id}`)).body;
}
async function openDocx(id: number) {
  const res = await call('GET', `/api/reports/${id}/docx`);
  expect(res.status).toBe(200);
  const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
  const xml = await zip.file('word/document.xml')!.async('string');
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  const images = await Promise.all(zip.file(/^word\/media\/.*\.png$/).map((f) => f.async('nodebuffer')));
  return { res, xml, rels, images, text: xml.replace(/<[^>]+>/g, '') };
}
/** The hyperlink targets of a DOCX, by the text they are attached to. */
function links(xml: string, rels: string): Map<string, string> {
  const target = new Map([...rels.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!.replaceAll('&amp;', '&')]));
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<w:hyperlink[^>]*r:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/g)) {
    out.set(m[2]!.replace(/<[^>]+>/g, ''), target.get(m[1]!)!);
  }
  return out;
}

beforeAll(async () => {
  t = createDbApp({ sources: [rssSource('forum'), rssSource('news', { kind: 'news', name: '市日报' })], tagger, now: () => new Date(NOW) });
  for (const [name, kind, parent] of [
    ['城关镇', 'township', null], ['东街社区', 'community', '城关镇'], ['区卫健局', 'department', null],
  ] as const) {
    const res = await json('POST', '/api/ledger/units', { name, kind, parentId: parent ? unit[parent] : null, actor: 'admin' });
    unit[name] = res.body.id;
  }
  const entries: [string, string, string, number][] = [
    ['2026-11-17', '东街社区', 'leaflets', 12_000],
    ['2026-11-18', '城关镇', 'leaflets', 3_000],
    ['2026-11-18', '城关镇', 'banners', 5],
    ['2026-11-19', '区卫健局', 'vehicles', 3],
    ['2026-11-19', '区卫健局', 'leaflets', 500],
    // Outside the week: never counted in it.
    ['2026-11-23', '东街社区', 'leaflets', 99_999],
  ];
  for (const [day, u, categoryKey, quantity] of entries) {
    expect((await json('POST', '/api/ledger/entries', { day, unitId: unit[u], categoryKey, quantity, actor: '王干事' })).status).toBe(201);
  }
  expect((await json('POST', '/api/ledger/zero-reports', { unitId: unit.区卫健局, day: '2026-11-20', actor: '王干事' })).status).toBe(201);
  t.ingest.ingest([
    rawItem({ sourceId: 'forum', body: '网传自来水有毒', publishedAt: '2026-11-20T02:00:00Z', fetchedAt: '2026-11-20T02:00:00Z' }),
    rawItem({ sourceId: 'forum', body: '网传学校停课', publishedAt: '2026-11-21T02:00:00Z', fetchedAt: '2026-11-21T02:00:00Z' }),
    rawItem({ sourceId: 'news', body: '城关镇开展宣传活动', publishedAt: '2026-11-21T03:00:00Z', fetchedAt: '2026-11-21T03:00:00Z' }),
  ]);
  const claim = await json('POST', '/api/library', { claim: '自来水有毒的说法', firstSeenAt: '2026-11-20T02:00:00Z', actor: '编辑' });
  expect(claim.status).toBe(201);
  const rebuttal = await json('POST', '/api/rebuttals', {
    title: '关于自来水的辟谣', text: '自来水符合标准', channels: ['own-media'], publishedAt: '2026-11-21T02:00:00Z', libraryIds: [claim.body.id], actor: '编辑',
  });
  expect(rebuttal.status).toBe(201);
});
afterAll(() => t.db.close());

describe('work-summary report', () => {
  let report: Json;
  let docx: Awaited<ReturnType<typeof openDocx>>;
  beforeAll(async () => {
    report = await generate(WEEK);
    docx = await openDocx(report.id);
  });

  it('is generated in the background with its progress, kept and listed', async () => {
    expect(report).toMatchObject({ kind: 'custom', from: WEEK.from, to: WEEK.to, unitId: null, status: 'done', createdBy: '李科长', error: null });
    expect(report.done).toBe(report.total);
    expect(report.total).toBeGreaterThan(2);
    expect(report.sizeBytes).toBeGreaterThan(10_000);
    expect(report.title).toContain('2026年11月16日至11月22日');
    const list = (await json('GET', '/api/reports')).body.reports;
    expect(list.map((r: Json) => r.id)).toContain(report.id);
  });

  it('downloads as DOCX under its title', () => {
    expect(docx.res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(report.title)}.docx`);
  });

  it('fills every outreach figure from the ledger for the period, and only for it', () => {
    // 12,000 + 3,000 + 500 leaflets in the week; the 99,999 of 23 November is outside it.
    expect(docx.text).toContain('印制发放宣传单1.5万余张');
    expect(docx.text).toContain('15,500');
    expect(docx.text).toContain('悬挂标语横幅5条');
    expect(docx.text).toContain('出动宣传车3台次');
    expect(docx.text).not.toContain('99,999');
    // Overview: 3 units, all reported (one only with a zero report), 5 entries in the week, one zero report.
    expect(docx.text).toContain('共有报送单位3个，其中3个单位报送了宣传工作台账，累计报送记录5条，零报告1次');
    // The automatic count: one rebuttal published in the week.
    expect(docx.text).toContain('辟谣信息1条');
  });

  it('traces each figure to the records it sums: following the link gives the same number', async () => {
    const map = links(docx.xml, docx.rels);
    const leaflets = map.get('1.5万余');
    expect(leaflets).toBeDefined();
    const url = new URL(leaflets!);
    expect(url.pathname).toBe('/api/ledger/entries');
    const page = (await json('GET', `${url.pathname}${url.search}`)).body;
    expect(page.entries.reduce((a: number, e: Json) => a + e.quantity, 0)).toBe(15_500);
    expect(page.entries.every((e: Json) => e.categoryKey === 'leaflets' && e.day >= WEEK.from && e.day <= WEEK.to)).toBe(true);
  });

  it('reports online monitoring: items, rumour suspects, the rumour clock', () => {
    expect(docx.text).toContain('网络舆情监测');
    expect(docx.text).toContain('本期共采集网络信息3条，其中疑似谣言2条');
    // Confirmed 25 Nov (now) from a first sighting on 20 Nov is outside the week: the week confirmed none.
    expect(docx.text).toContain('下一步工作');
    expect(docx.text).toContain('附：数据来源');
  });

  it('embeds its charts as PNG images drawn on the server', () => {
    expect(docx.images.length).toBeGreaterThanOrEqual(3);
    for (const bytes of docx.images) {
      const png = PNG.sync.read(bytes);
      expect(png.width).toBeGreaterThan(500);
      let ink = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 128 && png.data[i + 3]! > 0) ink++;
      expect(ink).toBeGreaterThan(500);
    }
  });

  it('has a print view with the same figures that can run nothing', async () => {
    const res = await call('GET', `/api/reports/${report.id}/html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('15,500');
    expect(html).not.toContain('<script');
  });
});

describe('a unit’s report', () => {
  it('sums the unit and its sub-units only, without the district-wide monitoring', async () => {
    const report = await generate({ ...WEEK, unitId: unit.城关镇 });
    expect(report).toMatchObject({ unitId: unit.城关镇, unitName: '城关镇', status: 'done' });
    const { text } = await openDocx(report.id);
    expect(text).toContain('城关镇宣传工作总结');
    expect(text).toContain('15,000');
    expect(text).not.toContain('15,500');
    expect(text).not.toContain('网络舆情监测');
    expect(text).not.toContain('区卫健局');
  });
});

describe('requests', () => {
  it('names what is wrong with a bad period or unit', async () => {
    const future = await json('POST', '/api/reports', { from: '2026-12-01', to: '2026-12-07', actor: 'a' });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].path).toBe('from');
    const backwards = await json('POST', '/api/reports', { from: '2026-11-10', to: '2026-11-01', actor: 'a' });
    expect(backwards.body.errors[0].path).toBe('to');
    const unknown = await json('POST', '/api/reports', { ...WEEK, unitId: 9_999, actor: 'a' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('unitId');
    const tooLong = await json('POST', '/api/reports', { from: '2020-01-01', to: '2026-11-01', actor: 'a' });
    expect(tooLong.status).toBe(422);
  });

  it('answers 409 for the file of a report not generated yet, 404 for none', async () => {
    const queued = await json('POST', '/api/reports', { ...WEEK, actor: 'a' });
    expect(queued.body.status).toBe('queued');
    const early = await json('GET', `/api/reports/${queued.body.id}/docx`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ reason: 'report_not_ready', params: { id: queued.body.id, status: 'queued' } });
    await t.services.reports.waitIdle();
    expect((await call('GET', `/api/reports/${queued.body.id}/docx`)).status).toBe(200);
    expect((await json('GET', '/api/reports/99999')).status).toBe(404);
  });

  it('renders a preview of any period without keeping it', async () => {
    const before = (await json('GET', '/api/reports')).body.reports.length;
    const res = await call('GET', `/api/reports/preview?from=${WEEK.from}&to=${WEEK.to}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('15,500');
    expect((await json('GET', '/api/reports')).body.reports.length).toBe(before);
  });
});

describe('schedule', () => {
  it('makes last week’s and last month’s district reports once', async () => {
    const first = t.services.reports.schedule();
    expect(first.map((r) => [r.kind, r.from, r.to])).toEqual([
      ['weekly', '2026-11-16', '2026-11-22'],
      ['monthly', '2026-10-01', '2026-10-31'],
    ]);
    expect(t.services.reports.schedule()).toEqual([]);
    await t.services.reports.waitIdle();
    const weekly = (await json('GET', '/api/reports?kind=weekly')).body.reports;
    expect(weekly).toHaveLength(1);
    expect(weekly[0]).toMatchObject({ status: 'done', title: expect.stringContaining('周报') });
  });

  it('generates again what a stopped process left unfinished', async () => {
    const queued = await json('POST', '/api/reports', { ...WEEK, actor: 'a' });
    await t.services.reports.waitIdle();
    t.db.prepare(`UPDATE reports SET status = 'running', done = 1, file_name = NULL WHERE id = ?`).run(queued.body.id);
    expect(t.services.reports.resume()).toBe(1);
    await t.services.reports.waitIdle();
    expect((await json('GET', `/api/reports/${queued.body.id}`)).body.status).toBe('done');
  });
});
