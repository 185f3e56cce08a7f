import { createKeyTable } from './claim-key-table';
import { createClaimPostings } from './claim-postings';

/**
 * One kind of n-gram feature of the claim index (bigrams for scoring, trigrams for finding
 * candidates): the key → id dictionary, each id's document frequency, cached weight and postings,
 * each claim slot's distinct ids, and the item being matched. Typed arrays throughout; ids, slots
 * and stamps are the claim index's.
 */
export interface IndexClock {
  /** Live claims. */
  live: number;
  /** Bumped by every change to the library: weights cached under an older one are stale. */
  gen: number;
}

export type Typed = Int32Array | Float64Array | Uint32Array | Uint8Array;

export function grown<T extends Typed>(a: T, size: number): T {
  if (a.length >= size) return a;
  let n = Math.max(64, a.length);
  while (n < size) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** `positions`: remember where each feature occurs in the item (needed to score, not to find). */
export function createFeatureSpace(clock: IndexClock, power: number, positions: boolean) {
  const keys = createKeyTable(1 << 14);
  const postings = createClaimPostings();
  // Per feature id.
  let df = new Int32Array(0);
  // A weight depends only on df (and the library size): cached per df value, not per feature.
  let byDf = new Float64Array(0);
  let byDfGen = new Uint32Array(0);
  let stamp = new Uint32Array(0); // add: de-duplication; match: the item that last held it
  let itemHead = new Int32Array(0); // match: its last position in the item, chained through occNext
  // Per slot.
  let start = new Int32Array(0);
  let count = new Int32Array(0);
  let total = new Float64Array(0);
  let totalGen = new Uint32Array(0);
  let feats = new Int32Array(0);
  let featsUsed = 0;
  // Item scratch.
  let stampNow = 0;
  let occNext = new Int32Array(0);
  let distinct = new Int32Array(0);
  let distinctCount = 0;

  function nextStamp(): number {
    stampNow = (stampNow + 1) >>> 0;
    if (stampNow === 0) {
      stamp.fill(0);
      stampNow = 1;
    }
    return stampNow;
  }

  function weight(f: number): number {
    const n = df[f]!;
    if (n >= byDf.length) {
      byDf = grown(byDf, n + 1);
      byDfGen = grown(byDfGen, n + 1);
    }
    if (byDfGen[n] === clock.gen) return byDf[n]!;
    const w = Math.log((clock.live + 1) / (n + 0.5)) ** power;
    byDf[n] = w;
    byDfGen[n] = clock.gen;
    return w;
  }

  const space = {
    postings,
    df: (f: number) => df[f]!,
    weight,
    get memoryBytes() {
      const arrays: Typed[] = [df, byDf, byDfGen, stamp, itemHead, start, count, total, totalGen, feats, occNext, distinct];
      return arrays.reduce((sum, a) => sum + a.byteLength, 0) + keys.memoryBytes + postings.memoryBytes;
    },

    /** Records the distinct features among `slotKeys` for a new slot. */
    addSlot(slot: number, slotKeys: Uint32Array): void {
      start = grown(start, slot + 1);
      count = grown(count, slot + 1);
      total = grown(total, slot + 1);
      totalGen = grown(totalGen, slot + 1);
      feats = grown(feats, featsUsed + slotKeys.length);
      const s = nextStamp();
      let n = 0;
      for (let i = 0; i < slotKeys.length; i++) {
        const f = keys.intern(slotKeys[i]!);
        if (f >= df.length) {
          df = grown(df, f + 1);
          stamp = grown(stamp, f + 1);
          if (positions) itemHead = grown(itemHead, f + 1);
          postings.ensureFeatures(df.length);
        }
        if (stamp[f] === s) continue;
        stamp[f] = s;
        feats[featsUsed + n++] = f;
        df[f]!++;
        postings.add(f, slot);
      }
      start[slot] = featsUsed;
      count[slot] = n;
      totalGen[slot] = 0;
      featsUsed += n;
    },

    removeSlot(slot: number): void {
      const end = start[slot]! + count[slot]!;
      for (let k = start[slot]!; k < end; k++) df[feats[k]!]!--;
      postings.markDead(count[slot]!);
    },

    /** Compaction: slot `from` becomes slot `to` (to ≤ from, called in increasing order). */
    moveSlot(from: number, to: number, featTo: number): number {
      const n = count[from]!;
      feats.copyWithin(featTo, start[from]!, start[from]! + n);
      start[to] = featTo;
      count[to] = n;
      totalGen[to] = 0;
      return featTo + n;
    },

    /** After compaction: `used` slots, all live, and featsUsed features; rebuilds the postings. */
    compacted(used: number, newFeatsUsed: number): void {
      featsUsed = newFeatsUsed;
      space.rebuildPostings(used, () => true);
    },

    rebuildPostings(used: number, isAlive: (slot: number) => boolean): void {
      postings.rebuild(used, (slot, out) => {
        if (!isAlive(slot)) return;
        const end = start[slot]! + count[slot]!;
        for (let k = start[slot]!; k < end; k++) out(feats[k]!);
      });
    },

    count: (slot: number) => count[slot]!,
    featureAt: (slot: number, j: number) => feats[start[slot]! + j]!,

    /** Σ weight over the slot's features (cached until the library changes). */
    total(slot: number): number {
      if (totalGen[slot] === clock.gen) return total[slot]!;
      let sum = 0;
      const end = start[slot]! + count[slot]!;
      for (let k = start[slot]!; k < end; k++) sum += weight(feats[k]!);
      total[slot] = sum;
      totalGen[slot] = clock.gen;
      return sum;
    },

    /** Loads an item's features (unknown keys are skipped); returns how many distinct ones. */
    loadItem(itemKeys: Uint32Array): number {
      const n = itemKeys.length;
      if (positions) occNext = grown(occNext, n);
      distinct = grown(distinct, n);
      const s = nextStamp();
      distinctCount = 0;
      for (let i = 0; i < n; i++) {
        const f = keys.get(itemKeys[i]!);
        if (f < 0) continue;
        if (stamp[f] !== s) {
          stamp[f] = s;
          distinct[distinctCount++] = f;
          if (positions) itemHead[f] = -1;
        }
        if (positions) {
          occNext[i] = itemHead[f]!;
          itemHead[f] = i;
        }
      }
      return distinctCount;
    },
    get distinctCount() {
      return distinctCount;
    },
    distinctAt: (k: number) => distinct[k]!,
    inItem: (f: number) => stamp[f] === stampNow,
    /** First occurrence (as a chain head: the last position) of f in the item, or −1. */
    firstOccurrence: (f: number) => (stamp[f] === stampNow ? itemHead[f]! : -1),
    nextOccurrence: (o: number) => occNext[o]!,

    /** Weighted share of the slot's features found anywhere in the item. */
    contentShare(slot: number): number {
      const end = start[slot]! + count[slot]!;
      let content = 0;
      for (let k = start[slot]!; k < end; k++) if (stamp[feats[k]!] === stampNow) content += weight(feats[k]!);
      return content / space.total(slot);
    },

    /** Plain share of the slot's features found anywhere in the item. */
    wordingShare(slot: number): number {
      const end = start[slot]! + count[slot]!;
      let found = 0;
      for (let k = start[slot]!; k < end; k++) if (stamp[feats[k]!] === stampNow) found++;
      return found / count[slot]!;
    },
  };
  return space;
}

export type FeatureSpace = ReturnType<typeof createFeatureSpace>;
