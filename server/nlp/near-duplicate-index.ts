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
  /** Without maxItems: how many entries are expected (an ingest batch's), so the first segment fits them. */
  expectedItems?: number;
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
/** With maxItems, segments of a quarter of it: forgetting releases memory in quarters, and a new segment is small to allocate. */
const SEGMENTS_PER_WINDOW = 4;
// Rough cost of one Map<number, number> entry in V8 (hash table slot, key, value, chain).
const MAP_ENTRY_BYTES = 40;

function powerOfTwoAtLeast(n: number): number {
  let p = 16;
  while (p < n) p *= 2;
  return p;
}

/**
 * One segment of the index: a fixed number of slots, filled in insertion order and never moved.
 * Each band is an open-addressing table from band key to a chain of slots. Removal only marks a slot
 * dead (lookups skip it); a segment is dropped whole once none of its slots is alive.
 */
interface Segment {
  readonly capacity: number;
  used: number;
  live: number;
  /** No live slot below this one. */
  oldest: number;
  ids: Float64Array;
  alive: Uint8Array;
  sigs: Uint32Array;
  entryKeys: Int32Array;
  next: Int32Array;
  tableSize: number;
  heads: Int32Array;
  seen: Uint32Array;
}

function bytesOf(g: Segment): number {
  return [g.ids, g.alive, g.sigs, g.entryKeys, g.next, g.heads, g.seen].reduce((sum, a) => sum + a.byteLength, 0);
}

/**
 * LSH over MinHash signatures: `bands` tables, each keyed by a hash of `rows` consecutive slots.
 * Two texts with Jaccard similarity s share at least one band with probability 1 − (1 − s^rows)^bands;
 * candidates are then checked against the threshold on the full signature.
 *
 * Storage is typed arrays rather than Maps: a JS Map entry per item per band made adding (and so the
 * start-up rebuild) several times slower. Entries live in segments of fixed size, oldest first. No
 * entry is ever moved: a single array that was compacted when full stopped the server for a quarter
 * of a second at 50,000 items every 12,500 additions (the load test's p99 went from ~180 to ~300 ms).
 * With maxItems, a segment holds a quarter of it and is released once all its entries are forgotten;
 * without, each new segment is as large as all before it.
 */
