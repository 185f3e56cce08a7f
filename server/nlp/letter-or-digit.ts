/**
 * Letters and digits (Unicode L and N), the characters near-duplicate shingles and claim matching
 * count. BMP characters are read from a table built once from the Unicode properties, so scans over
 * long texts do no regex work; astral ones (CJK extensions) are rare and asked of the regex.
 */

let bmp: Uint8Array | null = null;
const ASTRAL = /^[\p{L}\p{N}]$/u;

function buildTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  const re = /[\p{L}\p{N}]/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (re.test(String.fromCharCode(c))) t[c] = 1;
  }
  return t;
}

/** 1 at every BMP letter or digit (surrogates are 0). */
export function letterOrDigitTable(): Uint8Array {
  return (bmp ??= buildTable());
}

/** Whether the code point is a letter or a digit. */
export function isLetterOrDigit(cp: number): boolean {
  return cp <= 0xffff ? letterOrDigitTable()[cp] === 1 : ASTRAL.test(String.fromCodePoint(cp));
}
