/**
 * The distinct feature buckets of one text, in the order first met, each with its number of
 * occurrences. Found through a small open-addressing table (slot → entry + 1; 0 = empty) sized to the
 * text and at most half full: it stays in the CPU cache, where a 2^bits array of counts cost a cache
 * miss per n-gram once ingest's other work had evicted it, and it needs no sort. Buckets are already
 * hashed (fmix32), so their low bits spread well. Reused from text to text; not re-entrant.
 */
export interface BucketCounter {
  /** buckets[0, distinct): each bucket once, in the order first met. Reallocated by reset(). */
  readonly buckets: Int32Array;
  /** counts[k]: occurrences of buckets[k]. */
  readonly counts: Int32Array;
  readonly distinct: number;
  /** Starts a text of at most `occurrences` add() calls. */
  reset(occurrences: number): void;
  /** Counts one occurrence of bucket b; true when it is the first. */
  add(b: number): boolean;
}

export function createBucketCounter(): BucketCounter {
  let slots = new Int32Array(1024);
  let mask = 0;
  const c = {
    buckets: new Int32Array(512),
    counts: new Int32Array(512),
    distinct: 0,
    reset(occurrences: number): void {
      if (c.buckets.length < occurrences) {
        c.buckets = new Int32Array(occurrences * 2);
        c.counts = new Int32Array(occurrences * 2);
      }
      // A prefix of the slots when the text is shorter than an earlier one: a short post clears a few
      // KB, not what a long article once needed.
      let size = 64;
      while (size < occurrences * 2) size *= 2;
      if (size > slots.length) slots = new Int32Array(size);
      else slots.fill(0, 0, size);
      mask = size - 1;
      c.distinct = 0;
    },
    add(b: number): boolean {
      let s = Math.imul(b, 0x9e3779b1) & mask;
      for (;;) {
        const e = slots[s]!;
        if (e === 0) {
          slots[s] = c.distinct + 1;
          c.buckets[c.distinct] = b;
          c.counts[c.distinct++] = 1;
          return true;
        }
        if (c.buckets[e - 1] === b) {
          c.counts[e - 1]! += 1;
          return false;
        }
        s = (s + 1) & mask;
      }
    },
  };
  return c;
}
