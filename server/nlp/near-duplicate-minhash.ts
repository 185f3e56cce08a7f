import { fmix32, shingleHashes } from './near-duplicate-shingles';

/**
 * MinHash over character shingles, with LSH banding, for finding reposts of one story or rumour
 * that differ by a few edited characters, inserted emoji, a "转发：" prefix or another ending.
 * Pure: text in, signatures and matches out. Parameters were chosen with
 * test/bench/near-duplicate.bench.ts (figures in test/bench/README.md).
 */
export interface NearDuplicateParams {
  /** Characters per shingle, counted on the canonical text (letters and digits only). */
  shingle: number;
  /** LSH bands × rows per band = signature length. */
  bands: number;
  rows: number;
  /** Estimated Jaccard similarity (share of equal signature slots) from which two texts are near-duplicates. */
  threshold: number;
  /** Canonical texts shorter than this are not signed (see shingleHashes). */
  minChars: number;
  /** Seeds the hash family; changing it invalidates stored signatures (the scheme changes too). */
  seed: number;
  /** How the k minima are drawn; see onePermutation and kPermutations. */
  hashing: 'one-permutation' | 'k-permutations';
}

export const NEAR_DUPLICATE_DEFAULTS: Readonly<NearDuplicateParams> = Object.freeze({
  shingle: 4,
  bands: 32,
  rows: 4,
  threshold: 0.5,
  minChars: 20,
  seed: 0x5eed_1234,
  hashing: 'one-permutation',
});

/** A MinHash signature: one 32-bit minimum per hash function. */
export type Signature = Uint32Array;

export interface NearDuplicateMatch {
  id: number;
  /** Estimated Jaccard similarity of the two texts' shingle sets, 0..1. */
  similarity: number;
}

// Bump when the canonical form or the hashing changes: stored signatures are then recomputed.
// 2: normaliseText learned combining marks, homoglyphs and spelled-out key words.
const ALGORITHM_VERSION = 2;

/** Defaults filled in and checked: a bad parameter is a programming error, thrown at once. */
export function resolveNearDuplicateParams(opts: Partial<NearDuplicateParams> = {}): NearDuplicateParams {
  const p = { ...NEAR_DUPLICATE_DEFAULTS, ...opts };
  for (const key of ['shingle', 'bands', 'rows', 'minChars'] as const) {
    if (!Number.isInteger(p[key]) || p[key] < 1) throw new RangeError(`near-duplicate ${key} must be a positive integer`);
  }
  if (!(p.threshold > 0 && p.threshold <= 1)) throw new RangeError('near-duplicate threshold must be in (0, 1]');
  return p;
}

/**
 * Names everything that shapes a signature, so signatures stored under another scheme are known
 * to be stale. The threshold is not part of it: it only affects comparisons.
 */
export function signatureScheme(opts: Partial<NearDuplicateParams> = {}): string {
  const p = resolveNearDuplicateParams(opts);
  return `minhash${ALGORITHM_VERSION}:${p.hashing === 'k-permutations' ? 'kp' : 'oph'}:n${p.shingle}:k${p.bands * p.rows}:s${p.seed >>> 0}`;
}

/** Per-slot seeds from splitmix32, so the hash family is fixed by one number. */
function slotSeeds(seed: number, k: number): Uint32Array {
  const out = new Uint32Array(k);
  let s = seed >>> 0;
  for (let i = 0; i < k; i++) {
    s = (s + 0x9e3779b9) | 0;
    out[i] = fmix32(s);
  }
  return out;
}

const EMPTY = 0xffffffff;

/** Classic MinHash: k keyed permutations, each over every shingle (k × n hashes). */
function kPermutations(shingles: Uint32Array, seeds: Uint32Array, sig: Uint32Array): void {
  const n = shingles.length;
  for (let i = 0; i < sig.length; i++) {
    const s = seeds[i]!;
    let min = EMPTY;
    for (let j = 0; j < n; j++) {
      let v = Math.imul(shingles[j]! ^ s, 0x9e3779b1);
      v = (v ^ (v >>> 15)) >>> 0;
      if (v < min) min = v;
    }
    sig[i] = min;
  }
}

/**
 * One-permutation MinHash with optimal densification (Shrivastava 2017): each shingle goes to one
 * of k bins and only the bin's minimum is kept (n + k work instead of n × k); an empty bin copies
 * the bin found by its own fixed probe sequence, so two similar texts fill it the same way and the
 * share of equal slots still estimates the Jaccard similarity.
 */
function onePermutation(shingles: Uint32Array, seed: number, sig: Uint32Array, filled: Uint8Array): void {
  const k = sig.length;
  sig.fill(EMPTY);
  filled.fill(0);
  for (let j = 0; j < shingles.length; j++) {
    const h = shingles[j]!;
    const bin = Math.floor((h / 4294967296) * k);
    // The value must not depend on the bits that chose the bin: rehash with the seed.
    const v = Math.min(fmix32(h ^ seed), EMPTY - 1);
    filled[bin] = 1;
    if (v < sig[bin]!) sig[bin] = v;
  }
  for (let i = 0; i < k; i++) {
    if (filled[i]) continue;
    // Copy only from bins a shingle filled, never from densified ones, so the result does not
    // depend on the order bins are visited in. At least one bin is filled: the loop ends.
    for (let attempt = 1; ; attempt++) {
      const probe = fmix32(Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b) ^ seed);
      const from = Math.floor((probe / 4294967296) * k);
      if (filled[from]) {
        sig[i] = sig[from]!;
        break;
      }
    }
  }
}

/** Builds a signer for the given parameters; returns null for texts too short to compare. */
export function createSigner(opts: Partial<NearDuplicateParams> = {}): (text: string) => Signature | null {
  const p = resolveNearDuplicateParams(opts);
  const k = p.bands * p.rows;
  const seeds = slotSeeds(p.seed, k);
  const filled = new Uint8Array(k);
  return (text) => {
    const shingles = shingleHashes(text, p.shingle, p.minChars);
    if (!shingles) return null;
    const sig = new Uint32Array(k);
    if (p.hashing === 'k-permutations') kPermutations(shingles, seeds, sig);
    else onePermutation(shingles, p.seed >>> 0, sig, filled);
    return sig;
  };
}

let defaultSigner: ((text: string) => Signature | null) | null = null;

/** The signature of a text under the default parameters (null when it is too short to compare). */
export function signature(text: string): Signature | null {
  defaultSigner ??= createSigner();
  return defaultSigner(text);
}

/** Share of equal slots: an unbiased estimate of the Jaccard similarity of the two shingle sets. */
export function estimateSimilarity(a: Signature, b: Signature): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Little-endian bytes, the same on every machine, for a BLOB column. */
export function encodeSignature(sig: Signature): Uint8Array {
  const out = new Uint8Array(sig.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < sig.length; i++) view.setUint32(i * 4, sig[i]!, true);
  return out;
}

/** Inverse of encodeSignature; null for bytes that cannot be a signature (empty marks "too short"). */
export function decodeSignature(bytes: Uint8Array): Signature | null {
  if (bytes.length === 0 || bytes.length % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sig = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < sig.length; i++) sig[i] = view.getUint32(i * 4, true);
  return sig;
}
