import type { EventRow, EventsRepo } from '../repositories/events-repo';
import type { KeywordsRepo } from '../repositories/keywords-repo';
import { hourKey } from '../repositories/trends-repo';
import { selectTop } from '../lib/select-top';
import { createHourSums, createInterner, HOUR_MS, hourCounts, sumDense, totalOf, type HourSums } from './hour-sums';

/**
 * A closed hour is read again when its item count moves; this bounds what that misses (an item
 * deleted and another collected late into the same hour).
 */
const CLOSED_HOUR_TTL_MS = 60 * 60_000;
/** Hot words read up to 336 + 168 hours back, events 2 × 336: four weeks and a margin. */
const MAX_HOURS = 800;
/**
 * New words and clusters keep coming, so interned ids would grow without end: once there are more
 * than this many and over twice as many as the kept hours still hold, start over.
 */
const MIN_KEYS_BEFORE_RESET = 1_000_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** Drops the interned ids, and the hours holding them, when most of them no longer occur. Returns whether it did. */
export function resetIfMostlyDead(
  interner: { size(): number; reset(): void },
  sums: Pick<HourSums, 'entries' | 'clear'>,
  minKeys = MIN_KEYS_BEFORE_RESET,
): boolean {
  const n = interner.size();
  if (n <= minKeys || n <= 2 * sums.entries()) return false;
  sums.clear();
  interner.reset();
  return true;
}

/** Items per hour over [fromMs, toMs), keyed by the hour's start: a closed hour whose count moved is read again. */
export type ItemsPerHour = (fromMs: number, toMs: number) => Map<number, number>;

/** Keyword counts over whole-hour windows, summed in memory from per-hour counts (hour-sums.ts). */
export function createKeywordHours(keywords: KeywordsRepo, itemsPerHour: ItemsPerHour, now: () => number) {
  const words = createInterner<string>();
  const sums = createHourSums({
    load: (startMs) => hourCounts(keywords.hour(hourKey(iso(startMs))).map((r) => ({ id: words.id(r.word), n: r.n }))),
    versions: itemsPerHour,
    closedTtlMs: CLOSED_HOUR_TTL_MS,
    maxHours: MAX_HOURS,
    now,
  });
  return {
    /** Items per keyword over [fromMs, toMs) (on the hour), and items in all. */
    window(fromMs: number, toMs: number): { counts: Map<string, number>; docs: number } {
      resetIfMostlyDead(words, sums);
      const read = sums.read(fromMs, toMs);
      const { totals, touched } = sumDense(read.hours);
      return { counts: new Map(touched.map((id) => [words.key(id), totals[id]!])), docs: read.items };
    },
  };
}

/** A growing cluster, with its items per hour over the recent window. */
export interface RankedCluster extends EventRow {
  curve: number[];
}

/** Clusters that grew in a window, from per-hour cluster counts (hour-sums.ts). */
export function createClusterHours(events: EventsRepo, itemsPerHour: ItemsPerHour, now: () => number) {
  const clusters = createInterner<number>();
  const sums = createHourSums({
    load: (startMs) => hourCounts(events.perCluster(iso(startMs), iso(startMs + HOUR_MS)).map((r) => ({ id: clusters.id(r.id), n: r.n }))),
    versions: itemsPerHour,
    closedTtlMs: CLOSED_HOUR_TTL_MS,
    maxHours: MAX_HOURS,
    now,
  });

  /** Dense ids with at least `min` items in [midMs, toMs), with both windows' totals. */
  function grown(fromMs: number, midMs: number, toMs: number, min: number) {
    resetIfMostlyDead(clusters, sums);
    const recentHours = sums.read(midMs, toMs).hours;
    const recent = sumDense(recentHours);
    const previous = sumDense(sums.read(fromMs, midMs).hours, recent.totals.length);
    const ids = recent.touched.filter((id) => recent.totals[id]! >= min);
    return { ids, recent, previous, recentHours };
  }

  return {
    /**
     * Clusters with at least `min` items in [midMs, toMs), with their counts there and in
     * [fromMs, midMs): what EventsRepo.growing answers in one statement.
     */
    growing(fromMs: number, midMs: number, toMs: number, min: number): EventRow[] {
      const { ids, recent, previous } = grown(fromMs, midMs, toMs, min);
      return ids.map((id) => ({ id: clusters.key(id), recent: recent.totals[id]!, previous: totalOf(previous, id) }));
    },

    /**
     * The `k` growing clusters that score highest (ties: more recent items, then the older cluster),
     * best first, each with its items per hour over [midMs, toMs).
     */
    top(fromMs: number, midMs: number, toMs: number, min: number, k: number, score: (recent: number, previous: number) => number): RankedCluster[] {
      const { ids, recent, previous, recentHours } = grown(fromMs, midMs, toMs, min);
      const rows = ids.map((id) => {
        const r = recent.totals[id]!;
        const p = totalOf(previous, id);
        return { dense: id, id: clusters.key(id), recent: r, previous: p, score: score(r, p) };
      });
      const best = selectTop(rows, k, (a, b) => b.score - a.score || b.recent - a.recent || a.id - b.id);
      // The curves, from the same hours read once: another pass over them for the chosen few.
      const slot = new Int16Array(recent.totals.length).fill(-1);
      best.forEach((r, i) => (slot[r.dense] = i));
      const curves = best.map(() => new Array<number>(recentHours.length).fill(0));
      recentHours.forEach(({ ids, counts }, h) => {
        for (let j = 0; j < ids.length; j++) {
          const id = ids[j]!;
          const i = id < slot.length ? slot[id]! : -1;
          if (i < 0) continue;
          const curve = curves[i]!;
          curve[h] = curve[h]! + counts[j]!;
        }
      });
      return best.map((r, i) => ({ id: r.id, recent: r.recent, previous: r.previous, curve: curves[i]! }));
    },
  };
}
