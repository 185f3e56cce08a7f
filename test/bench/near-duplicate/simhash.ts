import { dedupCanonical, fmix32, shingleHashes } from '../../../server/nlp/near-duplicate-shingles';

/** A 64-bit SimHash as two 32-bit halves (no BigInt: it is ~70× slower). */
export interface SimHash64 {
  hi: number;
  lo: number;
}

/**
 * The comparison baseline: SimHash over the same canonical text and shingles as the MinHash
 * signer, each shingle weighted 1, the second half from an independent rehash of the shingle.
 */
export function createSimHasher(shingle: number, minChars: number) {
  const counts = new Int32Array(64);
  return (text: string): SimHash64 | null => {
    const hashes = shingleHashes(dedupCanonical(text), shingle, minChars);
    if (!hashes) return null;
    counts.fill(0);
    for (let i = 0; i < hashes.length; i++) {
      const a = hashes[i]!;
      const b = fmix32(a ^ 0x7f4a7c15);
      for (let bit = 0; bit < 32; bit++) {
        counts[bit]! += (a >>> bit) & 1 ? 1 : -1;
        counts[32 + bit]! += (b >>> bit) & 1 ? 1 : -1;
      }
    }
    let hi = 0;
    let lo = 0;
    for (let bit = 0; bit < 32; bit++) {
      if (counts[bit]! > 0) lo |= 1 << bit;
      if (counts[32 + bit]! > 0) hi |= 1 << bit;
    }
    return { hi: hi >>> 0, lo: lo >>> 0 };
  };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hamming(a: SimHash64, b: SimHash64): number {
  return popcount(a.hi ^ b.hi) + popcount(a.lo ^ b.lo);
}

/**
 * Pigeonhole index for Hamming distance ≤ 3: split into four 16-bit blocks, and two hashes within
 * 3 bits agree exactly on at least one block. Candidates are then checked on all 64 bits.
 */
export function createSimHashIndex(maxBits: number) {
  if (maxBits > 3) throw new RangeError('four blocks guarantee recall only up to 3 bits');
  const tables = [new Map<number, number[]>(), new Map<number, number[]>(), new Map<number, number[]>(), new Map<number, number[]>()];
  const all = new Map<number, SimHash64>();
  const blocks = (h: SimHash64) => [h.hi >>> 16, h.hi & 0xffff, h.lo >>> 16, h.lo & 0xffff];
  return {
    add(id: number, h: SimHash64) {
      all.set(id, h);
      blocks(h).forEach((key, t) => {
        const bucket = tables[t]!.get(key);
        if (bucket) bucket.push(id);
        else tables[t]!.set(key, [id]);
      });
    },
    findSimilar(h: SimHash64): number[] {
      const out = new Set<number>();
      blocks(h).forEach((key, t) => {
        for (const id of tables[t]!.get(key) ?? []) if (!out.has(id) && hamming(h, all.get(id)!) <= maxBits) out.add(id);
      });
      return [...out];
    },
  };
}
