import {
  createSigner,
  resolveNearDuplicateParams,
  type NearDuplicateMatch,
  type NearDuplicateParams,
  type Signature,
} from './near-duplicate-minhash';
import { fmix32 } from './near-duplicate-shingles';

export interface NearDuplicateIndexOptions extends Partial<NearDuplicateParams> {
  /**
   * The oldest entries are forgotten beyond this many, so memory stays bounded in a process that
   * runs for months. Reposts of a story come within days; an old story surfacing again starts anew.
   */
  maxItems?: number;
}

export interface NearDuplicateIndex {
  readonly params: Readonly<NearDuplicateParams>;
  readonly size: number;
  /** Bytes held: the typed arrays exactly, plus an estimate for the id lookup (for logs and benchmarks). */
  readonly memoryBytes: number;
  /** The signature under this index's parameters (null when the text is too short to compare). */
  signature(text: string): Signature | null;
  /** Indexes a text or a stored signature under an id; returns the signature, or null when too short. */
  add(id: number, input: string | Signature): Signature | null;
  /** Indexed entries at or above the threshold, most similar first, ties oldest (lowest id) first. */
  findSimilar(input: string | Signature, opts?: { before?: number }): NearDuplicateMatch[];
  has(id: number): boolean;
  remove(id: number): boolean;
}

const MIN_SLOTS = 64;
// Rough cost of one Map<number, number> entry in V8 (hash table slot, key, value, chain).
const MAP_ENTRY_BYTES = 40;

function powerOfTwoAtLeast(n: number): number {
  let p = 16;
  while (p < n) p *= 2;
  return p;
}

/**
 * LSH over MinHash signatures: `bands` tables, each keyed by a hash of `rows` consecutive slots.
 * Two texts with Jaccard similarity s share at least one band with probability 1 − (1 − s^rows)^bands;
 * candidates are then checked against the threshold on the full signature.
 *
 * Storage is typed arrays rather than Maps: a JS Map entry per item per band made adding (and so the
 * start-up rebuild) several times slower. Entries live in insertion-ordered slots; each band is an
 * open-addressing table from band key to a chain of slots. Removal only marks a slot dead (lookups
 * skip it); dead slots are dropped when the slots are next compacted.
 */
