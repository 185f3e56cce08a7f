/**
 * Counts per whole hour (keyword → items, cluster → items), read from the database once per hour and
 * summed over any window in memory. Hot words and events ask for windows of 1 to 336 hours ending
 * now; summing them in SQL read every row of the window again for every width (a two-week window was
 * ~470,000 keyword rows, 130 ms), while here every window shares the same hours and a sum is a loop
 * over small arrays.
 *
 * Hours that have closed change only when a post published back then is collected late (or an item
 * is deleted): a kept hour is read again when its version (the number of items in it) moved, and
 * in any case after `closedTtlMs` (to twice that). The hour in progress is read fresh on every call.
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
  /**
   * What changes whenever an hour's counts may have (its item count), for every hour in
   * [fromMs, toMs) at once, keyed by the hour's start; a missing hour counts as 0.
   */
  versions(fromMs: number, toMs: number): Map<number, number>;
  closedTtlMs: number;
  /** At most this many hours are kept; the oldest read are dropped first. */
  maxHours: number;
  now: () => number;
}

export function createHourSums(opts: HourSumsOptions) {
  // Between closedTtlMs and twice that, spread by hour (golden-ratio steps), so hours read together
  // at start-up are not all read again by the same request.
  const ttlOf = (startMs: number) => opts.closedTtlMs * (1 + ((startMs / HOUR_MS) * 0.618034) % 1);
  // Insertion order is load order (re-inserted on reload), so the first key was loaded longest ago.
  const hours = new Map<number, { at: number; version: number; counts: HourCounts }>();

  function hour(startMs: number, nowMs: number, versions: Map<number, number>): HourCounts {
    if (startMs + HOUR_MS > nowMs) return opts.load(startMs);
    const kept = hours.get(startMs);
    const version = versions.get(startMs) ?? 0;
    if (kept && kept.version === version && nowMs - kept.at < ttlOf(startMs)) return kept.counts;
    const counts = opts.load(startMs);
    hours.delete(startMs);
    hours.set(startMs, { at: nowMs, version, counts });
    while (hours.size > opts.maxHours) hours.delete(hours.keys().next().value!);
    return counts;
  }

  return {
    /**
     * The whole hours [fromMs, toMs) (both on the hour), in order, each read at most once (closed ones
     * kept), and the items they hold in all (the sum of their versions).
     */
    read(fromMs: number, toMs: number): WindowRead {
      const nowMs = opts.now();
      const versions = opts.versions(fromMs, toMs);
      const read: HourCounts[] = [];
      for (let start = fromMs; start < toMs; start += HOUR_MS) read.push(hour(start, nowMs, versions));
      let items = 0;
      for (const n of versions.values()) items += n;
      return { hours: read, items };
    },
    /** Hours currently kept (for tests and diagnostics). */
    size: () => hours.size,
    /** Counts held over all kept hours: an upper bound on the ids still in use. */
    entries(): number {
      let n = 0;
      for (const h of hours.values()) n += h.counts.ids.length;
      return n;
    },
    clear: () => hours.clear(),
  };
}

export type HourSums = ReturnType<typeof createHourSums>;

/** Hours of a window, in order from its start, and the items in them. */
export interface WindowRead {
  hours: HourCounts[];
  items: number;
}

/**
 * Totals over some hours when ids are small dense integers (interned by the caller): indexed by id,
 * with the ids that occurred. Typed-array additions keep a two-week sum to a few ms.
 */
export function sumDense(hours: readonly HourCounts[], sizeHint = 1024): DenseTotals {
  let totals = new Int32Array(Math.max(16, sizeHint));
  const touched: number[] = [];
  for (const { ids, counts } of hours) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id >= totals.length) {
        const grown = new Int32Array(Math.max(id + 1, totals.length * 2));
        grown.set(totals);
        totals = grown;
      }
      if (totals[id] === 0) touched.push(id);
      totals[id] = totals[id]! + counts[i]!;
    }
  }
  return { totals, touched };
}

/** totals[id] for every id in `touched` (0 beyond the array for ids that did not occur). */
export interface DenseTotals {
  totals: Int32Array;
  touched: number[];
}

export const totalOf = (t: DenseTotals, id: number): number => (id < t.totals.length ? t.totals[id]! : 0);

/** Small dense ids for sparse keys (words, cluster ids), and back. */
export function createInterner<K>() {
  const ids = new Map<K, number>();
  const keys: K[] = [];
  return {
    id(key: K): number {
      let id = ids.get(key);
      if (id === undefined) {
        id = keys.length;
        ids.set(key, id);
        keys.push(key);
      }
      return id;
    },
    key: (id: number): K => keys[id]!,
    size: () => keys.length,
    reset(): void {
      ids.clear();
      keys.length = 0;
    },
  };
}

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
