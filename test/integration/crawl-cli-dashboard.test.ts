import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceConfig } from '../../server/contracts/source';
import { openDatabase } from '../../server/db/open-database';
import { createSourcesRepo } from '../../server/repositories/sources-repo';
import { startFixtureSite } from '../support/fixture-site';
import { tempDir } from '../support/meili';
import { fixtureListSource, writeSourcesFile } from '../support/sources-file';
import { runTool } from '../support/cli-process';

// `npm run crawl -- --source ID` also knows the sources an admin added on the dashboard.
const children: ChildProcess[] = [];
let site: Awaited<ReturnType<typeof startFixtureSite>> | null = null;
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await site?.close();
});

describe('npm run crawl and dashboard sources', () => {
  it('crawls a source added on the dashboard by its id, and names the known ids for an unknown one', async () => {
    const pages: Record<string, () => { body: string }> = {
      '/list.html': () => ({ body: `<html><head><meta charset="utf-8"></head><body><ul class="list"><li><a href="/n/1.html">一</a></li><li><a href="/n/2.html">二</a></li></ul></body></html>` }),
    };
    for (const i of [1, 2]) {
      pages[`/n/${i}.html`] = () => ({
        body: `<html><head><meta charset="utf-8"></head><body><h1>街道通知第${i}号</h1><div class="meta">发布时间：2026-11-2${i} 10:00</div><div class="content"><p>第${i}号通知正文。</p></div></body></html>`,
      });
    }
    site = await startFixtureSite(pages);
    const dataDir = tempDir('crawl-cli-dash');
    const sourcesFile = path.join(dataDir, 'sources.json');
    writeSourcesFile(sourcesFile, [{ id: 'file-only', name: '文件来源', kind: 'news', type: 'rss', url: `${site.url}/feed.xml`, allowPrivateNetwork: true }]);
    const db = openDatabase(path.join(dataDir, 'app.db'));
    const dash = SourceConfig.parse(fixtureListSource('dash-notices', '街道通知', `${site.url}/list.html`));
    createSourcesRepo(db).saveDashboardSource(dash, new Date().toISOString());
    db.close();

    const run = async (id: string) => {
      const cli = runTool('server/cli/crawl.ts', ['--source', id], { DATA_DIR: dataDir, SOURCES_FILE: sourcesFile, LOG_LEVEL: 'silent' }, children);
      return { code: await cli.exited, out: cli.output() };
    };
    const ok = await run('dash-notices');
    expect(ok.code, ok.out).toBe(0);
    const check = new Database(path.join(dataDir, 'app.db'), { readonly: true });
    expect(check.prepare(`SELECT count(*) FROM items WHERE source_id = 'dash-notices'`).pluck().get()).toBe(2);
    check.close();

    const unknown = await run('nope');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/unknown source "nope"; configured: .*file-only.*dash-notices|unknown source "nope"; configured: .*dash-notices.*file-only/);
  }, 120_000);
});
