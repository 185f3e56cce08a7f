import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { openDatabase } from '../db/open-database';
import { createItemsRepo } from '../repositories/items-repo';
import { createOutboxRepo } from '../repositories/outbox-repo';
import { createSearchIndex, ITEMS_INDEX } from '../repositories/search-index';
import { runningManagedUrl } from '../runtime';
import { startManagedMeili, type ManagedMeili } from '../search/meili-process';
import { reindexAll } from '../services/reindex';
import { normaliseText } from '../nlp/normalise';
import { MODEL_FILES, REPORTS_DIR } from './data-files';
import { BackupError, type Manifest } from './manifest';
import { runningServerPid, serverPidFile } from './server-lock';
import { otherDatabaseUsers, usersDir } from '../db/database-users';

/**
 * Restoring under a live server — or a tool writing to the same database (retag, report, reindex,
 * backup, user:create) — would pull the database from under it: refused, naming how it was seen.
 */
export function assertNoServer(dataDir: string): void {
  const pid = runningServerPid(dataDir);
  if (pid !== null) throw new BackupError(`a server (pid ${pid}) is running on ${dataDir} (see ${serverPidFile(dataDir)}); stop it first`);
  if (runningManagedUrl(dataDir)) throw new BackupError(`a server's bundled Meilisearch is running on ${dataDir} (see ${path.join(dataDir, 'meili', 'endpoint.json')}); stop the server first`);
  const others = otherDatabaseUsers(dataDir);
  if (others.length) {
    const list = others.map((u) => `${u.command} (pid ${u.pid}, since ${u.startedAt})`).join(', ');
    throw new BackupError(`the database in ${dataDir} is open in ${list} (see ${usersDir(dataDir)}); let it finish or stop it first`);
  }
}

/** Everything the backup replaces, moved (never deleted) into DATA_DIR/before-restore-<time>/. */
export function moveAside(dataDir: string, now = new Date()): { dir: string; moved: string[] } | null {
  const names = ['app.db', 'app.db-wal', 'app.db-shm', REPORTS_DIR, ...MODEL_FILES].filter((n) => fs.existsSync(path.join(dataDir, n)));
  if (names.length === 0) return null;
  const dir = path.join(dataDir, `before-restore-${now.toISOString().replace(/[:.]/g, '-')}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const n of names) fs.renameSync(path.join(dataDir, n), path.join(dir, n));
  return { dir, moved: names };
}

/** Copies the backup's files into DATA_DIR; each lands under a temporary name first, so none is ever half there. */
export function putInPlace(from: string, dataDir: string, manifest: Manifest): string[] {
  const placed: string[] = [];
  for (const f of manifest.files) {
    // The Meilisearch dump stays in the backup: the index is rebuilt from SQLite (see rebuildSearch).
    if (f.path.startsWith('meili/')) continue;
    const dest = path.join(dataDir, ...f.path.split('/'));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.restoring`;
    fs.copyFileSync(path.join(from, ...f.path.split('/')), tmp);
    fs.renameSync(tmp, dest);
    placed.push(f.path);
  }
  return placed;
}

/**
 * The search index follows the restored database by a full rebuild from SQLite, not by importing the
 * backup's Meilisearch dump. The dump is taken a moment after the SQLite snapshot, so it can hold
 * items the database does not (and importing needs an empty engine, which rules out MEILI_URL); a
 * rebuild is always exactly the restored data, removes items added after the backup, and is the
 * same code as `npm run reindex`. If the engine cannot be reached now, every item is queued in the
 * outbox so the next start indexes them, and the caller is told to run `npm run reindex`.
 */
export async function rebuildSearch(
  config: Config,
  onProgress?: (done: number, total: number) => void,
): Promise<{ indexed: number } | { queued: number; reason: string }> {
  const db = openDatabase(path.join(config.dataDir, 'app.db'));
  const items = createItemsRepo(db);
  const outbox = createOutboxRepo(db);
  let managed: ManagedMeili | null = null;
  try {
    let url = config.meiliUrl;
    let apiKey = config.meiliMasterKey;
    if (!url) {
      managed = await startManagedMeili({ dataDir: path.join(config.dataDir, 'meili'), binary: config.meiliBin });
      url = managed.url;
      apiKey = managed.masterKey;
    }
    return await reindexAll({
      items,
      outbox,
      live: createSearchIndex({ url, apiKey, indexUid: ITEMS_INDEX }),
      scratch: createSearchIndex({ url, apiKey, indexUid: `${ITEMS_INDEX}_rebuild` }),
      normalise: normaliseText,
      onProgress,
    });
  } catch (err) {
    let queued = 0;
    const at = new Date().toISOString();
    for (const ids of items.iterateIds(1_000)) {
      outbox.enqueueMany(ids, at);
      queued += ids.length;
    }
    return { queued, reason: (err as Error).message };
  } finally {
    await managed?.stop();
    db.close();
  }
}

/** Opens the restored database (applying migrations newer than the backup) and says what it holds. */
export function openRestored(dataDir: string): { items: number; schemaVersion: number } {
  const db = openDatabase(path.join(dataDir, 'app.db'));
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${path.join(dataDir, 'app.db')}: the restored database fails its integrity check (${String(check)})`);
    return {
      items: db.prepare('SELECT count(*) FROM items').pluck().get() as number,
      schemaVersion: db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}
