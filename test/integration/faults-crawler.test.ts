import { serve, type ServerType } from '@hono/node-server';
import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSourcesFile } from '../../crawler/config';
import { startFixtureSite } from '../support/fixture-site';
import { startTestMeili, tempDir } from '../support/meili';
import { fixtureListSource, writeSourcesFile } from '../support/sources-file';
import { startTestRuntime } from '../support/runtime';
import { runTool } from '../support/cli-process';
import type { Runtime } from '../../server/runtime';

const PAGES = 24;
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

/** `npm run crawler`: the standalone crawler posting to the API with a bearer token. */
const remoteCrawler = (sourcesFile: string, apiUrl: string, token: string) =>
  runTool('crawler/main.ts', [], { SOURCES_FILE: sourcesFile, API_URL: apiUrl, INGEST_TOKEN: token }, children);

describe('the remote crawler killed with SIGKILL mid-run', () => {
  it('its run is closed as interrupted when the next run starts; the next crawl completes with no duplicates', async () => {
    const pages: Record<string, () => { body: string }> = {
      '/list.html': () => ({
        body: `<html><head><meta charset="utf-8"></head><body><ul class="list">${Array.from({ length: PAGES }, (_, i) => `<li><a href="/n/${i}.html">公告 ${i}</a></li>`).join('')}</ul></body></html>`,
      }),
    };
    for (let i = 0; i < PAGES; i++) {
      pages[`/n/${i}.html`] = () => ({
        body: `<html><head><meta charset="utf-8"><title>公告 ${i}</title></head><body><h1>社区公告第${i}号</h1>
          <div class="meta">发布时间：2026-11-2${i % 8} 09:00</div><div class="content"><p>第${i}号公告正文，请居民留意。</p></div></body></html>`,
      });
    }
    site = await startFixtureSite(pages, { delayMs: 120 });

    const dir = tempDir('crawler-kill');
    const sourcesFile = path.join(dir, 'sources.yaml');
    writeSourcesFile(sourcesFile, [fixtureListSource('notices', '社区公告', `${site.url}/list.html`, { ownSite: true })]);
    meili = await startTestMeili();
    ({ runtime } = await startTestRuntime({ meili, sources: loadSourcesFile(sourcesFile).sources }));
    const rt = runtime;
    const created = await rt.app.request('/api/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'remote crawler', scopes: ['ingest'] }),
    });
    const { token } = (await created.json()) as { token: string };
    http = serve({ fetch: rt.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => http!.once('listening', r));
    const apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    const runs = () => rt.db.prepare(`SELECT id, status, last_error AS lastError FROM crawl_runs WHERE source_id = 'notices' ORDER BY id`).all() as {
      id: number;
      status: string;
      lastError: string | null;
    }[];
    const stored = () => rt.db.prepare(`SELECT count(*) FROM items WHERE source_id = 'notices'`).pluck().get() as number;

    const first = remoteCrawler(sourcesFile, apiUrl, token);
    const deadline = Date.now() + 60_000;
    while (stored() < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGKILL');
    await first.exited;
    const afterKill = stored();
    expect(afterKill, first.output()).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(PAGES);
    expect(runs()).toEqual([expect.objectContaining({ status: 'running' })]);

    // The crawler is started again (by its supervisor) while the API keeps running.
    const second = remoteCrawler(sourcesFile, apiUrl, token);
    const done = Date.now() + 60_000;
    while (!/first crawl of every source done/.test(second.output()) && Date.now() < done && second.child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
    }
    second.child.kill('SIGTERM');
    await second.exited;
    expect(second.output()).toMatch(/first crawl of every source done/);

    const [killed, next] = runs();
    expect(killed).toMatchObject({ status: 'failed' });
    expect(killed!.lastError).toMatch(/interrupted/);
    expect(next!.status).toBe('ok');
    expect(stored()).toBe(PAGES);
    expect(rt.db.prepare(`SELECT count(DISTINCT url) FROM items WHERE source_id = 'notices'`).pluck().get()).toBe(PAGES);
    expect(rt.db.prepare(`SELECT count(*) FROM crawl_frontier WHERE source_id = 'notices'`).pluck().get()).toBe(0);
  }, 120_000);
});