export function createNearDuplicateIndex(opts: NearDuplicateIndexOptions = {}): NearDuplicateIndex {
  // The signature parameters only: an index made from another's params (an ingest batch's staging
  // index) must not inherit its bound (which sizes segments for 50,000 entries).
  const { maxItems = Infinity, expectedItems, ...signing } = opts;
  const params = Object.freeze(resolveNearDuplicateParams(signing));
  const { bands, rows, threshold } = params;
  const k = bands * rows;
  if (!(maxItems >= 1)) throw new RangeError('near-duplicate maxItems must be at least 1');
  const bounded = Number.isFinite(maxItems);
  const sign = createSigner(params);
  // A candidate is dropped as soon as more slots differ than the threshold allows.
  const maxDifferent = k - Math.ceil(threshold * k - 1e-9);
  const segmentSlots = bounded ? Math.max(MIN_SLOTS, Math.ceil(maxItems / SEGMENTS_PER_WINDOW)) : MIN_SLOTS;
  const firstSlots = Math.max(16, Math.ceil(expectedItems ?? MIN_SLOTS));

  /** Oldest first; the last one takes new entries. */
  const segments: Segment[] = [];
  let live = 0;
  let lookup = 0;
  const segmentOf = new Map<number, Segment>();
  /** A lookup's band keys (computed once, probed in every segment). */
  const keys = new Int32Array(bands);
  const slotOf = new Map<number, number>();

  function bandKey(sig: Uint32Array, band: number): number {
    let h = Math.imul(band + 1, 0x9e3779b1);
    const start = band * rows;
    for (let j = 0; j < rows; j++) h = Math.imul(h ^ sig[start + j]!, 0x01000193);
    return fmix32(h) | 0;
  }

  function newSegment(capacity: number): Segment {
    const tableSize = powerOfTwoAtLeast(Math.ceil(1.5 * capacity));
    return {
      capacity,
      used: 0,
      live: 0,
      oldest: 0,
      ids: new Float64Array(capacity),
      alive: new Uint8Array(capacity),
      sigs: new Uint32Array(capacity * k),
      entryKeys: new Int32Array(capacity * bands),
      next: new Int32Array(capacity * bands),
      tableSize,
      heads: new Int32Array(bands * tableSize),
      seen: new Uint32Array(capacity),
    };
  }

  /** The table cell holding `key` in a band of g, or the free cell where it would go. */
  function cellOf(g: Segment, band: number, key: number): number {
    const { tableSize, heads, entryKeys } = g;
    const mask = tableSize - 1;
    const base = band * tableSize;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const cell = base + i;
      const head = heads[cell]!;
      if (head === 0 || entryKeys[head - 1] === key) return cell;
    }
  }

  /** The segment that takes the next entry: a new one when the last is full. */
  function writable(): Segment {
    const last = segments[segments.length - 1];
    if (last && last.used < last.capacity) return last;
    const total = segments.reduce((sum, g) => sum + g.capacity, 0);
    // A full segment whose entries were all removed is released now it no longer takes entries.
    if (last && last.live === 0) segments.pop();
    const g = newSegment(bounded ? segmentSlots : Math.max(total === 0 ? firstSlots : MIN_SLOTS, total));
    segments.push(g);
    return g;
  }

  function remove(id: number): boolean {
    const g = segmentOf.get(id);
    if (!g) return false;
    const slot = slotOf.get(id)!;
    g.alive[slot] = 0;
    g.live--;
    live--;
    segmentOf.delete(id);
    slotOf.delete(id);
    // A segment whose entries are all forgotten is released (the one taking entries stays).
    if (g.live === 0 && g !== segments[segments.length - 1]) segments.splice(segments.indexOf(g), 1);
    return true;
  }

  /** Forgets the oldest live entry. */
  function forgetOldest(): void {
    const g = segments.find((s) => s.live > 0)!;
    while (!g.alive[g.oldest]) g.oldest++;
    remove(g.ids[g.oldest]!);
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
      return segments.reduce((sum, g) => sum + bytesOf(g), 0) + slotOf.size * 2 * MAP_ENTRY_BYTES;
    },
    signature: sign,
    has: (id) => slotOf.has(id),
    remove,

    add(id, input) {
      const sig = toSignature(input);
      if (!sig) return null;
      remove(id);
      while (live >= maxItems) forgetOldest();
      const g = writable();
      // Bounded, the window spans at most SEGMENTS_PER_WINDOW + 1 segments: entries removed out of
      // order can leave an old segment partly alive; its rest (the oldest entries) is forgotten then.
      while (bounded && segments.length > SEGMENTS_PER_WINDOW + 1 && live > 0) forgetOldest();
      const slot = g.used++;
      g.ids[slot] = id;
      g.alive[slot] = 1;
      g.sigs.set(sig, slot * k);
      for (let b = 0; b < bands; b++) {
        const entry = slot * bands + b;
        g.entryKeys[entry] = bandKey(sig, b);
        const cell = cellOf(g, b, g.entryKeys[entry]!);
        g.next[entry] = g.heads[cell]! - 1;
        g.heads[cell] = entry + 1;
      }
      g.live++;
      live++;
      segmentOf.set(id, g);
      slotOf.set(id, slot);
      return sig;
    },

    findSimilar(input, opts = {}) {
      const sig = toSignature(input);
      if (!sig || live === 0) return [];
      const before = opts.before ?? Infinity;
      const out: NearDuplicateMatch[] = [];
      lookup = (lookup + 1) >>> 0;
      if (lookup === 0) {
        for (const g of segments) g.seen.fill(0);
        lookup = 1;
      }
      for (let b = 0; b < bands; b++) keys[b] = bandKey(sig, b);
      for (const g of segments) {
        if (g.live === 0) continue;
        // Locals, not property loads, in the hot loop.
        const { heads, next, seen, alive, ids, sigs } = g;
        for (let b = 0; b < bands; b++) {
          const cell = cellOf(g, b, keys[b]!);
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
      }
      return out.sort((x, y) => y.similarity - x.similarity || x.id - y.id);
    },
  };
}
