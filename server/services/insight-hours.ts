import type { EventRow, EventsRepo } from '../repositories/events-repo';
import type { KeywordsRepo } from '../repositories/keywords-repo';
import { hourKey } from '../repositories/trends-repo';
import { createHourSums, HOUR_MS, hourCounts } from './hour-sums';

/**
 * A closed hour is read again when its item count moves; this bounds what that misses (an item
 * deleted and another collected late into the same hour).
 */
const CLOSED_HOUR_TTL_MS = 60 * 60_000;
/** Hot words read up to 336 + 168 hours back, events 2 × 336: four weeks and a margin. */
const MAX_HOURS = 800;
/** Interned words beyond this: start over (new words keep arriving; ids must not grow without end). */
const MAX_WORDS = 1_000_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** Items in the hour starting at startMs: a closed hour whose count moved is read again. */
export type ItemsInHour = (startMs: number) => number;

/** Keyword counts over whole-hour windows, summed in memory from per-hour counts (hour-sums.ts). */
export function createKeywordHours(keywords: KeywordsRepo, itemsInHour: ItemsInHour, now: () => number) {
  const ids = new Map<string, number>();
  const words: string[] = [];
  const intern = (word: string): number => {
    let id = ids.get(word);
    if (id === undefined) {
      id = words.length;
      ids.set(word, id);
      words.push(word);
    }
    return id;
  };
  const sums = createHourSums({
    load: (startMs) => hourCounts(keywords.hour(hourKey(iso(startMs))).map((r) => ({ id: intern(r.word), n: r.n }))),
    version: itemsInHour,
    closedTtlMs: CLOSED_HOUR_TTL_MS,
    maxHours: MAX_HOURS,
    now,
  });
  return {
    /** Items per keyword over [fromMs, toMs) (on the hour). */
    window(fromMs: number, toMs: number): Map<string, number> {
      if (words.length > MAX_WORDS) {
        sums.clear();
        ids.clear();
        words.length = 0;
      }
      // Indexed by word id: half a million additions into a typed array take a few milliseconds.
      let totals = new Int32Array(Math.max(1024, words.length));
      const seen: number[] = [];
      sums.forEach(fromMs, toMs, (id, n) => {
        if (id >= totals.length) {
          const grown = new Int32Array(Math.max(id + 1, totals.length * 2));
          grown.set(totals);
          totals = grown;
        }
        if (totals[id] === 0) seen.push(id);
        totals[id] = totals[id]! + n;
      });
      return new Map(seen.map((id) => [words[id]!, totals[id]!]));
    },
  };
}

/** Clusters that grew in a window, from per-hour cluster counts (hour-sums.ts). */
export function createClusterHours(events: EventsRepo, itemsInHour: ItemsInHour, now: () => number) {
  const sums = createHourSums({
    load: (startMs) => hourCounts(events.perCluster(iso(startMs), iso(startMs + HOUR_MS))),
    version: itemsInHour,
    closedTtlMs: CLOSED_HOUR_TTL_MS,
    maxHours: MAX_HOURS,
    now,
  });
  return {
    /**
     * Clusters with at least `min` items in [midMs, toMs), with their counts there and in
     * [fromMs, midMs): what EventsRepo.growing answers in one statement.
     */
    growing(fromMs: number, midMs: number, toMs: number, min: number): EventRow[] {
      const recent = new Map<number, number>();
      sums.forEach(midMs, toMs, (id, n) => recent.set(id, (recent.get(id) ?? 0) + n));
      const rows = new Map<number, EventRow>();
      for (const [id, n] of recent) if (n >= min) rows.set(id, { id, recent: n, previous: 0 });
      sums.forEach(fromMs, midMs, (id, n) => {
        const row = rows.get(id);
        if (row) row.previous += n;
      });
      return [...rows.values()];
    },
  };
}
