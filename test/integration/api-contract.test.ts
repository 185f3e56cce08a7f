import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

// A test double of our own tagger interface: the real tagger has its own tests.
const markerTagger: ItemTagger = {
  tag: ({ title, body }) =>
    /网传|封城/.test(title + body)
      ? { tags: ['rumor-suspect'], score: /封城/.test(title + body) ? 0.9 : 0.6, reasons: [{ code: 'marker-phrase', label: '传谣用语', weight: 0.6, matches: ['网传'] }] }
      : { tags: [], score: 0, reasons: [] },
};

const TOKEN = 'test-ingest-token-0123456789';
let t: ReturnType<typeof createDbApp>;

async function json(res: Response) {
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, any> };
}

beforeAll(() => {
  t = createDbApp({ sources: [rssSource('forum'), rssSource('gov', { kind: 'notice' })], tagger: markerTagger, ingestToken: TOKEN });
  t.ingest.ingest([
    rawItem({ sourceId: 'forum', title: '网传明天封城', body: '紧急扩散' }),
    rawItem({ sourceId: 'forum', title: '网传喝板蓝根可以预防', body: '朋友圈都在转' }),
    rawItem({ sourceId: 'gov', title: '关于道路施工的通知', body: '东城街道部分路段施工' }),
  ]);
});
afterAll(() => t.db.close());

