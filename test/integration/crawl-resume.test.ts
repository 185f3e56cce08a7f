import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFixtureSite } from '../support/fixture-site';
import { tempDir } from '../support/meili';
import { fixtureListSource, writeSourcesFile } from '../support/sources-file';
import { runTool } from '../support/cli-process';

const PAGES = 30;
const children: ChildProcess[] = [];
let site: Awaited<ReturnType<typeof startFixtureSite>> | null = null;

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await site?.close();
});

const crawlCli = (dataDir: string, sourcesFile: string) =>
  runTool('server/cli/crawl.ts', ['--source', 'slow'], { DATA_DIR: dataDir, SOURCES_FILE: sourcesFile, LOG_LEVEL: 'silent' }, children);

describe('a crawl killed with SIGKILL midway', () => {
  it('resumes from the SQLite frontier: no discovered link lost, no stored page fetched again', async () => {
    let listServed = 0;
    const detail = (i: number) => () => ({
      body: `<html><head><meta charset="utf-8"><title>通知 ${i}</title></head><body><h1>关于第${i}号通知</h1>
        <div class="meta">发布时间：2026-11-2${i % 8} 10:00</div><div class="content"><p>第${i}号通知正文，请居民周知。</p></div></body></html>`,
    });
    const pages: Record<string, () => { body: string }> = {
      // The first visit lists all 30 notices; later visits only the newest 5, as a busy list moves on.
      '/list.html': () => {
        listServed++;
        const shown = listServed === 1 ? PAGES : 5;
        const links = Array.from({ length: shown }, (_, i) => `<li><a href="/n/${i}.html">通知 ${i}</a></li>`).join('');
        return { body: `<html><head><meta charset="utf-8"></head><body><ul class="list">${links}</ul></body></html>` };
      },
    };
    for (let i = 0; i < PAGES; i++) pages[`/n/${i}.html`] = detail(i);
    site = await startFixtureSite(pages, { delayMs: 150 });

    const dataDir = tempDir('resume');
    const sourcesFile = path.join(dataDir, 'sources.yaml');
    writeSourcesFile(sourcesFile, [fixtureListSource('slow', '慢速通知列表', `${site.url}/list.html`, { ownSite: true })]);

    const detailHits = () => Object.entries(Object.fromEntries(site!.hits)).filter(([p]) => p.startsWith('/n/'));
    const first = crawlCli(dataDir, sourcesFile);
    const deadline = Date.now() + 60_000;
    while (detailHits().length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGKILL');
    await first.exited;

    const db = new Database(path.join(dataDir, 'app.db'), { readonly: true });
    const storedAfterKill = db.prepare('SELECT count(*) FROM items').pluck().get() as number;
    const frontierAfterKill = db.prepare('SELECT count(*) FROM crawl_frontier').pluck().get() as number;
    db.close();
    expect(storedAfterKill).toBeGreaterThan(0);
    expect(storedAfterKill).toBeLessThan(PAGES);
    // Every discovered link is either stored or waiting in the frontier.
    expect(storedAfterKill + frontierAfterKill).toBeGreaterThanOrEqual(PAGES);

    const second = crawlCli(dataDir, sourcesFile);
    expect(await second.exited, second.output()).toBe(0);
    const db2 = new Database(path.join(dataDir, 'app.db'), { readonly: true });
    expect(db2.prepare('SELECT count(*) FROM items').pluck().get()).toBe(PAGES);
    expect(db2.prepare('SELECT count(*) FROM crawl_frontier').pluck().get()).toBe(0);
    db2.close();
    // Pages stored before the kill were never fetched again; at most the one in flight was.
    const refetched = detailHits().filter(([, n]) => n > 1);
    expect(refetched.length).toBeLessThanOrEqual(1);
  }, 180_000);
});
