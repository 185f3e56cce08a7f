/**
 * Posting lists of the claim index: for each bigram id, the slots of the claims holding it.
 * Reading them is most of the cost of a match, so the bulk lives in one contiguous array
 * (compressed sparse rows, rebuilt in one pass) and only claims added since the last rebuild sit in
 * linked lists. A rebuild happens when those grow past an eighth of the bulk, so its cost per
 * posting added stays constant however the library is filled.
 */
export interface ClaimPostings {
  readonly memoryBytes: number;
  /** Bigram ids the lists are sized for. */
  ensureFeatures(n: number): void;
  /** Postings in bigram f's list, dead ones included: what reading it costs. */
  length(f: number): number;
  add(f: number, slot: number): void;
  /** Counts one dead posting (its claim was removed); they are dropped by the next rebuild. */
  markDead(count: number): void;
  /** True when a rebuild would pay for itself (the caller then calls rebuild). */
  wantsRebuild(): boolean;
  /** Rebuilds from scratch: `each` lists every live slot's bigram ids. */
  rebuild(slots: number, featsOf: (slot: number, out: (f: number) => void) => void): void;
  /**
   * Adds w to acc[slot] for each live slot in f's list, appending slots seen for the first time
   * (acc was 0) to touched from index count; returns the new count.
   */
  accumulate(f: number, w: number, alive: Uint8Array, acc: Float64Array, touched: Int32Array, count: number): number;
}

export function createClaimPostings(): ClaimPostings {
  let features = 0;
  // Bulk: slots of bigram f are baseSlots[baseStart[f] .. baseStart[f + 1]).
  let baseStart = new Int32Array(1);
  let baseSlots = new Int32Array(0);
  let baseFeatures = 0; // bigram ids known at the last rebuild
  // Added since: linked lists.
  let head = new Int32Array(0);
  let lengths = new Int32Array(0);
  let deltaSlot = new Int32Array(1024);
  let deltaNext = new Int32Array(1024);
  let deltaUsed = 0;
  let dead = 0;

  function baseLength(f: number): number {
    return f < baseFeatures ? baseStart[f + 1]! - baseStart[f]! : 0;
  }

  return {
    get memoryBytes() {
      return baseStart.byteLength + baseSlots.byteLength + head.byteLength + lengths.byteLength + deltaSlot.byteLength + deltaNext.byteLength;
    },
    ensureFeatures(n) {
      if (n <= features) return;
      let size = Math.max(1024, head.length);
      while (size < n) size *= 2;
      if (size > head.length) {
        const h = new Int32Array(size).fill(-1);
        h.set(head);
        head = h;
        const l = new Int32Array(size);
        l.set(lengths);
        lengths = l;
      }
      features = n;
    },
    length: (f) => lengths[f]!,
    add(f, slot) {
      if (deltaUsed === deltaSlot.length) {
        const s = new Int32Array(deltaUsed * 2);
        s.set(deltaSlot);
        deltaSlot = s;
        const nx = new Int32Array(deltaUsed * 2);
        nx.set(deltaNext);
        deltaNext = nx;
      }
      deltaSlot[deltaUsed] = slot;
      deltaNext[deltaUsed] = head[f]!;
      head[f] = deltaUsed++;
      lengths[f]!++;
    },
    markDead(count) {
      dead += count;
    },
    wantsRebuild() {
      return deltaUsed > 1024 + baseSlots.length / 8 || (dead > 4096 && dead * 2 > baseSlots.length + deltaUsed);
    },
    rebuild(slots, featsOf) {
      const counts = new Int32Array(features + 1);
      for (let s = 0; s < slots; s++) featsOf(s, (f) => counts[f + 1]!++);
      for (let f = 0; f < features; f++) counts[f + 1]! += counts[f]!;
      const start = counts.slice();
      const out = new Int32Array(counts[features]!);
      for (let s = 0; s < slots; s++) featsOf(s, (f) => (out[start[f]!++] = s));
      baseStart = counts;
      baseSlots = out;
      baseFeatures = features;
      head.fill(-1);
      deltaUsed = 0;
      // The linked lists start small again: at start-up they held the whole library once.
      if (deltaSlot.length > 1024 + out.length / 4) {
        deltaSlot = new Int32Array(1024 + (out.length >> 3));
        deltaNext = new Int32Array(deltaSlot.length);
      }
      dead = 0;
      for (let f = 0; f < features; f++) lengths[f] = baseLength(f);
    },
    accumulate(f, w, alive, acc, touched, count) {
      if (f < baseFeatures) {
        const end = baseStart[f + 1]!;
        for (let p = baseStart[f]!; p < end; p++) {
          const slot = baseSlots[p]!;
          if (alive[slot] === 0) continue;
          if (acc[slot] === 0) touched[count++] = slot;
          acc[slot]! += w;
        }
      }
      for (let p = head[f]!; p >= 0; p = deltaNext[p]!) {
        const slot = deltaSlot[p]!;
        if (alive[slot] === 0) continue;
        if (acc[slot] === 0) touched[count++] = slot;
        acc[slot]! += w;
      }
      return count;
    },
  };
}
