import { serve, type ServerType } from '@hono/node-server';
import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSourcesFile } from '../../crawler/config';
import { fetchRemoteSources } from '../../crawler/remote-sources';
import { startFixtureSite } from '../support/fixture-site';
import { startTestMeili, tempDir } from '../support/meili';
import { fixtureListSource, writeSourcesFile } from '../support/sources-file';
import { startTestRuntime } from '../support/runtime';
import { runTool } from '../support/cli-process';
import type { Runtime } from '../../server/runtime';

// `npm run crawler` on its own machine crawls the sources of its file and those an admin added on the
// dashboard, and skips those paused there.
const children: ChildProcess[] = [];
let site: Awaited<ReturnType<typeof startFixtureSite>> | null = null;
let meili: Awaited<ReturnType<typeof startTestMeili>> | null = null;
let runtime: Runtime | null = null;
let http: ServerType | null = null;

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  http?.close();
  await runtime?.close();
  await meili?.stop();
  await site?.close();
});

const listOf = (prefix: string, n: number) => ({
  [`/${prefix}/list.html`]: () => ({
    body: `<html><head><meta charset="utf-8"></head><body><ul class="list">${Array.from({ length: n }, (_, i) => `<li><a href="/${prefix}/${i}.html">${prefix} ${i}</a></li>`).join('')}</ul></body></html>`,
  }),
  ...Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `/${prefix}/${i}.html`,
      () => ({
        body: `<html><head><meta charset="utf-8"><title>${prefix} ${i}</title></head><body><h1>${prefix}公告第${i}号</h1>
          <div class="meta">发布时间：2026-11-2${i} 09:00</div><div class="content"><p>${prefix}第${i}号公告正文，请居民留意。</p></div></body></html>`,
      }),
    ]),
  ),
});

const htmlSource = (id: string, url: string) => fixtureListSource(id, `来源 ${id}`, url, { schedule: '0 3 * * *' });

describe('the remote crawler and the dashboard sources', () => {
  it('crawls its file and the dashboard sources, skips paused ones, and reads the list with its token only', async () => {
    site = await startFixtureSite({ ...listOf('filea', 3), ...listOf('fileb', 3), ...listOf('dash', 4) });
    const dir = tempDir('remote-sources');
    const sourcesFile = path.join(dir, 'sources.json');
    writeSourcesFile(sourcesFile, [htmlSource('file-a', `${site.url}/filea/list.html`), htmlSource('file-b', `${site.url}/fileb/list.html`)]);
    meili = await startTestMeili();
    ({ runtime } = await startTestRuntime({ meili, sources: loadSourcesFile(sourcesFile).sources }));
    const rt = runtime;
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await rt.app.request(url, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect((await call('POST', '/api/sources', htmlSource('dash-a', `${site.url}/dash/list.html`))).status).toBe(201);
    expect((await call('PATCH', '/api/sources/file-b', { paused: true })).status).toBe(200);
    const { token } = (await call('POST', '/api/tokens', { name: 'remote crawler', scopes: ['ingest'] })).body as { token: string };
    http = serve({ fetch: rt.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => http!.once('listening', r));
    const apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    const remote = await fetchRemoteSources(apiUrl, token);
    expect(remote.sources.map((s) => s.id)).toEqual(['dash-a']);
    expect(remote.paused).toEqual(['file-b']);
    await expect(fetchRemoteSources(apiUrl, 'x'.repeat(40))).rejects.toThrow(/401/);

    const crawler = runTool('crawler/main.ts', [], { SOURCES_FILE: sourcesFile, API_URL: apiUrl, INGEST_TOKEN: token }, children);
    const stored = (source: string) => rt.db.prepare('SELECT count(*) FROM items WHERE source_id = ?').pluck().get(source) as number;
    const deadline = Date.now() + 60_000;
    while (!crawler.output().includes('first crawl of every source done') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(crawler.output()).toContain('first crawl of every source done');
    expect(stored('file-a')).toBe(3);
    expect(stored('dash-a')).toBe(4);
    expect(stored('file-b')).toBe(0);
  }, 120_000);
});
