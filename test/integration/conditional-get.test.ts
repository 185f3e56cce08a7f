import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../crawler/crawl-source';
import { createFetcher } from '../../crawler/fetch/fetcher';
import type { SourceConfig } from '../../server/contracts/source';
import { startTestMeili, tempDir } from '../support/meili';
import { startTestRuntime } from '../support/runtime';

let meili: Awaited<ReturnType<typeof startTestMeili>> | null = null;
let server: http.Server | null = null;
afterAll(async () => {
  await meili?.stop();
  server?.close();
});

describe('conditional GET across restarts', () => {
  it('keeps list-page validators in SQLite, so after a restart an unchanged list costs one 304', async () => {
    const seen: { path: string; ifNoneMatch: string | undefined }[] = [];
    server = http.createServer((req, res) => {
      seen.push({ path: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] });
      if (req.url === '/list.html') {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' });
        return void res.end('<ul class="l"><li><a href="/a.html">甲</a></li><li><a href="/b.html">乙</a></li></ul>');
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<h1>通知${req.url}</h1><div class="c">正文${req.url}，请周知。</div>`);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const source: SourceConfig = {
      id: 'cond', name: '条件请求', kind: 'notice', type: 'html-list', url: `${base}/list.html`, schedule: '*/5 * * * *',
      delayMs: 0, timeoutMs: 5_000, retries: 0, allowPrivateNetwork: true, ownSite: true, concurrency: 1, enabled: true,
      list: { link: 'ul.l a', maxPages: 1 }, detail: { title: 'h1', body: '.c' },
    };
    meili = await startTestMeili();
    const dataDir = tempDir('cond');

    for (const round of [1, 2]) {
      // A fresh process each round: nothing survives in memory, only in SQLite.
      const { runtime } = await startTestRuntime({ meili, sources: [source], dataDir });
      const fetcher = createFetcher({ validatorStore: runtime.validators });
      const stats = await crawlSource(source, runtime.crawl.sink, { fetcher });
      if (round === 1) expect(stats).toMatchObject({ fetched: 2, new: 2 });
      else expect(stats).toMatchObject({ fetched: 0, new: 0, failed: 0 });
      await runtime.close();
    }
    const listRequests = seen.filter((s) => s.path === '/list.html');
    expect(listRequests.map((r) => r.ifNoneMatch)).toEqual([undefined, '"v1"']);
    expect(seen.filter((s) => s.path !== '/list.html').map((s) => s.path).sort()).toEqual(['/a.html', '/b.html']);
  });
});
