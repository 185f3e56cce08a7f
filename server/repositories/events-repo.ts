import type { Db } from '../db/open-database';

export interface EventRow {
  id: number;
  recent: number;
  previous: number;
}

export interface EventDetailRow {
  id: number;
  size: number;
  first_seen: string;
  last_seen: string;
  title: string;
  body: string;
  source_count: number;
  /** JSON array of up to five source names. */
  sources: string;
}

/** Events are near-duplicate clusters that grew in a window: how much, since when, from where. */
export function createEventsRepo(db: Db) {
  const growing = db.prepare(`
    SELECT cluster_id AS id, sum(sort_at >= @mid) AS recent, sum(sort_at < @mid) AS previous
    FROM items WHERE sort_at >= @from AND sort_at < @to AND cluster_id IS NOT NULL
    GROUP BY cluster_id HAVING sum(sort_at >= @mid) >= @min`);
  const perCluster = db.prepare(`
    SELECT cluster_id AS id, count(*) AS n FROM items
    WHERE sort_at >= ? AND sort_at < ? AND cluster_id IS NOT NULL GROUP BY cluster_id`);
  const detail = db.prepare(`
    SELECT c.id, c.items + c.exact_reposts AS size,
      (SELECT sort_at FROM items WHERE cluster_id = c.id ORDER BY sort_at LIMIT 1) AS first_seen,
      (SELECT sort_at FROM items WHERE cluster_id = c.id ORDER BY sort_at DESC LIMIT 1) AS last_seen,
      f.title, substr(f.body, 1, 200) AS body,
      (SELECT count(DISTINCT source_id) FROM items WHERE cluster_id = c.id) AS source_count,
      (SELECT json_group_array(name) FROM (SELECT DISTINCT s.name FROM items i JOIN sources s ON s.id = i.source_id
         WHERE i.cluster_id = c.id LIMIT 5)) AS sources
    FROM clusters c JOIN items f ON f.id = c.id WHERE c.id = ?`);
  return {
    /**
     * Clusters with at least `min` items in [mid, to), with their counts there and in [from, mid), in
     * one statement: the reference the per-hour sums (insight-hours.ts) are tested against.
     */
    growing(fromIso: string, midIso: string, toIso: string, min: number): EventRow[] {
      return growing.all({ from: fromIso, mid: midIso, to: toIso, min }) as EventRow[];
    },
    /** Items per cluster in [fromIso, toIso) (the insights sum these per hour). */
    perCluster(fromIso: string, toIso: string): { id: number; n: number }[] {
      return perCluster.all(fromIso, toIso) as { id: number; n: number }[];
    },
    detail(id: number): EventDetailRow | null {
      return (detail.get(id) as EventDetailRow | undefined) ?? null;
    },
  };
}

export type EventsRepo = ReturnType<typeof createEventsRepo>;
