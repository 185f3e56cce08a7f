import type { Db } from '../db/open-database';
import { hourKey } from './trends-repo';

/** Keyword document frequencies per hour, and the near-duplicate clusters that make up events. */
export function createKeywordsRepo(db: Db) {
  const bump = db.prepare(`INSERT INTO keyword_hourly (hour, word, n) VALUES (?, ?, 1)
    ON CONFLICT (hour, word) DO UPDATE SET n = n + 1`);
  const hourCounts = db.prepare('SELECT word, n FROM keyword_hourly WHERE hour = ?');
  const perHour = db.prepare(`SELECT hour, n FROM trend_hourly WHERE dim = 'all' AND key = '' AND hour >= ? AND hour < ?`);
  return {
    /** Called inside the item's insert transaction. */
    record(words: readonly string[], sortAt: string): void {
      const hour = hourKey(sortAt);
      for (const w of words) bump.run(hour, w);
    },
    /** Items per keyword in one hour ('YYYY-MM-DDTHH', UTC). */
    hour(hour: string): { word: string; n: number }[] {
      return hourCounts.all(hour) as { word: string; n: number }[];
    },
    /** Items per hour over [fromIso, toIso) (whole hours), keyed by the hour's start in ms. */
    itemsPerHour(fromIso: string, toIso: string): Map<number, number> {
      const rows = perHour.all(hourKey(fromIso), hourKey(toIso)) as { hour: string; n: number }[];
      return new Map(rows.map((r) => [Date.parse(`${r.hour}:00:00Z`), r.n]));
    },
  };
}

export type KeywordsRepo = ReturnType<typeof createKeywordsRepo>;
