import type { Db } from '../db/open-database';

export interface OutboxEntry {
  itemId: number;
  version: number;
  attempts: number;
}

/**
 * Queues an item for the search index; every repository that changes what the index holds calls it in
 * its own write transaction, so the change and its queue entry are stored together or not at all.
 */
export function prepareEnqueue(db: Db): { run(itemId: number, atIso: string): unknown } {
  return db.prepare(`INSERT INTO search_outbox (item_id, version, attempts, next_attempt_at)
    VALUES (?, 1, 0, ?)
    ON CONFLICT (item_id) DO UPDATE SET version = version + 1, attempts = 0, next_attempt_at = excluded.next_attempt_at`);
}

/** The queue of items whose search document must be written; SQLite keeps it across restarts. */
export function createOutboxRepo(db: Db) {
  const due = db.prepare(`SELECT item_id AS itemId, version, attempts FROM search_outbox
    WHERE next_attempt_at <= ? ORDER BY item_id LIMIT ?`);
  const done = db.prepare('DELETE FROM search_outbox WHERE item_id = ? AND version = ?');
  const failed = db.prepare(`UPDATE search_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
    WHERE item_id = ? AND version = ?`);
  const enqueue = prepareEnqueue(db);

  return {
    takeDue(nowIso: string, limit: number): OutboxEntry[] {
      return due.all(nowIso, limit) as OutboxEntry[];
    },
    /** Removes entries that were sent, unless the item changed again meanwhile (version moved on). */
    markDone: db.transaction((entries: OutboxEntry[]) => {
      for (const e of entries) done.run(e.itemId, e.version);
    }),
    markFailed: db.transaction((entries: OutboxEntry[], retryAtIso: string, error: string) => {
      for (const e of entries) failed.run(retryAtIso, error.slice(0, 500), e.itemId, e.version);
    }),
    enqueueMany: db.transaction((ids: number[], nowIso: string) => {
      for (const id of ids) enqueue.run(id, nowIso);
    }),
    /** Makes every queued entry due now (the search engine came back: no need to sit out the backoff). */
    retryAllNow(nowIso: string): number {
      return db.prepare('UPDATE search_outbox SET next_attempt_at = ? WHERE next_attempt_at > ?').run(nowIso, nowIso).changes;
    },
    pendingCount(): number {
      return db.prepare('SELECT count(*) FROM search_outbox').pluck().get() as number;
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