export function createNearDuplicateIndex(opts: NearDuplicateIndexOptions = {}): NearDuplicateIndex {
  const params = Object.freeze(resolveNearDuplicateParams(opts));
  const { bands, rows, threshold } = params;
  const k = bands * rows;
  const maxItems = opts.maxItems ?? Infinity;
  if (!(maxItems >= 1)) throw new RangeError('near-duplicate maxItems must be at least 1');
  const sign = createSigner(params);
  // A candidate is dropped as soon as more slots differ than the threshold allows.
  const maxDifferent = k - Math.ceil(threshold * k - 1e-9);

  let capacity = 0; // slots allocated
  let used = 0; // slots handed out, live or dead, oldest first
  let live = 0;
  let oldest = 0; // no live slot below this one
  let ids = new Float64Array(0);
  let alive = new Uint8Array(0);
  let sigs = new Uint32Array(0); // capacity × k
  // Per entry (= slot × bands + band): its band key, and the next entry of its chain (−1 ends).
  let entryKeys = new Int32Array(0);
  let next = new Int32Array(0);
  let tableSize = 0; // per band, a power of two ≥ 1.5 × capacity, so probing stays short
  let heads = new Int32Array(0); // bands × tableSize: first entry of the cell's chain + 1, 0 = free cell
  let seen = new Uint32Array(0); // per slot: the lookup that last visited it
  let lookup = 0;
  const slotOf = new Map<number, number>();

  function bandKey(sig: Uint32Array, band: number): number {
    let h = Math.imul(band + 1, 0x9e3779b1);
    const start = band * rows;
    for (let j = 0; j < rows; j++) h = Math.imul(h ^ sig[start + j]!, 0x01000193);
    return fmix32(h) | 0;
  }

  /** The table cell holding `key` in a band, or the free cell where it would go. */
  function cellOf(band: number, key: number): number {
    const mask = tableSize - 1;
    const base = band * tableSize;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const cell = base + i;
      const head = heads[cell]!;
      if (head === 0 || entryKeys[head - 1] === key) return cell;
    }
  }

  function link(slot: number): void {
    for (let b = 0; b < bands; b++) {
      const entry = slot * bands + b;
      const cell = cellOf(b, entryKeys[entry]!);
      next[entry] = heads[cell]! - 1;
      heads[cell] = entry + 1;
    }
  }

  /**
   * Reallocates for `size` slots: a plain copy while every slot is live, else the live slots move
   * down, oldest first, dropping the dead. The tables are rebuilt from the stored band keys.
   */
  function reallocate(size: number): void {
    const newIds = new Float64Array(size);
    const newSigs = new Uint32Array(size * k);
    const newKeys = new Int32Array(size * bands);
    if (live === used) {
      newIds.set(ids.subarray(0, used));
      newSigs.set(sigs.subarray(0, used * k));
      newKeys.set(entryKeys.subarray(0, used * bands));
    } else {
      let to = 0;
      for (let from = oldest; from < used; from++) {
        if (!alive[from]) continue;
        newIds[to] = ids[from]!;
        newSigs.set(sigs.subarray(from * k, from * k + k), to * k);
        newKeys.set(entryKeys.subarray(from * bands, from * bands + bands), to * bands);
        slotOf.set(ids[from]!, to);
        to++;
      }
    }
    capacity = size;
    used = live;
    oldest = 0;
    ids = newIds;
    sigs = newSigs;
    entryKeys = newKeys;
    alive = new Uint8Array(size).fill(1, 0, used);
    next = new Int32Array(size * bands);
    seen = new Uint32Array(size);
    tableSize = powerOfTwoAtLeast(Math.ceil(1.5 * size));
    heads = new Int32Array(bands * tableSize);
    for (let slot = 0; slot < used; slot++) link(slot);
  }

  /** When the slots are full: compact if a quarter are dead, else double (never far past maxItems). */
  function makeRoom(): void {
    let size = live > capacity * 0.75 ? Math.max(MIN_SLOTS, capacity * 2) : capacity;
    if (Number.isFinite(maxItems)) size = Math.min(size, Math.max(MIN_SLOTS, Math.ceil(maxItems * 1.25)));
    reallocate(Math.max(size, live + MIN_SLOTS));
  }

  function remove(id: number): boolean {
    const slot = slotOf.get(id);
    if (slot === undefined) return false;
    alive[slot] = 0;
    slotOf.delete(id);
    live--;
    return true;
  }

  function toSignature(input: string | Signature): Signature | null {
    if (typeof input === 'string') return sign(input);
    if (input.length !== k) throw new RangeError(`signature has ${input.length} slots, this index uses ${k}`);
    return input;
  }

  return {
    params,
    get size() {
      return live;
    },
    get memoryBytes() {
      const typed = [ids, alive, sigs, entryKeys, next, heads, seen].reduce((sum, a) => sum + a.byteLength, 0);
      return typed + slotOf.size * MAP_ENTRY_BYTES;
    },
    signature: sign,
    has: (id) => slotOf.has(id),
    remove,

    add(id, input) {
      const sig = toSignature(input);
      if (!sig) return null;
      remove(id);
      while (live >= maxItems) {
        while (!alive[oldest]) oldest++;
        remove(ids[oldest]!);
      }
      if (used === capacity) makeRoom();
      const slot = used++;
      ids[slot] = id;
      alive[slot] = 1;
      sigs.set(sig, slot * k);
      for (let b = 0; b < bands; b++) entryKeys[slot * bands + b] = bandKey(sig, b);
      slotOf.set(id, slot);
      live++;
      link(slot);
      return sig;
    },

    findSimilar(input, opts = {}) {
      const sig = toSignature(input);
      if (!sig || live === 0) return [];
      const before = opts.before ?? Infinity;
      const out: NearDuplicateMatch[] = [];
      lookup = (lookup + 1) >>> 0;
      if (lookup === 0) {
        seen.fill(0);
        lookup = 1;
      }
      for (let b = 0; b < bands; b++) {
        const cell = cellOf(b, bandKey(sig, b));
        for (let entry = heads[cell]! - 1; entry >= 0; entry = next[entry]!) {
          const slot = (entry / bands) | 0;
          if (seen[slot] === lookup) continue;
          seen[slot] = lookup;
          if (!alive[slot] || ids[slot]! >= before) continue;
          let different = 0;
          const base = slot * k;
          for (let i = 0; i < k && different <= maxDifferent; i++) if (sigs[base + i] !== sig[i]) different++;
          if (different <= maxDifferent) out.push({ id: ids[slot]!, similarity: (k - different) / k });
        }
      }
      return out.sort((x, y) => y.similarity - x.similarity || x.id - y.id);
    },
  };
}
