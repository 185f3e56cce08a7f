import { createBucketCounter } from './bucket-counter';
import { createUnitBuffer, toUnits, type UnitBuffer } from './units';

/**
 * Hashed n-gram features. Text (already normalised by normaliseText) becomes units (units.ts); every
 * run of 1..maxN units is hashed into one of 2^bits buckets; a bucket's value is the sublinear count
 * 1 + ln(tf), times its IDF when the model has one, and the vector is L2-normalised so long and short
 * posts weigh alike. Nothing is allocated per item: a Featuriser owns its scratch arrays and hands
 * out views that stay valid until its next call. Synchronous and not re-entrant, so one per feature
 * spec can serve every tagger of a process (model.ts keeps them).
 *
 * Changing the hashing or the units changes what every bucket means: bump the model format version.
 */

export interface FeatureSpec {
  /** log2 of the number of buckets. */
  bits: number;
  /** Longest n-gram, in units. */
  maxN: number;
}

/** A sparse vector: entries [0, count) of idx/val. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
  count: number;
  /**
   * Where entry j's bucket was first hit: (unit index << 3) | n-gram length, or -1 for the document
   * feature. Lets explanations point at the text without a second pass.
   */
  first: Int32Array;
}

export interface Featuriser {
  readonly spec: FeatureSpec;
  /**
   * Features of normalised text (its first MAX_CLASSIFIED_CHARS); the view is overwritten by the next
   * call. Bucket b's IDF is idf[b × stride]: a stride of 2 reads it from an array that interleaves it
   * with the weights (explain.ts), so a prediction touches one cache line per bucket, not two.
   */
  features(text: string, idf?: Float32Array | null, stride?: number): SparseVector;
  /** Units of the last text passed to features(), for explanations. */
  readonly lastUnits: UnitBuffer;
}

/** murmur3's finaliser: spreads the FNV state over all 32 bits before masking. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export const FNV_PRIME = 0x01000193;
export const FNV_OFFSET = 0x811c9dc5;
/** Document-level feature: the length bucket (posts of a few characters read differently). */
const LENGTH_SEED = 0x510e527f;

/**
 * Bucket of the n-gram of units[from, from + n): FNV-1a over its units, finalised. The reference for
 * what features() computes incrementally (the k+1-gram's state extends the k-gram's).
 */
export function gramBucket(units: Int32Array, from: number, n: number, mask: number): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ units[from + k]!, FNV_PRIME);
  return fmix32(h) & mask;
}

function lengthBucket(unitCount: number, mask: number): number {
  return fmix32(Math.imul(LENGTH_SEED ^ Math.min(12, Math.floor(Math.log2(unitCount + 1))), FNV_PRIME)) & mask;
}

/**
 * The model reads at most this many characters of a text. It learns from posts (99 % of the labelled
 * Weibo posts are under 540 characters); past this, a long article's tail cost three n-grams per
 * character, most of the classifier's time on a crawl's articles. The tagger's lexicon evidence still
 * reads the whole analysed text.
 */
export const MAX_CLASSIFIED_CHARS = 1_000;

/** (unit index << 3) | length in SparseVector.first leaves three bits for the length. */
const MAX_N = 5;

export function checkSpec(spec: FeatureSpec): FeatureSpec {
  if (!Number.isInteger(spec.bits) || spec.bits < 8 || spec.bits > 24) throw new RangeError(`bits must be an integer in [8, 24], got ${spec.bits}`);
  if (!Number.isInteger(spec.maxN) || spec.maxN < 1 || spec.maxN > MAX_N) {
    throw new RangeError(`maxN must be an integer in [1, ${MAX_N}], got ${spec.maxN}`);
  }
  return spec;
}

export function createFeaturiser(spec: FeatureSpec): Featuriser {
  checkSpec(spec);
  const dim = 2 ** spec.bits;
  const mask = dim - 1;
  const counter = createBucketCounter();
  const units = createUnitBuffer();
  let val = new Float32Array(1024);
  let first = new Int32Array(1024);
  const out: SparseVector = { idx: counter.buckets, val, count: 0, first };

  return {
    spec,
    lastUnits: units,
    features(text: string, idf?: Float32Array | null, stride = 1): SparseVector {
      const n = toUnits(text.length > MAX_CLASSIFIED_CHARS ? text.slice(0, MAX_CLASSIFIED_CHARS) : text, units);
      const need = n * spec.maxN + 1;
      if (val.length < need) {
        val = new Float32Array(need * 2);
        first = new Int32Array(need * 2);
        out.val = val;
        out.first = first;
      }
      counter.reset(need);
      /** Counts one occurrence of bucket b, first seen at `at` ((unit << 3) | length, or −1). */
      const count = (b: number, at: number): void => {
        if (counter.add(b)) first[counter.distinct - 1] = at;
      };
      const u = units.units;
      const maxN = spec.maxN;
      for (let i = 0; i < n; i++) {
        // As gramBucket, incrementally: one multiply per n-gram.
        const top = Math.min(maxN, n - i);
        let h = FNV_OFFSET;
        for (let len = 0; len < top; len++) {
          h = Math.imul(h ^ u[i + len]!, FNV_PRIME);
          count(fmix32(h) & mask, (i << 3) | (len + 1));
        }
      }
      count(lengthBucket(n, mask), -1);
      const { buckets, counts, distinct } = counter;
      let norm = 0;
      for (let k = 0; k < distinct; k++) {
        const c = counts[k]!;
        let v = c === 1 ? 1 : 1 + Math.log(c);
        if (idf) v *= idf[buckets[k]! * stride]!;
        val[k] = v;
        norm += v * v;
      }
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < distinct; k++) val[k]! *= inv;
      out.idx = buckets;
      out.count = distinct;
      return out;
    },
  };
}
