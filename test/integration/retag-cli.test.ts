import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

describe('npm run retag', () => {
  it('re-tags stored items against a library entry added behind the server’s back, with progress', () => {
    const t = createDbApp({ sources: [rssSource('forum')], tagger: { tag: () => ({ tags: [], score: 0, reasons: [] }) } });
    t.ingest.ingest([
      rawItem({ sourceId: 'forum', title: '帖子', body: '听说喝醋可以杀死流感病毒，大家快去买醋' }),
      rawItem({ sourceId: 'forum', title: '别的', body: '今天天气不错' }),
    ]);
    // Written straight into the table (as an import by another tool would), so nothing re-tagged yet.
    t.services.libraryRepo.create({
      claim: '喝醋可以杀死流感病毒',
      category: 'health',
      unit: null,
      rebuttalText: null,
      sourceItemId: null,
      firstSeenAt: '2026-11-01T00:00:00.000Z',
      confirmedAt: '2026-11-01T00:00:00.000Z',
      createdBy: 'test',
      at: '2026-11-01T00:00:00.000Z',
    });
    t.db.close();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/retag.ts'], {
      env: { ...process.env, DATA_DIR: t.dir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toContain('100% | 2/2 items');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('library: 1 known rumours');
    expect(run.stdout).toMatch(/re-tagged 2 items, 1 changed/);
    const db = new Database(path.join(t.dir, 'app.db'), { readonly: true });
    const tags = db.prepare(`SELECT i.title, t.tag FROM item_tags t JOIN items i ON i.id = t.item_id`).all();
    const outbox = db.prepare('SELECT count(*) FROM search_outbox').pluck().get() as number;
    db.close();
    expect(tags).toContainEqual({ title: '帖子', tag: 'known-rumor' });
    expect(tags.filter((x) => (x as { title: string }).title === '别的')).toEqual([]);
    expect(outbox).toBeGreaterThan(0);
  });
});
