/**
 * Counts per whole hour (keyword → items, cluster → items), read from the database once per hour and
 * summed over any window in memory. Hot words and events ask for windows of 1 to 336 hours ending
 * now; summing them in SQL read every row of the window again for every width (a two-week window was
 * ~470,000 keyword rows, 130 ms), while here every window shares the same hours and a sum is a loop
 * over small arrays.
 *
 * Hours that have closed change only when a post published back then is collected late (or an item
 * is deleted): a kept hour is read again when its `version` (the number of items in it) moved, and
 * in any case after `closedTtlMs`. The hour in progress is read fresh on every call.
 */
export const HOUR_MS = 3_600_000;

/** One hour's counts: parallel arrays, key ids (words interned by the caller, or cluster ids) and counts. */
export interface HourCounts {
  ids: Float64Array;
  counts: Int32Array;
}

export interface HourSumsOptions {
  /** Counts for [startMs, startMs + 1 h). */
  load(startMs: number): HourCounts;
  /** Changes whenever the hour's counts may have: its item count. */
  version(startMs: number): number;
  closedTtlMs: number;
  /** At most this many hours are kept; the oldest read are dropped first. */
  maxHours: number;
  now: () => number;
}

export function createHourSums(opts: HourSumsOptions) {
  // Insertion order is load order (re-inserted on reload), so the first key was loaded longest ago.
  const hours = new Map<number, { at: number; version: number; counts: HourCounts }>();

  function hour(startMs: number, nowMs: number): HourCounts {
    if (startMs + HOUR_MS > nowMs) return opts.load(startMs);
    const kept = hours.get(startMs);
    const version = opts.version(startMs);
    if (kept && kept.version === version && nowMs - kept.at < opts.closedTtlMs) return kept.counts;
    const counts = opts.load(startMs);
    hours.delete(startMs);
    hours.set(startMs, { at: nowMs, version, counts });
    while (hours.size > opts.maxHours) hours.delete(hours.keys().next().value!);
    return counts;
  }

  return {
    /**
     * Calls `add(id, n)` for every count in the whole hours [fromMs, toMs) (both on the hour), hour
     * by hour; the same id may come once per hour.
     */
    forEach(fromMs: number, toMs: number, add: (id: number, n: number) => void): void {
      const nowMs = opts.now();
      for (let start = fromMs; start < toMs; start += HOUR_MS) {
        const { ids, counts } = hour(start, nowMs);
        for (let i = 0; i < ids.length; i++) add(ids[i]!, counts[i]!);
      }
    },
    /** Hours currently kept (for tests and diagnostics). */
    size: () => hours.size,
    clear: () => hours.clear(),
  };
}

export type HourSums = ReturnType<typeof createHourSums>;

/** Hour counts from rows of (id, n). */
export function hourCounts(rows: readonly { id: number; n: number }[]): HourCounts {
  const ids = new Float64Array(rows.length);
  const counts = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    ids[i] = r.id;
    counts[i] = r.n;
  });
  return { ids, counts };
}