describe('API contract over SQLite', () => {
  it('lists items newest first with the database engine when there is no query', async () => {
    const r = await json(await t.app.request('/api/items?pageSize=2'));
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(3);
    expect(r.body.items).toHaveLength(2);
    expect(r.body.engine).toBe('database');
  });

  it('filters by tag, source and kind', async () => {
    const byTag = await json(await t.app.request('/api/items?tag=rumor-suspect'));
    expect(byTag.body.total).toBe(2);
    const byKind = await json(await t.app.request('/api/items?kind=notice'));
    expect(byKind.body.items.map((i: { title: string }) => i.title)).toEqual(['关于道路施工的通知']);
    const bySource = await json(await t.app.request('/api/items?source=gov'));
    expect(bySource.body.total).toBe(1);
  });

  it('falls back to substring search in SQLite when no search engine answers', async () => {
    const r = await json(await t.app.request(`/api/items?q=${encodeURIComponent('板蓝根 预防')}`));
    expect(r.body.engine).toBe('database');
    expect(r.body.items.map((i: { title: string }) => i.title)).toEqual(['网传喝板蓝根可以预防']);
  });

  it('answers bad query parameters with 400 problem+json naming the field', async () => {
    const r = await json(await t.app.request('/api/items?pageSize=1000&tag=nonsense'));
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.code).toBe('validation_failed');
    const paths = r.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['pageSize', 'tag']));
    expect(r.body.requestId).toBeTruthy();
    // Each names the rule and its figures, so the dashboard can word it in the reader's language.
    const byPath = Object.fromEntries(r.body.errors.map((e: { path: string }) => [e.path, e]));
    expect(byPath.pageSize).toMatchObject({ code: 'too_big', params: { maximum: expect.any(Number), origin: 'number' } });
    expect(byPath.tag.code).toBe('invalid_value');
    expect(byPath.tag.params.values).toContain('rumor-suspect');
  });

  it('says which required field of a body is missing, apart from one of the wrong type', async () => {
    const r = await json(
      await t.app.request('/api/review/items/1/verdict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verdict: 'not-rumor', note: 7 }) }),
    );
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([
      expect.objectContaining({ path: 'reviewer', code: 'invalid_type', params: { expected: 'string', missing: true } }),
      expect.objectContaining({ path: 'note', code: 'invalid_type', params: { expected: 'string' } }),
    ]);
  });

  it('rejects an impossible date range naming "from"', async () => {
    const r = await json(await t.app.request('/api/items?from=2026-11-10&to=2026-11-01'));
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('from');
    const bad = await json(await t.app.request('/api/items?from=yesterday'));
    expect(bad.body.errors[0].path).toBe('from');
  });

  it('answers unknown ids with 404 and non-numeric ids with 400', async () => {
    expect((await json(await t.app.request('/api/items/999999'))).status).toBe(404);
    const bad = await json(await t.app.request('/api/items/abc'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('id');
    expect((await json(await t.app.request('/api/nothing-here'))).body.code).toBe('not_found');
  });

  it('queues suspected rumours by score, records a verdict with who and when, and moves it out of pending', async () => {
    const q = await json(await t.app.request('/api/review/queue'));
    expect(q.body.items.map((i: { title: string }) => i.title)).toEqual(['网传明天封城', '网传喝板蓝根可以预防']);
    const id = q.body.items[0].id as number;
    const v = await json(
      await t.app.request(`/api/review/items/${id}/verdict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ verdict: 'confirmed-rumor', reviewer: '王编辑', note: '已核实' }),
      }),
    );
    expect(v.status).toBe(200);
    expect(v.body.verdict).toMatchObject({ verdict: 'confirmed-rumor', reviewer: '王编辑', note: '已核实' });
    expect(Date.parse(v.body.verdict.decidedAt)).not.toBeNaN();
    const pending = await json(await t.app.request('/api/review/queue?status=pending'));
    expect(pending.body.items.map((i: { id: number }) => i.id)).not.toContain(id);
    const decided = await json(await t.app.request('/api/review/queue?status=decided'));
    expect(decided.body.items.map((i: { id: number }) => i.id)).toEqual([id]);
    expect(t.outbox.pendingCount()).toBeGreaterThan(0);
  });

  it('refuses a verdict body with a bad value (422, naming the field) or malformed JSON (400)', async () => {
    const bad = await json(
      await t.app.request('/api/review/items/1/verdict', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ verdict: 'maybe', reviewer: '' }),
      }),
    );
    expect(bad.status).toBe(422);
    // The reviewer is whoever is signed in (an empty one in the body is replaced), so only the verdict is wrong.
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['verdict']);
    const broken = await json(
      await t.app.request('/api/review/items/1/verdict', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"verdict":',
      }),
    );
    expect(broken.status).toBe(400);
    expect(broken.type).toContain('application/problem+json');
  });

  it('counts items per Shanghai day by tag and by source', async () => {
    const r = await json(await t.app.request('/api/stats/trends?days=7'));
    expect(r.body.days).toHaveLength(7);
    expect(r.body.total.at(-1)).toBe(3);
    const rumor = r.body.byTag.find((s: { key: string }) => s.key === 'rumor-suspect');
    expect(rumor.counts.at(-1)).toBe(2);
    expect(rumor.label).toBe('疑似谣言');
    expect(r.body.bySource.map((s: { key: string }) => s.key).sort()).toEqual(['forum', 'gov']);
  });

  it('reports the overview counts', async () => {
    const r = await json(await t.app.request('/api/stats/overview'));
    expect(r.body).toMatchObject({ items: 3, itemsToday: 3, rumorSuspect: 2, confirmedRumors: 1, awaitingReview: 1, sources: 2 });
  });

  it('guards remote ingest with the bearer token and validates items whole', async () => {
    const noAuth = await t.rawApp.request('/api/ingest/items', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(noAuth.status).toBe(401);
    const wrong = await t.rawApp.request('/api/ingest/items', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    // A signed-in person is not a crawler: the ingest routes take a token.
    const person = await t.app.request('/api/ingest/items', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(person.status).toBe(403);
    const item = rawItem({ sourceId: 'forum', title: '远程采集的帖子' });
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
    const ok = await json(await t.app.request('/api/ingest/items', { method: 'POST', headers: auth, body: JSON.stringify({ items: [item, item] }) }));
    expect(ok.body).toEqual({ new: 1, duplicate: 1 });
    // A repost of the same content under another URL is a duplicate, and its URL is remembered as known.
    const repost = { ...item, url: 'https://example.test/repost/1' };
    const dup = await json(await t.app.request('/api/ingest/items', { method: 'POST', headers: auth, body: JSON.stringify({ items: [repost] }) }));
    expect(dup.body).toEqual({ new: 0, duplicate: 1 });
    const unknown = await json(
      await t.app.request('/api/ingest/filter-unknown', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ sourceId: 'forum', urls: [item.url, repost.url, 'https://example.test/new'] }),
      }),
    );
    expect(unknown.body.urls).toEqual(['https://example.test/new']);
    // The frontier: discovered links survive until marked done.
    const post = (route: string, body: unknown) => t.app.request(route, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    await post('/api/ingest/frontier/add', { sourceId: 'forum', urls: ['https://example.test/a', 'https://example.test/b'] });
    expect((await json(await post('/api/ingest/frontier/pending', { sourceId: 'forum' }))).body.urls).toEqual(['https://example.test/a', 'https://example.test/b']);
    await post('/api/ingest/frontier/done', { sourceId: 'forum', urls: ['https://example.test/a'] });
    expect((await json(await post('/api/ingest/frontier/pending', { sourceId: 'forum' }))).body.urls).toEqual(['https://example.test/b']);
    expect((await json(await post('/api/ingest/frontier/pending', { sourceId: 'gov' }))).body.urls).toEqual([]);
    const bad = await json(
      await t.app.request('/api/ingest/items', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ items: [rawItem({ sourceId: 'forum' }), { ...rawItem({ sourceId: 'forum' }), url: 'not a url' }] }),
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('items.1.url');
    const unknownSource = await json(
      await t.app.request('/api/ingest/items', { method: 'POST', headers: auth, body: JSON.stringify({ items: [rawItem({ sourceId: 'nope' })] }) }),
    );
    expect(unknownSource.status).toBe(422);
    expect(unknownSource.body.errors[0].message).toContain('nope');
  });

  it('lists sources with their health, and pauses and resumes one', async () => {
    // Published a month ago, collected today: it counts for today's yield.
    t.ingest.ingest([rawItem({ sourceId: 'forum', title: '旧帖重新被发现', publishedAt: new Date(Date.now() - 30 * 86_400_000).toISOString() })]);
    const list = await json(await t.app.request('/api/sources'));
    const forum = list.body.sources.find((s: { id: string }) => s.id === 'forum');
    expect(forum).toMatchObject({ paused: false, itemCount: expect.any(Number) });
    expect(forum.health.itemsPerDay).toHaveLength(7);
    expect(forum.health.itemsPerDay.at(-1)).toBe(forum.itemCount);
    const patch = (id: string, body: unknown) =>
      t.app.request(`/api/sources/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await json(await patch('forum', { paused: true }))).body.paused).toBe(true);
    expect(t.sources.isPaused('forum')).toBe(true);
    expect((await json(await patch('forum', { paused: false }))).body.paused).toBe(false);
    expect((await patch('nope', { paused: true })).status).toBe(404);
    const bad = await json(await patch('forum', { paused: 'yes' }));
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('paused');
  });

  it('serves an OpenAPI document that lists the stable routes, and the offline docs page', async () => {
    const doc = await json(await t.app.request('/api/openapi.json'));
    const paths = Object.keys(doc.body.paths);
    for (const p of ['/health', '/items', '/items/{id}', '/review/queue', '/review/items/{id}/verdict', '/sources', '/crawl-runs', '/stats/trends']) {
      expect(paths).toContain(p);
    }
    const page = await t.app.request('/api/docs');
    const html = await page.text();
    expect(html).toContain('/api/docs/vendor/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const js = await t.app.request('/api/docs/vendor/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
