import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/open-database';
import { startWalCheckpointer } from '../../server/db/wal-checkpointer';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function freshDb(): { db: Db; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-ckpt-'));
  dirs.push(dir);
  const file = path.join(dir, 'app.db');
  const db = openDatabase(file);
  dbs.push(db);
  db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
  return { db, file };
}

const walBytes = (file: string) => fs.statSync(`${file}-wal`).size;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Batches of writes with a pause between them, as a server's ingest comes: ~24 MB in all. */
async function writeInBatches(db: Db, batches: number): Promise<void> {
  const insert = db.prepare('INSERT INTO blobs (data) VALUES (?)');
  const batch = db.transaction(() => {
    for (let i = 0; i < 100; i++) insert.run(Buffer.alloc(4_000, i));
  });
  for (let b = 0; b < batches; b++) {
    batch();
    await sleep(15);
  }
}

describe('the WAL checkpointer thread', () => {
  it('keeps the WAL small while the server connection does not checkpoint', async () => {
    const { db, file } = freshDb();
    // The connection's own checkpoint would come only past 100,000 pages (400 MB): all the work is the thread's.
    const ckpt = startWalCheckpointer(db, file, { intervalMs: 20, safetyPages: 100_000 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(100_000);
    await writeInBatches(db, 60);
    await sleep(100);
    expect(ckpt.passes()).toBeGreaterThan(5);
    // 24 MB went through it; a WAL that never restarted would hold all of it.
    expect(walBytes(file)).toBeLessThan(8 * 1024 * 1024);
    await ckpt.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(6_000);
  });

  it('bounds the WAL even under writes that never pause (the connection checkpoints past the safety limit)', async () => {
    const { db, file } = freshDb();
    const ckpt = startWalCheckpointer(db, file, { intervalMs: 10, safetyPages: 1_000 });
    const insert = db.prepare('INSERT INTO blobs (data) VALUES (?)');
    const started = Date.now();
    // One long run of small transactions on this thread: the worker checkpoints alongside.
    while (Date.now() - started < 1_500) db.transaction(() => insert.run(Buffer.alloc(4_000, 7)))();
    const rows = db.prepare('SELECT count(*) FROM blobs').pluck().get() as number;
    const written = rows * 4_000;
    await ckpt.stop();
    expect(written).toBeGreaterThan(20 * 1024 * 1024);
    // About the safety limit (1,000 pages of 4 KB) and a transaction over it, not the tens of MB written.
    expect(walBytes(file)).toBeLessThan(8 * 1024 * 1024);
  });

  it('hands checkpointing back to the connection when stopped, and a stopped one stays stopped', async () => {
    const { db, file } = freshDb();
    const ckpt = startWalCheckpointer(db, file);
    await ckpt.stop();
    await ckpt.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
  });
});
