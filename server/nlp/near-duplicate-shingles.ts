import { letterOrDigitTable, isLetterOrDigit } from './letter-or-digit';
import { normaliseText } from './normalise';

/**
 * Canonical text for near-duplicate detection: the search normalisation (NFKC, traditional →
 * simplified, evasion fillers out) and then only letters and digits. Reposts differ mostly in
 * punctuation, spacing and emoji; dropping them makes those edits free instead of costing shingles.
 */
export function dedupCanonical(text: string): string {
  return normaliseText(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Murmur3's 32-bit finaliser: full avalanche in five operations, no BigInt. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Code points of dedupCanonical(text) — its letters and digits after normalisation — read in one
 * pass, without building the canonical string (a Han character beyond the BMP counts as one, as a
 * reader sees it).
 */
export function canonicalCodePoints(text: string): Int32Array {
  const s = normaliseText(text);
  const table = letterOrDigitTable();
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        if (isLetterOrDigit(cp)) out[n++] = cp;
        i++;
        continue;
      }
    }
    if (table[c] === 1) out[n++] = c;
  }
  return out.subarray(0, n);
}

/**
 * 32-bit hashes of the overlapping `size`-character shingles of a text's canonical form
 * (canonicalCodePoints), or null when it has fewer than `minChars` characters: on very short texts
 * one edit changes most shingles and two unrelated one-liners can share most of theirs, so
 * similarity means little. Repeated shingles give repeated hashes; MinHash takes minima, so they do
 * no harm.
 */
export function shingleHashes(text: string, size: number, minChars: number): Uint32Array | null {
  const cps = canonicalCodePoints(text);
  if (cps.length < Math.max(minChars, size)) return null;
  const count = cps.length - size + 1;
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5; // FNV-1a over code points, then finalised so every bit depends on every character
    for (let j = 0; j < size; j++) h = Math.imul(h ^ cps[i + j]!, 0x01000193);
    out[i] = fmix32(h);
  }
  return out;
}
