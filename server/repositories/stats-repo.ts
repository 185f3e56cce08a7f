import type { Db } from '../db/open-database';
import { createChangeCache } from './change-version';

/**
 * Aggregates over items, straight from SQLite (indexed by day). Each is a scan of a day range or of a
 * whole tag, asked by every dashboard page: answers are reused until the database next changes.
 */
export function createStatsRepo(db: Db) {
  const cached = createChangeCache(db);
  const repo = {
    countByDay(fromDay: string): { day: string; n: number }[] {
      return db
        .prepare('SELECT day, count(*) AS n FROM items WHERE day >= ? GROUP BY day')
        .all(fromDay) as { day: string; n: number }[];
    },
    countByDayAndTag(fromDay: string): { day: string; key: string; n: number }[] {
      return db
        .prepare(
          `SELECT i.day AS day, t.tag AS key, count(*) AS n FROM items i JOIN item_tags t ON t.item_id = i.id
           WHERE i.day >= ? GROUP BY i.day, t.tag`,
        )
        .all(fromDay) as { day: string; key: string; n: number }[];
    },
    countByDayAndSource(fromDay: string): { day: string; key: string; label: string; n: number }[] {
      return db
        .prepare(
          `SELECT i.day AS day, i.source_id AS key, s.name AS label, count(*) AS n
           FROM items i JOIN sources s ON s.id = i.source_id
           WHERE i.day >= ? GROUP BY i.day, i.source_id`,
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
