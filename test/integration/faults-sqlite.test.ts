import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawItem, rssSource } from '../support/factories';
import { startTestMeili } from '../support/meili';
import { startTestRuntime } from '../support/runtime';
import type { Runtime } from '../../server/runtime';

let meili: Awaited<ReturnType<typeof startTestMeili>>;
let runtime: Runtime;
let dataDir: string;
let token: string;

beforeAll(async () => {
  meili = await startTestMeili();
  ({ runtime, dataDir } = await startTestRuntime({ meili, sources: [rssSource('forum')] }));
  const res = await runtime.app.request('/api/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'fault crawler', scopes: ['ingest'] }),
  });
  expect(res.status).toBe(201);
  token = ((await res.json()) as { token: string }).token;
});

afterAll(async () => {
  await runtime?.close();
  await meili?.stop();
});

/**
 * Another process's writer: a second connection (in a worker thread, so the server's thread is free to
 * block on it) takes the write lock with BEGIN IMMEDIATE and holds it for `holdMs`.
 */
async function holdWriteLock(holdMs: number): Promise<{ released: Promise<void> }> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require(workerData.driver);
     const db = new Database(workerData.file);
     db.exec('BEGIN IMMEDIATE');
     db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'lock-holder', 'x')").run();
     parentPort.postMessage('locked');
     setTimeout(() => { db.exec('ROLLBACK'); db.close(); parentPort.postMessage('released'); }, workerData.holdMs);`,
    { eval: true, workerData: { driver, file: path.join(dataDir, 'app.db'), holdMs } },
  );
  let onReleased!: () => void;
  const released = new Promise<void>((r) => (onReleased = r));
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m) => (m === 'locked' ? resolve() : m === 'released' ? onReleased() : undefined));
    worker.once('error', reject);
  });
  return { released: released.then(() => worker.terminate().then(() => undefined)) };
}

function batch(n: number, label: string, bodyChars = 200) {
  const pad = crypto.randomBytes(bodyChars).toString('base64').slice(0, bodyChars);
  return Array.from({ length: n }, (_, i) => rawItem({ sourceId: 'forum', title: `${label} 第${i + 1}条`, body: `${label} 正文 ${pad}` }));
}

function postBatch(items: unknown[]) {
  return runtime.app.request('/api/ingest/items', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ items }),
  });
}

const countByUrls = (urls: string[]) =>
  runtime.db.prepare(`SELECT count(*) FROM items WHERE url IN (${urls.map(() => '?').join(',')})`).pluck().get(...urls) as number;
const integrity = () => runtime.db.pragma('integrity_check', { simple: true });

describe('SQLite busy: another connection holds the write lock', () => {
  it('a write waits for a short lock and then succeeds', async () => {
    const items = batch(10, '短锁');
    const lock = await holdWriteLock(1_500);
    const res = await postBatch(items);
    await lock.released;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ new: 10, duplicate: 0 });
    expect(countByUrls(items.map((i) => i.url))).toBe(10);
  });

  it('a lock held past busy_timeout gives a clear 503 (nothing written, no 500); the retry succeeds', async () => {
    const items = batch(10, '长锁');
    const before = runtime.itemsRepo.countItems();
    const lock = await holdWriteLock(7_000);
    const res = await postBatch(items);
    const body = (await res.json()) as { status: number; code: string; detail: string };
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(body.code).toBe('database_busy');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|SqliteError/);
    await lock.released;
    expect(runtime.itemsRepo.countItems()).toBe(before);
    expect(countByUrls(items.map((i) => i.url))).toBe(0);

    const retry = await postBatch(items);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ new: 10, duplicate: 0 });
    expect(countByUrls(items.map((i) => i.url))).toBe(10);
    expect(integrity()).toBe('ok');
  }, 30_000);
});

describe('the database disk is full (SQLITE_FULL through max_page_count)', () => {
  it('answers 507 storage_full, writes nothing of the batch, and works again once there is room', async () => {
    const pages = runtime.db.pragma('page_count', { simple: true }) as number;
    const before = runtime.itemsRepo.countItems();
    // No room beyond the pages in use now: the next write that needs a new page fails as on a full disk.
    runtime.db.pragma(`max_page_count = ${pages}`);
    const items = batch(50, '满盘', 8_000);
    try {
      const res = await postBatch(items);
      const body = (await res.json()) as { code: string; detail: string };
      expect(res.status).toBe(507);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(body.code).toBe('storage_full');
      expect(body.detail).toMatch(/full/);
      // All or nothing: not one item of the batch stored.
      expect(runtime.itemsRepo.countItems()).toBe(before);
      expect(countByUrls(items.map((i) => i.url))).toBe(0);
      // Reads go on while the disk is full.
      expect((await runtime.app.request('/api/stats/overview')).status).toBe(200);
    } finally {
      runtime.db.pragma('max_page_count = 4294967294');
    }
    const retry = await postBatch(items);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ new: 50, duplicate: 0 });
    expect(countByUrls(items.map((i) => i.url))).toBe(50);
    expect(integrity()).toBe('ok');
    expect(await runtime.sync.flush(30_000)).toBe(true);
  }, 60_000);
});
