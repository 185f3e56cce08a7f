import type { SentimentModel } from './model';

/**
 * What a prediction reads per feature bucket — every component's scale and weight — laid out so that
 * it stays in the CPU caches. The full table ([s0, w0, s1, w1, …] for each of 2^20 buckets) is 24 MB
 * for three components, and reading it was most of a prediction's cost: each feature a cache and TLB
 * miss. But most buckets were never seen in training: their weight is 0 and their scale the same in
 * every such bucket (IDF and NB of a zero count). So only the other buckets ("own" buckets, about a
 * third) keep their values, packed in bucket order; a bitmap with a running count (256 KB for 2^20
 * buckets) says whether a bucket is own and where its values are; every other bucket reads one shared
 * entry. Exact: built by checking every bucket, so it gives bit-for-bit the full table's values.
 */
export interface SentimentTable {
  /** Components. */
  K: number;
  /** Bit b of the bitmap: bucket b has values of its own in `own`. */
  bitmap: Uint32Array;
  /** rank[i]: own buckets before word i of the bitmap. */
  rank: Uint32Array;
  /** [s0, w0, s1, w1, …] of each own bucket, in bucket order. */
  own: Float32Array;
  /** The same for every other bucket (weights 0). */
  shared: Float32Array;
}

const scaleAt = (scale: Float32Array | null, b: number): number => (scale ? scale[b]! : 1);

export function buildSentimentTable(model: Pick<SentimentModel, 'features' | 'weights' | 'scales'>): SentimentTable {
  const K = model.weights.length;
  const dim = 2 ** model.features.bits;
  // The reference: the first bucket with all weights 0; buckets equal to it in every value share its entry.
  let ref = -1;
  for (let b = 0; b < dim && ref < 0; b++) {
    let zero = true;
    for (let c = 0; c < K && zero; c++) zero = model.weights[c]![b] === 0;
    if (zero) ref = b;
  }
  const scales = Array.from({ length: K }, (_, c) => model.scales[c] ?? null);
  const refScale = scales.map((s) => (ref < 0 ? 0 : scaleAt(s, ref)));
  const isShared = (b: number): boolean => {
    for (let c = 0; c < K; c++) if (model.weights[c]![b] !== 0 || scaleAt(scales[c] ?? null, b) !== refScale[c]) return false;
    return true;
  };
  const bitmap = new Uint32Array(Math.ceil(dim / 32));
  let count = 0;
  for (let b = 0; b < dim; b++) {
    if (ref < 0 || !isShared(b)) {
      bitmap[b >>> 5]! |= 1 << (b & 31);
      count++;
    }
  }
  const rank = new Uint32Array(bitmap.length);
  for (let i = 1; i < bitmap.length; i++) rank[i] = rank[i - 1]! + popcount(bitmap[i - 1]!);
  const own = new Float32Array(count * 2 * K);
  let slot = 0;
  for (let b = 0; b < dim; b++) {
    if (!(bitmap[b >>> 5]! & (1 << (b & 31)))) continue;
    for (let c = 0; c < K; c++) {
      own[(slot * K + c) * 2] = scaleAt(scales[c] ?? null, b);
      own[(slot * K + c) * 2 + 1] = model.weights[c]![b]!;
    }
    slot++;
  }
  const shared = new Float32Array(2 * K);
  if (ref >= 0) for (let c = 0; c < K; c++) shared[c * 2] = refScale[c]!;
  return { K, bitmap, rank, own, shared };
}

/** Set bits of a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Where bucket b's values start in `own`, or −1 when it reads `shared`.
 */
export function ownOffset(table: SentimentTable, b: number): number {
  const word = table.bitmap[b >>> 5]!;
  const bit = 1 << (b & 31);
  if (!(word & bit)) return -1;
  return (table.rank[b >>> 5]! + popcount(word & (bit - 1))) * 2 * table.K;
}
