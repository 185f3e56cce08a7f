import type { Db } from '../db/open-database';
import { freshnessOf, mayServeStale } from './change-version';
import { shanghaiDay, shanghaiDayStart } from '../lib/time';

export type TrendDim = 'all' | 'source' | 'kind' | 'tag' | 'sentiment' | 'topic' | 'topic-sentiment';

/** 'YYYY-MM-DDTHH' of a UTC ISO instant: the rollup's bucket. */
export const hourKey = (iso: string) => iso.slice(0, 13);

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const hourMs = (hour: string) => Date.parse(`${hour}:00:00.000Z`);
const firstHours = new Map<string, string>();
/** The first UTC hour of an Asia/Shanghai day (memoised: a year of days is read per request). */
function dayFirstHour(day: string): string {
  let h = firstHours.get(day);
  if (h === undefined) {
    h = hourKey(shanghaiDayStart(day).toISOString());
    if (firstHours.size > 20_000) firstHours.clear();
    firstHours.set(day, h);
  }
  return h;
}

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

  const clearDay = db.prepare('DELETE FROM trend_daily WHERE day = ?');
  const fillDay = db.prepare(
    `INSERT INTO trend_daily (dim, day, key, n) SELECT dim, @day, key, sum(n) FROM trend_hourly WHERE hour >= @from AND hour < @to GROUP BY dim, key`,
  );

  const recompute = db.transaction((hours: string[]) => {
    const days = new Set<string>();
    for (const hour of hours) {
      const from = `${hour}:00:00.000Z`;
      const to = new Date(Date.parse(from) + HOUR_MS).toISOString();
      clearHour.run(hour);
      for (const stmt of fill) stmt.run({ hour, from, to });
      clearDirty.run(hour);
      days.add(shanghaiDay(from));
    }
    for (const day of days) {
      const from = dayFirstHour(day);
      clearDay.run(day);
      fillDay.run({ day, from, to: hourKey(new Date(hourMs(from) + DAY_MS).toISOString()) });
    }
  });

  type Row = { hour: string; key: string; n: number };
  const hourlyAll = db.prepare('SELECT hour, key, n FROM trend_hourly WHERE dim = ? AND hour >= ? AND hour < ?');
  const hourlyPrefixed = db.prepare('SELECT hour, key, n FROM trend_hourly WHERE dim = ? AND hour >= ? AND hour < ? AND substr(key, 1, ?) = ?');
  const dailyAll = db.prepare('SELECT day, key, n FROM trend_daily WHERE dim = ? AND day >= ? AND day < ?');
  const dailyPrefixed = db.prepare('SELECT day, key, n FROM trend_daily WHERE dim = ? AND day >= ? AND day < ? AND substr(key, 1, ?) = ?');

  // substr(key, 1, 0) = '' holds for every key: no prefix means every key.
  const hourlySum = db.prepare(
    'SELECT key, sum(n) AS n FROM trend_hourly WHERE dim = ? AND hour >= ? AND hour < ? AND substr(key, 1, ?) = ? GROUP BY key',
  );
  const dailySum = db.prepare('SELECT key, sum(n) AS n FROM trend_daily WHERE dim = ? AND day >= ? AND day < ? AND substr(key, 1, ?) = ? GROUP BY key');

  function hourly(dim: TrendDim, fromHour: string, toHour: string, keyPrefix?: string): Row[] {
    if (fromHour >= toHour) return [];
    if (keyPrefix !== undefined) return hourlyPrefixed.all(dim, fromHour, toHour, keyPrefix.length, keyPrefix) as Row[];
    return hourlyAll.all(dim, fromHour, toHour) as Row[];
  }

  /** Whole days' rows, each reported at its day's first UTC hour (so bucketing by day places it right). */
  function daily(dim: TrendDim, fromDay: string, toDay: string, keyPrefix?: string): { hour: string; key: string; n: number }[] {
    if (fromDay >= toDay) return [];
    const rows = (
      keyPrefix !== undefined ? dailyPrefixed.all(dim, fromDay, toDay, keyPrefix.length, keyPrefix) : dailyAll.all(dim, fromDay, toDay)
    ) as { day: string; key: string; n: number }[];
    return rows.map((r) => ({ hour: dayFirstHour(r.day), key: r.key, n: r.n }));
  }

  const anyDirty = db.prepare('SELECT EXISTS (SELECT 1 FROM trend_dirty)').pluck();
  // Ingest marks the current hour dirty with every batch, and recomputing it reads all of its items:
  // under the stale tolerance (change-version.ts) it is recomputed at most that often.
  const freshness = freshnessOf(db);
  let refreshedAtMs = -Infinity;
  let refreshedEpoch = -1;

  return {
    /** True when some hour awaits recomputation (something changed since the last refresh). */
    hasDirty(): boolean {
      return anyDirty.get() === 1;
    },
    /** Brings the rollup up to date; returns the number of hours recomputed. */
    refresh(batch = 500): number {
      const nowMs = Date.now();
      if (mayServeStale(freshness, refreshedAtMs, refreshedEpoch, nowMs)) return 0;
      refreshedAtMs = nowMs;
      refreshedEpoch = freshness.epoch;
      let total = 0;
      for (;;) {
        const hours = dirty.all(batch) as string[];
        if (hours.length === 0) return total;
        recompute(hours);
        total += hours.length;
      }
    },
    /**
     * Counts per key of one dimension over hours [fromHour, toHour). With `wholeDays`, the whole
     * Asia/Shanghai days inside the range come from the daily table, each reported at its first
     * hour — right for day buckets and totals, not for hour buckets.
     */
    counts(dim: TrendDim, fromHour: string, toHour: string, keyPrefix?: string, wholeDays = false): { hour: string; key: string; n: number }[] {
      if (!wholeDays) return hourly(dim, fromHour, toHour, keyPrefix);
      const fromMs = hourMs(fromHour);
      const toMs = hourMs(toHour);
      const startDay = shanghaiDay(fromMs);
      const firstFull = dayFirstHour(startDay) === fromHour ? startDay : shanghaiDay(fromMs + DAY_MS);
      const endDay = shanghaiDay(toMs); // days before endDay end at or before toHour
      const firstFullHour = dayFirstHour(firstFull);
      const endDayHour = dayFirstHour(endDay);
      if (firstFull >= endDay) return hourly(dim, fromHour, toHour, keyPrefix);
      return [
        ...hourly(dim, fromHour, firstFullHour, keyPrefix),
        ...daily(dim, firstFull, endDay, keyPrefix),
        ...hourly(dim, endDayHour, toHour, keyPrefix),
      ];
    },
    /** Totals per key over hours [fromHour, toHour): summed in SQL, whole days read from the daily table. */
    sums(dim: TrendDim, fromHour: string, toHour: string, keyPrefix?: string): Map<string, number> {
      const out = new Map<string, number>();
      const add = (rows: { key: string; n: number }[]) => {
        for (const r of rows) out.set(r.key, (out.get(r.key) ?? 0) + r.n);
      };
      const prefix = keyPrefix ?? '';
      const sumHours = (from: string, to: string) => {
        if (from < to) add(hourlySum.all(dim, from, to, prefix.length, prefix) as { key: string; n: number }[]);
      };
      const fromMs = hourMs(fromHour);
      const startDay = shanghaiDay(fromMs);
      const firstFull = dayFirstHour(startDay) === fromHour ? startDay : shanghaiDay(fromMs + DAY_MS);
      const endDay = shanghaiDay(hourMs(toHour));
      if (firstFull >= endDay) {
        sumHours(fromHour, toHour);
        return out;
      }
      sumHours(fromHour, dayFirstHour(firstFull));
      add(dailySum.all(dim, firstFull, endDay, prefix.length, prefix) as { key: string; n: number }[]);
      sumHours(dayFirstHour(endDay), toHour);
      return out;
    },
    /** Items per topic in all and since `sinceHour`, from the rollup (call refresh first). */
    topicCounts(sinceHour: string): Map<number, { total: number; recent: number }> {
      const out = new Map<number, { total: number; recent: number }>();
      for (const r of db.prepare(`SELECT key, sum(n) AS n FROM trend_daily WHERE dim = 'topic' GROUP BY key`).all() as { key: string; n: number }[]) {
        out.set(Number(r.key), { total: r.n, recent: 0 });
      }
      const recent = db.prepare(`SELECT key, sum(n) AS n FROM trend_hourly WHERE dim = 'topic' AND hour >= ? GROUP BY key`).all(sinceHour) as {
        key: string;
        n: number;
      }[];
      for (const r of recent) {
        const entry = out.get(Number(r.key));
        if (entry) entry.recent = r.n;
      }
      return out;
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
