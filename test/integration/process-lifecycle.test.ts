import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/meili';

const ROOT = path.resolve(__dirname, '../..');
const children: ChildProcess[] = [];

/** PIDs of processes (Meilisearch and its guardian) whose command line names this data dir. */
function meiliPids(dataDir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', path.join(dataDir, 'meili', 'data.ms')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `npm start` as a user runs it (tsx server/main.ts), on a random port, demo sources, own data dir. */
async function startApp(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, WEB_BUILD: 'never', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const url = await until('the dashboard URL', () => /dashboard: (http:\/\/[\d.:]+)\//.exec(out)?.[1], 90_000).catch((err) => {
    throw new Error(`${(err as Error).message}\n${out}`);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url, exited, output: () => out };
}

/** Signs in with the demo mode's leader account (read-only) and returns the session cookie. */
const cookies = new Map<string, string>();
async function signedIn(url: string): Promise<{ cookie: string }> {
  let cookie = cookies.get(url);
  if (!cookie) {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-leader', password: 'demo-leader-2026' }),
    });
    expect(res.status).toBe(200);
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    cookies.set(url, cookie);
  }
  return { cookie };
}

async function itemCount(url: string): Promise<number> {
  const res = await fetch(`${url}/api/stats/overview`, { headers: await signedIn(url) });
  return ((await res.json()) as { items: number }).items;
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, WEB_BUILD: 'never', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm start as a process', () => {
  it('stops at start-up with every invalid setting named', async () => {
    const r = await runToExit({ PORT: 'eighty', LOG_LEVEL: 'loud', DATA_DIR: tempDir('bad-env') });
    expect(r.code).toBe(1);
    expect(r.output).toContain('PORT');
    expect(r.output).toContain('LOG_LEVEL');
  });

  it('stops at start-up on a bad sources file, naming the file, the source and the field', async () => {
    const dir = tempDir('bad-sources');
    const file = path.join(dir, 'sources.yaml');
    fs.writeFileSync(file, 'sources:\n  - id: gov-notices\n    name: 区政府\n    kind: notice\n    type: html-list\n    url: https://example.gov.cn/list\n    detail: { title: h1, body: .content }\n');
    const r = await runToExit({ SOURCES_FILE: file, DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.output).toContain('sources.yaml');
    expect(r.output).toContain('gov-notices');
    expect(r.output).toContain('list');
    // Nothing was started: no Meilisearch data dir was created for a config that never loaded.
    expect(fs.existsSync(path.join(dir, 'meili'))).toBe(false);
  });

  it('crawls the demo at once, stops Meilisearch on Ctrl-C, and keeps all data on restart without duplicates', async () => {
    const dataDir = tempDir('app-process');
    const first = await startApp(dataDir);
    const health = (await (await fetch(`${first.url}/api/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    const crawled = await until('demo items', async () => ((await itemCount(first.url)) > 20 ? itemCount(first.url) : undefined));
    expect(meiliPids(dataDir).length).toBeGreaterThan(0);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(meiliPids(dataDir)).toEqual([]);

    const second = await startApp(dataDir);
    const afterRestart = await itemCount(second.url);
    expect(afterRestart).toBeGreaterThanOrEqual(crawled);
    // The restart crawls the same demo site again: every item it finds is already stored.
    await until('the restart crawl', async () => {
      const runs = (await (await fetch(`${second.url}/api/crawl-runs?pageSize=100`, { headers: await signedIn(second.url) })).json()) as { runs: { status: string; startedAt: string }[] };
      return runs.runs.filter((r) => r.status !== 'running').length >= 8 ? true : undefined;
    });
    const items = (await (await fetch(`${second.url}/api/items?pageSize=100`, { headers: await signedIn(second.url) })).json()) as { total: number; items: { url: string }[] };
    expect(new Set(items.items.map((i) => i.url)).size).toBe(items.items.length);
    const health2 = (await (await fetch(`${second.url}/api/health`)).json()) as { outboxPending: number };
    expect(health2.outboxPending).toBeGreaterThanOrEqual(0);

    // Even SIGKILL of the app leaves no Meilisearch behind: its guardian sees the pipe close.
    second.child.kill('SIGKILL');
    await second.exited;
    await until('Meilisearch to stop after the app was killed', () => (meiliPids(dataDir).length === 0 ? true : undefined), 20_000);
  }, 240_000);
});
