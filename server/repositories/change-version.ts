import type { Db } from '../db/open-database';

/**
 * A token that changes whenever the database may have changed: total_changes() counts every row
 * written through this connection (ingest, verdicts, claims, re-tags, purges — triggers and cascades
 * ride along with the statement that set them off), PRAGMA data_version moves when another connection
 * commits. Answers computed from the database can be reused while the token is the same; reading it
 * costs two trivial statements.
 */
export function createChangeVersion(db: Db): () => string {
  const changes = db.prepare('SELECT total_changes()').pluck();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  return () => `${changes.get() as number}:${dataVersion.get() as number}`;
}

/**
 * Answers keyed by their arguments, all dropped together when the database changes (see
 * createChangeVersion). For aggregates whose inputs are the whole database and whose cost is a scan.
 */
export function createChangeCache(db: Db, maxEntries = 64) {
  const version = createChangeVersion(db);
  let seen = '';
  const entries = new Map<string, unknown>();
  return function cached<T>(key: string, compute: () => T): T {
    const v = version();
    if (v !== seen || entries.size >= maxEntries) {
      entries.clear();
      seen = v;
    }
    if (entries.has(key)) return entries.get(key) as T;
    const value = compute();
    entries.set(key, value);
    return value;
  };
}
