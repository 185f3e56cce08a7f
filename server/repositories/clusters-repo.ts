import type { Db } from '../db/open-database';

export interface StoredSignature {
  itemId: number;
  signature: Uint8Array;
}

export interface UnsignedItem {
  id: number;
  title: string;
  body: string;
  /** Signed before, under another scheme or pruned (re-sign only), as opposed to never signed (cluster it too). */
  stale: boolean;
}

export interface ClusterCounts {
  id: number;
  items: number;
  exactReposts: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface ClusterMemberRow {
  id: number;
  title: string;
  url: string;
  sourceId: string;
  sourceName: string;
  publishedAt: string | null;
  collectedAt: string;
}

export interface ExactRepostRow {
  itemId: number;
  url: string;
  sourceId: string;
  sourceName: string | null;
  seenAt: string;
}

export interface ClusterDayRow {
  day: string;
  items: number;
  exactReposts: number;
}

/**
 * Near-duplicate clusters and the MinHash signatures behind them. The counts in `clusters` are kept
 * by triggers (0003_clusters.sql); this module only sets an item's cluster and reads.
 */
export function createClustersRepo(db: Db) {
  const saveSignature = db.prepare(
    'INSERT OR REPLACE INTO item_signatures (item_id, scheme, signature) VALUES (?, ?, ?)',
  );
  // Joins the cluster of `similarTo`; with none (or an item that no longer exists), starts its own.
  const joinCluster = db.prepare(
    'UPDATE items SET cluster_id = coalesce((SELECT cluster_id FROM items WHERE id = ?), id) WHERE id = ?',
  );
  const clusterOf = db.prepare('SELECT cluster_id FROM items WHERE id = ?').pluck();
  const counts = db.prepare(`SELECT c.id, c.items, c.exact_reposts AS exactReposts,
      (SELECT min(sort_at) FROM items WHERE cluster_id = c.id) AS firstSeenAt,
      max((SELECT max(sort_at) FROM items WHERE cluster_id = c.id),
          coalesce((SELECT max(a.seen_at) FROM item_aliases a JOIN items i ON i.id = a.item_id WHERE i.cluster_id = c.id), '')) AS lastSeenAt
    FROM clusters c WHERE c.id = ?`);
  const members = db.prepare(`SELECT i.id, i.title, i.url, i.source_id AS sourceId, s.name AS sourceName,
      i.published_at AS publishedAt, i.collected_at AS collectedAt
    FROM items i JOIN sources s ON s.id = i.source_id
    WHERE i.cluster_id = ? ORDER BY i.sort_at, i.id LIMIT ?`);
  const exactReposts = db.prepare(`SELECT a.item_id AS itemId, a.url, a.source_id AS sourceId, s.name AS sourceName,
      a.seen_at AS seenAt
    FROM item_aliases a JOIN items i ON i.id = a.item_id LEFT JOIN sources s ON s.id = a.source_id
    WHERE i.cluster_id = ? AND a.item_id IN (SELECT value FROM json_each(?))
    ORDER BY a.seen_at, a.url LIMIT ?`);
  // Aliases carry only the UTC time they were seen; +8 hours gives their Asia/Shanghai day (no DST).
  const perDay = db.prepare(`SELECT day, sum(items) AS items, sum(exactReposts) AS exactReposts FROM (
      SELECT day, count(*) AS items, 0 AS exactReposts FROM items WHERE cluster_id = ? GROUP BY day
      UNION ALL
      SELECT date(a.seen_at, '+8 hours') AS day, 0, count(*) FROM item_aliases a JOIN items i ON i.id = a.item_id
        WHERE i.cluster_id = ? GROUP BY 1
    ) GROUP BY day ORDER BY day`);

  return {
    /**
     * The signatures stored under `scheme` for items from `fromId` on (skipping "too short" markers),
     * oldest first, streamed: a start-up never holds every blob at once.
     */
    *iterateSignatures(scheme: string, fromId: number): Generator<StoredSignature> {
      const rows = db
        .prepare(
          `SELECT item_id AS itemId, signature FROM item_signatures
           WHERE item_id >= ? AND scheme = ? AND length(signature) > 0 ORDER BY item_id`,
        )
        .iterate(fromId, scheme) as IterableIterator<StoredSignature>;
      yield* rows;
    },

    /** The lowest id among the newest `count` items (0 when there are none): where the index's window starts. */
    windowStart(count: number): number {
      return (db.prepare('SELECT min(id) FROM (SELECT id FROM items ORDER BY id DESC LIMIT ?)').pluck().get(count) as number | null) ?? 0;
    },

    /**
     * Empties the signatures of items before `itemId`: the index no longer holds them, so the bytes
     * are dead weight. The row stays, under the scheme "pruned", to record that the item was clustered
     * (a missing row means "stored before clustering existed").
     */
    pruneSignatures(itemId: number): number {
      return db
        .prepare(`UPDATE item_signatures SET scheme = 'pruned', signature = x'' WHERE item_id < ? AND scheme <> 'pruned'`)
        .run(itemId).changes;
    },

    /** Items after `afterId` with no signature under `scheme`, in id order, a page at a time. */
    listUnsigned(scheme: string, afterId: number, limit: number): UnsignedItem[] {
      const rows = db
        .prepare(
          `SELECT i.id, i.title, i.body, s.item_id IS NOT NULL AS stale
           FROM items i LEFT JOIN item_signatures s ON s.item_id = i.id
           WHERE i.id > ? AND (s.item_id IS NULL OR s.scheme <> ?) ORDER BY i.id LIMIT ?`,
        )
        .all(afterId, scheme, limit) as (Omit<UnsignedItem, 'stale'> & { stale: number })[];
      return rows.map((r) => ({ ...r, stale: r.stale === 1 }));
    },

    saveSignature(itemId: number, scheme: string, signature: Uint8Array): void {
      saveSignature.run(itemId, scheme, Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength));
    },

    joinCluster(itemId: number, similarTo: number | null): void {
      joinCluster.run(similarTo, itemId);
    },

    /** Runs fn in one transaction (a savepoint when already inside one). */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },

    clusterOfItem(itemId: number): number | null | undefined {
      return clusterOf.get(itemId) as number | null | undefined;
    },

    getCounts(clusterId: number): ClusterCounts | null {
      return (counts.get(clusterId) as ClusterCounts | undefined) ?? null;
    },

    /** Members oldest first (by published time, else collection time). */
    listMembers(clusterId: number, limit: number): ClusterMemberRow[] {
      return members.all(clusterId, limit) as ClusterMemberRow[];
    },

    /** Exact reposts (aliases) of the given members, the first `limit` in the order they were seen. */
    listExactReposts(clusterId: number, itemIds: number[], limit: number): ExactRepostRow[] {
      if (itemIds.length === 0) return [];
      return exactReposts.all(clusterId, JSON.stringify(itemIds), limit) as ExactRepostRow[];
    },

    /** Members and exact reposts per Asia/Shanghai day, oldest day first (days without any omitted). */
    countByDay(clusterId: number): ClusterDayRow[] {
      return perDay.all(clusterId, clusterId) as ClusterDayRow[];
    },
  };
}

export type ClustersRepo = ReturnType<typeof createClustersRepo>;
