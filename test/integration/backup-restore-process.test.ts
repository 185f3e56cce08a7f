import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../server/ops/manifest';
import { tempDir } from '../support/meili';

const ROOT = path.resolve(__dirname, '../..');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The environment without MEILI_URL: the server and the tools use the bundled Meilisearch under DATA_DIR. */
function env(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { MEILI_URL: _u, MEILI_MASTER_KEY: _k, ...rest } = process.env;
  return { ...rest, DATA_DIR: dataDir, WEB_BUILD: 'never', LOG_LEVEL: 'warn', ...extra };
}

async function startApp(dataDir: string, extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: env(dataDir, { PORT: '0', ...extra }), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await until('the dashboard URL', () => /dashboard: (http:\/\/[\d.:]+)\//.exec(out)?.[1], 90_000).catch((err) => {
    throw new Error(`${(err as Error).message}\n${out}`);
  });
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-leader', password: 'demo-leader-2026' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const get = async (route: string) => (await (await fetch(`${url}${route}`, { headers: { cookie } })).json()) as Record<string, any>;
  return { child, url, exited, get };
}

const tool = (script: 'backup' | 'restore', dataDir: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], { cwd: ROOT, env: env(dataDir), encoding: 'utf8' });

describe('backup and restore beside npm start and its bundled Meilisearch', () => {
  it('backs up while the demo crawl writes, copies the dump, restores after stop, and search works on the next start', async () => {
    const dataDir = tempDir('backup-app');
    const out = path.join(tempDir('backup-app-out'), 'b');
    const app = await startApp(dataDir);
    await until('demo items', async () => ((await app.get('/api/stats/overview')).items > 5 ? true : undefined), 60_000);

    const backup = tool('backup', dataDir, ['--out', out]);
    expect(backup.status, backup.stderr).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.meili.status).toBe('copied');
    // The dump was moved out of the engine's dump dir, not left to pile up there.
    expect(fs.readdirSync(path.join(dataDir, 'meili', 'dumps')).filter((f) => f.endsWith('.dump'))).toEqual([]);

    expect(tool('restore', dataDir, ['--from', out, '--yes']).stderr).toMatch(/a server \(pid \d+\) is running/);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);

    const restore = tool('restore', dataDir, ['--from', out, '--yes']);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toContain(`search index rebuilt from SQLite: ${manifest.items} items`);

    const db = new Database(path.join(dataDir, 'app.db'), { readonly: true });
    const title = db.prepare('SELECT title FROM items ORDER BY id LIMIT 1').pluck().get() as string;
    db.close();
    const again = await startApp(dataDir, { CRAWL: 'off' });
    try {
      expect((await again.get('/api/stats/overview')).items).toBe(manifest.items);
      const found = await again.get(`/api/items?q=${encodeURIComponent(title)}`);
      expect(found.engine).toBe('search');
      expect(found.total).toBeGreaterThanOrEqual(1);
    } finally {
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
  }, 180_000);
});
