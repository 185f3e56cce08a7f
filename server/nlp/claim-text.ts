import { isLetterOrDigit, letterOrDigitTable } from './letter-or-digit';
import { fmix32 } from './near-duplicate-shingles';

/**
 * The units claim matching counts: letters and digits of the normalised text (punctuation, spaces
 * and emoji left out, so "板蓝根，可以" and "板蓝根可以" are the same), with where each came from in
 * the normalised string, so a match can be shown.
 */
export interface ClaimUnits {
  /** Number of letters and digits taken. */
  count: number;
  /** keys[i]: the character bigram units i, i + 1 (count − 1 of them), see bigramKey. */
  keys: Uint32Array;
  /** trigrams[i]: a 32-bit hash of units i, i + 1, i + 2 (count − 2 of them). */
  trigrams: Uint32Array;
  /** starts[i]: index in the normalised string of unit i; starts[count] = end of the last unit. */
  starts: Int32Array;
}

/**
 * The key of the bigram (a, b): exact (a × 65536 + b) for BMP characters, hashed for the rare
 * astral one (a CJK extension character); a collision there only merges two rare bigrams.
 */
export function bigramKey(a: number, b: number): number {
  if (a <= 0xffff && b <= 0xffff) return ((a << 16) | b) >>> 0;
  return fmix32(Math.imul(a, 0x9e3779b1) ^ b);
}

/**
 * Letters and digits of already normalised text, up to maxUnits of them (the rest is ignored:
 * the bound on work for very long items).
 */
export function claimUnits(normalised: string, maxUnits = Infinity): ClaimUnits {
  const table = letterOrDigitTable();
  const limit = Math.min(normalised.length, maxUnits);
  const cps = new Int32Array(limit);
  const starts = new Int32Array(limit + 1);
  let n = 0;
  let end = 0;
  for (let i = 0; i < normalised.length && n < limit; ) {
    const c = normalised.charCodeAt(i);
    let cp = c;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < normalised.length) {
      const lo = normalised.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const keep = width === 1 ? table[c] === 1 : isLetterOrDigit(cp);
    if (keep) {
      cps[n] = cp;
      starts[n] = i;
      n++;
      end = i + width;
    }
    i += width;
  }
  starts[n] = end;
  const keys = new Uint32Array(Math.max(0, n - 1));
  for (let i = 0; i + 1 < n; i++) keys[i] = bigramKey(cps[i]!, cps[i + 1]!);
  const trigrams = new Uint32Array(Math.max(0, n - 2));
  for (let i = 0; i + 2 < n; i++) trigrams[i] = fmix32(keys[i]! ^ Math.imul(cps[i + 2]! + 1, 0x9e3779b1));
  return { count: n, keys, trigrams, starts: starts.subarray(0, n + 1) };
}
