import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../server/auth/passwords';
import { openDatabase } from '../../server/db/open-database';
import { createAuthRepo } from '../../server/repositories/auth-repo';
import { createAuthService } from '../../server/services/auth-service';
import type { Manifest } from '../../server/ops/manifest';
import { rawItem, rssSource } from '../support/factories';
import { startTestMeili, tempDir } from '../support/meili';
import { startTestRuntime } from '../support/runtime';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
type Json = Record<string, any>;

let meili: Awaited<ReturnType<typeof startTestMeili>>;
let t: Awaited<ReturnType<typeof startTestRuntime>> | null = null;
const dataDir = tempDir('backup-data');
const backupDir = path.join(tempDir('backup-out'), 'b1');

/** A CLI as a user runs it (npm run backup / restore), against this test's data dir and Meilisearch. */
function cli(script: 'backup' | 'restore', args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await t!.runtime.app.request(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
}

/** What a backup must bring back exactly: rows of the tables the test touches, ordered. */
function snapshot(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      items: all('SELECT id, url, title FROM items ORDER BY id'),
      library: all('SELECT * FROM rumour_library ORDER BY id'),
      ledger: all('SELECT * FROM ledger_entries ORDER BY id'),
      users: all('SELECT id, username, role, password_hash FROM users ORDER BY id'),
    };
  } finally {
    db.close();
  }
}

const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const REPORT = path.join(dataDir, 'reports', 'week-2026-11-16.html');

beforeAll(async () => {
  meili = await startTestMeili();
  t = await startTestRuntime({ meili, sources: [rssSource('forum')], dataDir });
});
afterAll(async () => {
  await t?.runtime.close();
  await meili?.stop();
});

