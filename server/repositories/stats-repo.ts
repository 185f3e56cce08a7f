import type { Db } from '../db/open-database';
import { createChangeCache } from './change-version';
import type { TrendsRepo } from './trends-repo';

/**
 * Aggregates over items for the overview: counts, and per-day series read from the trend rollup. Each is
 * asked by every dashboard page: answers are reused until the database next changes (see change-version.ts).
 */
export function createStatsRepo(db: Db, rollup: Pick<TrendsRepo, 'refresh'>) {
  const cached = createChangeCache(db);
  const repo = {
    // Per-day series come from the daily trend rollup (0011/0021: new items are counted into it as
    // they are stored; `refresh` recomputes hours that changed since): a month reads a few hundred
    // small rows instead of every item of the month. items.day and trend_daily.day are both the
    // Asia/Shanghai day of sort_at.
    countByDay(fromDay: string): { day: string; n: number }[] {
      rollup.refresh();
      return db.prepare(`SELECT day, n FROM trend_daily WHERE dim = 'all' AND day >= ?`).all(fromDay) as { day: string; n: number }[];
    },
    countByDayAndTag(fromDay: string): { day: string; key: string; n: number }[] {
      rollup.refresh();
      return db.prepare(`SELECT day, key, n FROM trend_daily WHERE dim = 'tag' AND day >= ?`).all(fromDay) as { day: string; key: string; n: number }[];
    },
    countByDayAndSource(fromDay: string): { day: string; key: string; label: string; n: number }[] {
      rollup.refresh();
      return db
        .prepare(
          `SELECT d.day AS day, d.key AS key, s.name AS label, d.n AS n
           FROM trend_daily d JOIN sources s ON s.id = d.key
           WHERE d.dim = 'source' AND d.day >= ?`,
        )
        .all(fromDay) as { day: string; key: string; label: string; n: number }[];
    },
    overviewCounts(today: string) {
      const one = (sql: string, ...p: unknown[]) => db.prepare(sql).pluck().get(...p) as number;
      return {
        items: one('SELECT count(*) FROM items'),
        itemsToday: one('SELECT count(*) FROM items WHERE day = ?', today),
        rumorSuspect: one(`SELECT count(*) FROM item_tags WHERE tag = 'rumor-suspect'`),
        rebuttals: one(`SELECT count(*) FROM item_tags WHERE tag = 'rebuttal'`),
        awaitingReview: one(
          `SELECT count(*) FROM item_tags t LEFT JOIN reviews r ON r.item_id = t.item_id
           WHERE t.tag = 'rumor-suspect' AND (r.item_id IS NULL OR r.status IN ('new', 'needs-verification'))`,
        ),
        confirmedRumors: one(`SELECT count(*) FROM reviews WHERE status = 'confirmed-rumor'`),
        sources: one('SELECT count(*) FROM sources WHERE enabled = 1'),
      };
    },
  };
  return {
    countByDay: (fromDay: string) => cached(`day:${fromDay}`, () => repo.countByDay(fromDay)),
    countByDayAndTag: (fromDay: string) => cached(`tag:${fromDay}`, () => repo.countByDayAndTag(fromDay)),
    countByDayAndSource: (fromDay: string) => cached(`source:${fromDay}`, () => repo.countByDayAndSource(fromDay)),
    overviewCounts: (today: string) => cached(`overview:${today}`, () => repo.overviewCounts(today)),
  };
}

export type StatsRepo = ReturnType<typeof createStatsRepo>;
