import type { Db } from '../db/open-database';

export type TrendDim = 'all' | 'source' | 'kind' | 'tag' | 'sentiment' | 'topic' | 'topic-sentiment';

/** 'YYYY-MM-DDTHH' of a UTC ISO instant: the rollup's bucket. */
export const hourKey = (iso: string) => iso.slice(0, 13);

/**
 * The hourly rollup (migration 0011): recomputes the hours triggers marked dirty, then answers
 * counts per hour from it. Recomputing one hour reads only that hour's items through the sort_at index.
 */
export function createTrendsRepo(db: Db) {
  const dirty = db.prepare('SELECT hour FROM trend_dirty ORDER BY hour LIMIT ?').pluck();
  const clearDirty = db.prepare('DELETE FROM trend_dirty WHERE hour = ?');
  const clearHour = db.prepare('DELETE FROM trend_hourly WHERE hour = ?');
  // One statement per dimension; each reads the hour's items by the sort_at range.
  const range = `i.sort_at >= @from AND i.sort_at < @to`;
  const fill = [
    `SELECT 'all', @hour, '', count(*) FROM items i WHERE ${range} HAVING count(*) > 0`,
    `SELECT 'source', @hour, i.source_id, count(*) FROM items i WHERE ${range} GROUP BY i.source_id`,
    `SELECT 'kind', @hour, i.kind, count(*) FROM items i WHERE ${range} GROUP BY i.kind`,
    `SELECT 'sentiment', @hour, i.sentiment, count(*) FROM items i WHERE ${range} AND i.sentiment IS NOT NULL GROUP BY i.sentiment`,
    `SELECT 'tag', @hour, t.tag, count(*) FROM items i JOIN item_tags t ON t.item_id = i.id WHERE ${range} GROUP BY t.tag`,
    `SELECT 'topic', @hour, it.topic_id, count(*) FROM items i JOIN item_topics it ON it.item_id = i.id WHERE ${range} GROUP BY it.topic_id`,
    `SELECT 'topic-sentiment', @hour, it.topic_id || ':' || i.sentiment, count(*) FROM items i JOIN item_topics it ON it.item_id = i.id
       WHERE ${range} AND i.sentiment IS NOT NULL GROUP BY it.topic_id, i.sentiment`,
  ].map((sql) => db.prepare(`INSERT INTO trend_hourly (dim, hour, key, n) ${sql}`));

  const recompute = db.transaction((hours: string[]) => {
    for (const hour of hours) {
      const from = `${hour}:00:00.000Z`;
      const to = new Date(Date.parse(from) + 3_600_000).toISOString();
      clearHour.run(hour);
      for (const stmt of fill) stmt.run({ hour, from, to });
      clearDirty.run(hour);
    }
  });

  const anyDirty = db.prepare('SELECT EXISTS (SELECT 1 FROM trend_dirty)').pluck();

  return {
    /** True when some hour awaits recomputation (something changed since the last refresh). */
    hasDirty(): boolean {
      return anyDirty.get() === 1;
    },
    /** Brings the rollup up to date; returns the number of hours recomputed. */
    refresh(batch = 500): number {
      let total = 0;
      for (;;) {
        const hours = dirty.all(batch) as string[];
        if (hours.length === 0) return total;
        recompute(hours);
        total += hours.length;
      }
    },
    /** Counts per hour and key of one dimension, hours in [fromHour, toHour). */
    counts(dim: TrendDim, fromHour: string, toHour: string, keyPrefix?: string): { hour: string; key: string; n: number }[] {
      if (keyPrefix !== undefined) {
        return db
          .prepare('SELECT hour, key, n FROM trend_hourly WHERE dim = ? AND hour >= ? AND hour < ? AND substr(key, 1, ?) = ?')
          .all(dim, fromHour, toHour, keyPrefix.length, keyPrefix) as { hour: string; key: string; n: number }[];
      }
      return db
        .prepare('SELECT hour, key, n FROM trend_hourly WHERE dim = ? AND hour >= ? AND hour < ?')
        .all(dim, fromHour, toHour) as { hour: string; key: string; n: number }[];
    },
    /** Display names of sources and topics. */
    labels(): { sources: Map<string, string>; topics: Map<string, string> } {
      const pairs = (sql: string) => new Map((db.prepare(sql).all() as { k: string; v: string }[]).map((r) => [String(r.k), r.v]));
      return { sources: pairs('SELECT id AS k, name AS v FROM sources'), topics: pairs('SELECT id AS k, name AS v FROM topics') };
    },
    /** Known rumours confirmed, and first rebuttals published, per hour (small tables, read directly). */
    rumourClock(fromIso: string, toIso: string): { found: { hour: string; n: number }[]; rebutted: { hour: string; n: number }[] } {
      const found = db
        .prepare(
          `SELECT substr(confirmed_at, 1, 13) AS hour, count(*) AS n FROM rumour_library
           WHERE merged_into IS NULL AND confirmed_at >= ? AND confirmed_at < ? GROUP BY hour`,
        )
        .all(fromIso, toIso) as { hour: string; n: number }[];
      const rebutted = db
        .prepare(
          `SELECT substr(first, 1, 13) AS hour, count(*) AS n FROM (
             SELECT min(r.published_at) AS first FROM rebuttal_claims rc JOIN rebuttals r ON r.id = rc.rebuttal_id
             JOIN rumour_library l ON l.id = rc.library_id WHERE l.merged_into IS NULL GROUP BY rc.library_id)
           WHERE first >= ? AND first < ? GROUP BY hour`,
        )
        .all(fromIso, toIso) as { hour: string; n: number }[];
      return { found, rebutted };
    },
  };
}

export type TrendsRepo = ReturnType<typeof createTrendsRepo>;
