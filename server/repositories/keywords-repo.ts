import type { Db } from '../db/open-database';
import { hourKey } from './trends-repo';

/** Keyword document frequencies per hour, and the near-duplicate clusters that make up events. */
export function createKeywordsRepo(db: Db) {
  const bump = db.prepare(`INSERT INTO keyword_hourly (hour, word, n) VALUES (?, ?, 1)
    ON CONFLICT (hour, word) DO UPDATE SET n = n + 1`);
  const windowCounts = db.prepare('SELECT word, sum(n) AS n FROM keyword_hourly WHERE hour >= ? AND hour < ? GROUP BY word');
  const docs = db.prepare(`SELECT coalesce(sum(n), 0) FROM trend_hourly WHERE dim = 'all' AND hour >= ? AND hour < ?`).pluck();
  return {
    /** Called inside the item's insert transaction. */
    record(words: readonly string[], sortAt: string): void {
      const hour = hourKey(sortAt);
      for (const w of words) bump.run(hour, w);
    },
    /** Items per keyword, and items in all, over [fromIso, toIso). */
    window(fromIso: string, toIso: string): { counts: Map<string, number>; docs: number } {
      const from = hourKey(fromIso);
      const to = hourKey(toIso);
      const counts = new Map<string, number>();
      for (const r of windowCounts.all(from, to) as { word: string; n: number }[]) counts.set(r.word, r.n);
      return { counts, docs: docs.get(from, to) as number };
    },
  };
}

export type KeywordsRepo = ReturnType<typeof createKeywordsRepo>;
