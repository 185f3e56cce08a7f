import type { Db } from '../db/open-database';
import { prepareEnqueue } from './outbox-repo';

/**
 * Items the rumour desk and the ledger still stand on are never purged: what an editor decided on,
 * what a known rumour was confirmed from or seen as, and press conferences someone ruled on.
 */
const KEPT = `
  EXISTS (SELECT 1 FROM reviews r WHERE r.item_id = i.id AND r.status <> 'new')
  OR EXISTS (SELECT 1 FROM rumour_library l WHERE l.source_item_id = i.id)
  OR EXISTS (SELECT 1 FROM library_sightings s WHERE s.item_id = i.id AND s.kind IN ('confirmed', 'rebuttal', 'manual'))
  OR EXISTS (SELECT 1 FROM ledger_press_decisions p WHERE p.item_id = i.id)`;

/** Raw items past the retention period, removed in batches while the counts built from them stay. */
export function createRetentionRepo(db: Db) {
  const candidates = db.prepare(`SELECT i.id, substr(i.sort_at, 1, 13) AS hour FROM items i
    WHERE i.sort_at < ? AND NOT (${KEPT}) ORDER BY i.sort_at LIMIT ?`);
  const enqueue = prepareEnqueue(db);
  const purge = db.transaction((rows: { id: number; hour: string }[], at: string) => {
    // Clean hours stay clean: the hourly counts were brought up to date before, and deleting the
    // items must not make the rollup recount those hours without them (the aggregates are kept).
    const dirtyBefore = new Set(db.prepare('SELECT hour FROM trend_dirty').pluck().all() as string[]);
    const del = db.prepare('DELETE FROM items WHERE id = ?');
    for (const r of rows) {
      del.run(r.id);
      // The search document goes too: an outbox entry whose item is gone deletes it.
      enqueue.run(r.id, at);
    }
    const undirty = db.prepare('DELETE FROM trend_dirty WHERE hour = ?');
    for (const hour of new Set(rows.map((r) => r.hour))) if (!dirtyBefore.has(hour)) undirty.run(hour);
  });
  return {
    /** Deletes up to `limit` unprotected items older than `beforeIso`; returns their ids. */
    purgeBatch(beforeIso: string, limit: number, atIso: string): number[] {
      const rows = candidates.all(beforeIso, limit) as { id: number; hour: string }[];
      if (rows.length) purge(rows, atIso);
      return rows.map((r) => r.id);
    },
  };
}

export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
