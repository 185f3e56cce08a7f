import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/meili';

const ROOT = path.resolve(__dirname, '../..');
const TOKEN = crypto.randomBytes(16).toString('hex');
const ADMIN = { username: 'fault-admin', password: 'fault-admin-password-1' };
const BATCHES = 40;
const PER_BATCH = 25;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

async function until<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `npm start` (tsx server/main.ts): own data dir, one source, no crawling, a remote crawler's token. */
async function startServer(dataDir: string, sourcesFile: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      SOURCES_FILE: sourcesFile,
      CRAWL: 'off',
      WEB_BUILD: 'never',
      REPORT_SCHEDULE: 'off',
      INGEST_TOKEN: TOKEN,
      ADMIN_USER: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await until('the dashboard URL', () => /dashboard: (http:\/\/[\d.:]+)\//.exec(out)?.[1], 90_000).catch((err) => {
    throw new Error(`${(err as Error).message}\n${out}`);
  });
  return { child, url, exited, output: () => out };
}

/** Batch b's items: fixed URLs and contents, so a re-sent batch is the very same data. */
function batchItems(b: number) {
  return Array.from({ length: PER_BATCH }, (_, k) => {
    const title = `防汛演练记录 批${b} 条${k}`;
    const body = `街道组织防汛演练，第${b}批第${k}条，居民参与。`;
    return {
      sourceId: 'remote',
      url: `https://remote.test/drill/${b}/${k}`,
      title,
      body,
      author: null,
      publishedAt: new Date().toISOString(),
      fetchedAt: new Date().toISOString(),
      contentHash: crypto.createHash('sha256').update(`${title}\n${body}`).digest('hex'),
    };
  });
}

async function post(url: string, b: number): Promise<number> {
  try {
    const res = await fetch(`${url}/api/ingest/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ items: batchItems(b) }),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0; // connection reset: the server died with the request in flight
  }
}

describe('the API killed with SIGKILL in the middle of ingest', () => {
  it('after a restart and the crawler re-sending unacknowledged batches: nothing lost, nothing duplicated, all searchable', async () => {
    const dataDir = tempDir('kill9');
    const sourcesFile = path.join(dataDir, 'sources.yaml');
    fs.writeFileSync(
      sourcesFile,
      ['sources:', '  - id: remote', '    name: 远端采集', '    kind: post', '    type: rss', '    url: https://remote.test/feed.xml', ''].join('\n'),
    );

    const first = await startServer(dataDir, sourcesFile);
    const acked = new Set<number>();
    // Two crawler streams post concurrently; the server is killed while batches are in flight.
    let next = 0;
    let killed = false;
    const stream = async () => {
      while (!killed && next < BATCHES) {
        const b = next++;
        if (b === 15) {
          // Kill with this batch (and the other stream's) on the wire.
          const inFlight = post(first.url, b);
          await new Promise((r) => setTimeout(r, 5));
          killed = true;
          first.child.kill('SIGKILL');
          if ((await inFlight) === 200) acked.add(b);
          return;
        }
        if ((await post(first.url, b)) === 200) acked.add(b);
      }
    };
    await Promise.all([stream(), stream()]);
    await first.exited;
    expect(acked.size).toBeGreaterThan(5);
    expect(acked.size).toBeLessThan(BATCHES);

    const second = await startServer(dataDir, sourcesFile);
    // The crawler re-sends every batch it has no 200 for (and the ones it had not sent yet).
    const results = new Map<number, { status: number; body: { new: number; duplicate: number } }>();
    for (let b = 0; b < BATCHES; b++) {
      if (acked.has(b)) continue;
      const res = await fetch(`${second.url}/api/ingest/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ items: batchItems(b) }),
      });
      results.set(b, { status: res.status, body: (await res.json()) as { new: number; duplicate: number } });
    }
    expect([...results.values()].every((r) => r.status === 200)).toBe(true);
    // A batch the first server committed but could not acknowledge comes back whole as duplicates.
    for (const r of results.values()) expect([0, PER_BATCH]).toContain(r.body.duplicate);

    const db = new Database(path.join(dataDir, 'app.db'), { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM items WHERE source_id = 'remote'").pluck().get()).toBe(BATCHES * PER_BATCH);
      expect(db.prepare("SELECT count(DISTINCT url) FROM items WHERE source_id = 'remote'").pluck().get()).toBe(BATCHES * PER_BATCH);
      expect(db.prepare("SELECT count(DISTINCT content_hash) FROM items WHERE source_id = 'remote'").pluck().get()).toBe(BATCHES * PER_BATCH);
      const expected = new Set(Array.from({ length: BATCHES }, (_, b) => batchItems(b).map((i) => i.contentHash)).flat());
      const stored = db.prepare("SELECT content_hash FROM items WHERE source_id = 'remote'").pluck().all() as string[];
      expect(stored.filter((h) => !expected.has(h))).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }

    // The search index catches up from the outbox, including items stored just before the kill.
    const login = await fetch(`${second.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    await until(
      'the outbox to drain',
      async () => ((await (await fetch(`${second.url}/api/health`)).json()) as { outboxPending: number }).outboxPending === 0,
      60_000,
    );
    const found = (await (await fetch(`${second.url}/api/items?q=${encodeURIComponent('防汛演练')}&pageSize=1`, { headers: { cookie } })).json()) as {
      total: number;
      engine: string;
    };
    expect(found).toMatchObject({ engine: 'search', total: BATCHES * PER_BATCH });

    second.child.kill('SIGTERM');
    await second.exited;
  }, 150_000);
});