describe('npm run backup and npm run restore', () => {
  let atBackup: ReturnType<typeof snapshot>;
  let manifest: Manifest;

  it('backs up a running server: database (online backup), reports, models and a Meilisearch dump, with a manifest', async () => {
    const { runtime } = t!;
    await runtime.crawl.sink.ingest(Array.from({ length: 40 }, (_, i) => rawItem({ sourceId: 'forum', title: `备份前条目 ${i}`, body: `第${i}条 防汛演练通知` })));
    expect(await runtime.sync.flush(30_000)).toBe(true);
    const entry = await call('POST', '/api/library', { claim: '网传水库决堤，下游要全部撤离', actor: 'ed', firstSeenAt: '2026-11-20T08:00:00Z' });
    expect(entry.status).toBe(201);
    const unit = await call('POST', '/api/ledger/units', { name: '东城街道', kind: 'street' });
    expect(unit.status).toBe(201);
    for (const quantity of [120, 35]) {
      expect((await call('POST', '/api/ledger/entries', { day: yesterday, unitId: unit.body.id, categoryKey: 'leaflets', quantity })).status).toBe(201);
    }
    expect((await call('POST', '/api/users', { username: 'zhou', displayName: '周编辑', role: 'editor', password: 'zhou-password-1' })).status).toBe(201);
    fs.mkdirSync(path.dirname(REPORT), { recursive: true });
    fs.writeFileSync(REPORT, '<h1>防汛宣传周报</h1>');
    fs.writeFileSync(path.join(dataDir, 'reports', 'half-written.docx.123.tmp'), 'partial');
    fs.writeFileSync(path.join(dataDir, 'sentiment-model.json'), '{"trained":"before the backup"}');
    atBackup = snapshot(path.join(dataDir, 'app.db'));
    expect(atBackup.items).toHaveLength(40);

    const r = await cli('backup', ['--out', backupDir, '--meili-dump-dir', path.join(meili.dir, 'dumps')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('backup done: 40 items');
    manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest).toMatchObject({ format: 1, appVersion: '0.1.0', items: 40, meili: { status: 'copied' } });
    expect(manifest.schemaVersion).toBeGreaterThanOrEqual(19);
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['app.db', 'reports/week-2026-11-16.html', 'sentiment-model.json']));
    expect(paths.some((p) => /^meili\/.+\.dump$/.test(p))).toBe(true);
    expect(paths.some((p) => p.endsWith('.tmp'))).toBe(false);
    for (const f of manifest.files) {
      expect(fs.statSync(path.join(backupDir, f.path)).size).toBe(f.bytes);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    // The copy is one self-contained file, not a database that needs its -wal beside it.
    expect(fs.existsSync(path.join(backupDir, 'app.db-wal'))).toBe(false);
    expect(snapshot(path.join(backupDir, 'app.db'))).toEqual(atBackup);

    const again = await cli('backup', ['--out', backupDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`backup failed: ${backupDir}: exists and is not empty`);
  }, 90_000);

  it('refuses to restore while a server runs on the data dir', async () => {
    const r = await cli('restore', ['--from', backupDir, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/restore failed: a server \(pid \d+\) is running on/);
    expect(fs.readFileSync(REPORT, 'utf8')).toBe('<h1>防汛宣传周报</h1>');
  });

  it('refuses a damaged backup, naming the file, and one from newer code', async () => {
    const bad = path.join(tempDir('backup-bad'), 'copy');
    fs.cpSync(backupDir, bad, { recursive: true });
    const report = path.join(bad, 'reports', 'week-2026-11-16.html');
    const bytes = fs.readFileSync(report);
    bytes[5] = bytes[5]! ^ 0x01;
    fs.writeFileSync(report, bytes);
    const r = await cli('restore', ['--from', bad, '--yes'], { DATA_DIR: tempDir('restore-target') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`restore failed: ${report}: checksum mismatch`);

    fs.writeFileSync(report, fs.readFileSync(path.join(backupDir, 'reports', 'week-2026-11-16.html')));
    const m = JSON.parse(fs.readFileSync(path.join(bad, 'manifest.json'), 'utf8')) as Manifest;
    fs.writeFileSync(path.join(bad, 'manifest.json'), JSON.stringify({ ...m, schemaVersion: 9_999 }));
    const newer = await cli('restore', ['--from', bad, '--yes'], { DATA_DIR: tempDir('restore-target') });
    expect(newer.code).toBe(1);
    expect(newer.stderr).toContain('schema version 9999 is newer than this code');

    const unconfirmed = await cli('restore', ['--from', backupDir], { DATA_DIR: tempDir('restore-target') });
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('pass --yes');
  });

  it('restores the backup moment after later changes, keeps what it replaced, and search follows', async () => {
    const { runtime } = t!;
    // Life goes on after the backup: more items, an edited library entry, a deleted ledger entry, a new user and report.
    await runtime.crawl.sink.ingest(Array.from({ length: 7 }, (_, i) => rawItem({ sourceId: 'forum', title: `备份后条目 ${i}`, body: `第${i}条 防汛演练通知 之后` })));
    expect(await runtime.sync.flush(30_000)).toBe(true);
    const libraryId = (atBackup.library[0] as Json).id as number;
    expect((await call('PATCH', `/api/library/${libraryId}`, { claim: '网传水库决堤（已改）', actor: 'ed' })).status).toBe(200);
    expect((await call('DELETE', `/api/ledger/entries/${(atBackup.ledger[0] as Json).id as number}`)).status).toBeLessThan(300);
    expect((await call('POST', '/api/users', { username: 'late', displayName: '后来者', role: 'analyst', password: 'late-password-1' })).status).toBe(201);
    fs.writeFileSync(path.join(dataDir, 'reports', 'after-backup.html'), '<h1>later</h1>');
    fs.rmSync(REPORT);
    expect(snapshot(path.join(dataDir, 'app.db'))).not.toEqual(atBackup);
    await runtime.close();
    t = null;

    const r = await cli('restore', ['--from', backupDir, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('search index rebuilt from SQLite: 40 items');
    expect(r.stdout).toContain('restore done: 40 items');

    expect(snapshot(path.join(dataDir, 'app.db'))).toEqual(atBackup);
    expect(fs.readFileSync(REPORT, 'utf8')).toBe('<h1>防汛宣传周报</h1>');
    expect(fs.existsSync(path.join(dataDir, 'reports', 'after-backup.html'))).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, 'sentiment-model.json'), 'utf8')).toContain('before the backup');
    // Nothing is deleted: what the restore replaced is kept beside it.
    const aside = fs.readdirSync(dataDir).filter((n) => n.startsWith('before-restore-'));
    expect(aside).toHaveLength(1);
    const kept = path.join(dataDir, aside[0]!);
    expect(fs.existsSync(path.join(kept, 'reports', 'after-backup.html'))).toBe(true);
    expect(snapshot(path.join(kept, 'app.db')).items).toHaveLength(47);

    // The restored account signs in with its password.
    const db = openDatabase(path.join(dataDir, 'app.db'));
    const auth = createAuthService({ repo: createAuthRepo(db), hasher: argon2Hasher, demoMode: false });
    const { me } = await auth.login({ username: 'zhou', password: 'zhou-password-1' }, { ip: null, userAgent: null });
    expect(me.user).toMatchObject({ role: 'editor', displayName: '周编辑' });
    await expect(auth.login({ username: 'late', password: 'late-password-1' }, { ip: null, userAgent: null })).rejects.toThrow();
    db.close();

    // Started again, search answers from the rebuilt index: the backup's items, none added after it.
    t = await startTestRuntime({ meili, sources: [rssSource('forum')], dataDir });
    const found = await call('GET', `/api/items?q=${encodeURIComponent('防汛演练')}&pageSize=100`);
    expect(found.body.engine).toBe('search');
    expect(found.body.total).toBe(40);
    expect((found.body.items as Json[]).some((i) => String(i.title).startsWith('备份后条目'))).toBe(false);
  }, 120_000);
});
