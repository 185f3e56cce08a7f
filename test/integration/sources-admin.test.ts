import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { asUser } from '../support/authed-app';
import { rawItem, rssSource } from '../support/factories';

const tagger: ItemTagger = { tag: () => ({ tags: [], score: 0, reasons: [] }) };

let t: ReturnType<typeof createDbApp>;
type Json = Record<string, any>;
async function call(method: string, url: string, body?: unknown, app: { request: typeof t.app.request } = t.app) {
  const res = await app.request(url, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, body: (res.status === 204 ? {} : await res.json()) as Json };
}

const newSource = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `来源 ${id}`,
  kind: 'news',
  type: 'rss',
  url: `https://${id}.example.com/feed.xml`,
  schedule: '*/30 * * * *',
  ...extra,
});

const changes: string[][] = [];
beforeAll(() => {
  t = createDbApp({ sources: [rssSource('file-src')], tagger });
  t.events.on('sources-changed', (e) => changes.push(e.ids));
});
afterAll(() => t.db.close());

describe('sources added from the dashboard', () => {
  it('creates a dashboard source, listed with origin "dashboard", crawlable now and announced to the schedules', async () => {
    const r = await call('POST', '/api/sources', newSource('dash-a'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: 'dash-a', origin: 'dashboard', enabled: true, paused: false, schedule: '*/30 * * * *' });
    const list = await call('GET', '/api/sources');
    const byId = Object.fromEntries((list.body.sources as Json[]).map((s) => [s.id, s]));
    expect(byId['file-src']!.origin).toBe('file');
    expect(byId['dash-a']!.origin).toBe('dashboard');
    expect(t.services.configuredSources().map((s) => s.id)).toContain('dash-a');
    expect(changes.at(-1)).toEqual(['dash-a']);
    // Defaults are filled in, as for the config file.
    const cfg = await call('GET', '/api/sources/dash-a/config');
    expect(cfg.body).toMatchObject({ origin: 'dashboard', config: { id: 'dash-a', delayMs: 1000, retries: 2, enabled: true } });
  });

  it('refuses fields no source type knows (typos would otherwise be dropped silently), naming each', async () => {
    const r = await call('POST', '/api/sources', { ...newSource('dash-typo'), shedule: '*/5 * * * *', detail: { title: 'h1', body: '.content', titel: 'h1' }, type: 'html-list', list: { link: 'a' } });
    expect(r.status).toBe(422);
    expect((r.body.errors as Json[]).map((e) => e.path).sort()).toEqual(['detail.titel', 'shedule']);
    expect(r.body.detail ?? r.body.title).toBeDefined();
    expect((await call('GET', '/api/sources')).body.sources.map((s: Json) => s.id)).not.toContain('dash-typo');
    const put = await call('PUT', '/api/sources/dash-a', { ...newSource('dash-a'), scheduel: '* * * * *' });
    expect(put.status).toBe(422);
    expect((put.body.errors as Json[]).map((e) => e.path)).toEqual(['scheduel']);
  });

  it('names every invalid field, including checks beyond the schema (cron, private network)', async () => {
    const bad = await call('POST', '/api/sources', { id: 'Bad Id', name: '', kind: 'rumour', type: 'rss', url: 'nope' });
    expect(bad.status).toBe(422);
    const paths = (bad.body.errors as Json[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'name', 'kind', 'url']));

    const cron = await call('POST', '/api/sources', newSource('dash-cron', { schedule: 'every now and then' }));
    expect(cron.status).toBe(422);
    expect(cron.body.errors).toEqual([expect.objectContaining({ path: 'schedule', code: 'not_a_cron', params: { value: 'every now and then' } })]);

    const local = await call('POST', '/api/sources', newSource('dash-local', { url: 'http://127.0.0.1:8080/feed' }));
    expect(local.status).toBe(422);
    expect(local.body.errors[0]).toMatchObject({ path: 'url', code: 'private_address', message: expect.stringContaining('allowPrivateNetwork') });
    const allowed = await call('POST', '/api/sources', newSource('dash-local', { url: 'http://127.0.0.1:8080/feed', allowPrivateNetwork: true }));
    expect(allowed.status).toBe(201);

    const htmlList = await call('POST', '/api/sources', newSource('dash-html', { type: 'html-list' }));
    expect(htmlList.status).toBe(422);
    expect((htmlList.body.errors as Json[]).map((e) => e.path)).toContain('list');
  });

  it('refuses an id that is taken, by a dashboard or a file source', async () => {
    const dash = await call('POST', '/api/sources', newSource('dash-a'));
    expect(dash.status).toBe(409);
    expect(dash.body).toMatchObject({ reason: 'id_taken', params: { what: 'source', value: 'dash-a' } });
    expect((await call('POST', '/api/sources', newSource('file-src'))).body).toMatchObject({ status: 409, reason: 'id_taken' });
  });

  it('replaces a dashboard source\'s config; the id cannot change', async () => {
    const r = await call('PUT', '/api/sources/dash-a', newSource('dash-a', { name: '改名', schedule: '0 * * * *' }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: '改名', schedule: '0 * * * *', origin: 'dashboard' });
    expect(t.services.configuredSources().find((s) => s.id === 'dash-a')).toMatchObject({ name: '改名', schedule: '0 * * * *' });
    const renamed = await call('PUT', '/api/sources/dash-a', newSource('dash-b'));
    expect(renamed.status).toBe(422);
    expect(renamed.body.errors[0].path).toBe('id');
    expect((await call('PUT', '/api/sources/nope', newSource('nope'))).status).toBe(404);
  });

  it('refuses to edit or delete a config-file source (409 naming SOURCES_FILE), which can still be paused', async () => {
    const put = await call('PUT', '/api/sources/file-src', newSource('file-src'));
    expect(put.status).toBe(409);
    expect(put.body.detail).toContain('SOURCES_FILE');
    const del = await call('DELETE', '/api/sources/file-src');
    expect(del.status).toBe(409);
    expect(del.body.detail).toContain('SOURCES_FILE');
    expect(del.body).toMatchObject({ reason: 'file_source', params: { id: 'file-src' } });
    const paused = await call('PATCH', '/api/sources/file-src', { paused: true });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ paused: true, origin: 'file' });
  });

  it('deletes a dashboard source without items; one with items is refused (pause it instead)', async () => {
    await call('POST', '/api/sources', newSource('dash-items'));
    t.ingest.ingest([rawItem({ sourceId: 'dash-items', title: 'x', body: '一条内容' })]);
    const refused = await call('DELETE', '/api/sources/dash-items');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('pause');
    expect(refused.body).toMatchObject({ reason: 'source_has_items', params: { id: 'dash-items', count: 1 } });

    const ok = await call('DELETE', '/api/sources/dash-a');
    expect(ok.status).toBe(204);
    expect(changes.at(-1)).toEqual(['dash-a']);
    expect(t.services.configuredSources().map((s) => s.id)).not.toContain('dash-a');
    expect((await call('DELETE', '/api/sources/dash-a')).status).toBe(404);
  });

  it('is for admins only', async () => {
    const analyst = asUser(t.rawApp, t.signIn('analyst').headers);
    expect((await call('POST', '/api/sources', newSource('dash-z'), analyst)).status).toBe(403);
    expect((await call('PUT', '/api/sources/dash-local', newSource('dash-local'), analyst)).status).toBe(403);
    expect((await call('DELETE', '/api/sources/dash-local', undefined, analyst)).status).toBe(403);
    expect((await call('GET', '/api/sources/dash-local/config', undefined, analyst)).status).toBe(403);
  });

  it('syncSources keeps dashboard sources enabled; a file source with the same id wins', () => {
    const now = new Date().toISOString();
    const { overridden } = t.sources.syncSources([rssSource('file-src'), rssSource('dash-local')], now);
    expect(overridden).toEqual(['dash-local']);
    const rows = t.db.prepare('SELECT id, origin, enabled FROM sources ORDER BY id').all() as Json[];
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId['dash-items']).toMatchObject({ origin: 'dashboard', enabled: 1 });
    expect(byId['dash-local']).toMatchObject({ origin: 'file', enabled: 1 });
    // Now a file source: no longer editable from the dashboard.
    t.sources.syncSources([rssSource('file-src')], now);
    expect(t.db.prepare('SELECT enabled FROM sources WHERE id = ?').pluck().get('dash-local')).toBe(0);
    expect(t.db.prepare('SELECT enabled FROM sources WHERE id = ?').pluck().get('dash-items')).toBe(1);
  });
});
