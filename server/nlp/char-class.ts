/**
 * Character classes for the normaliser, looked up in a table so the hot loop does no regex work
 * and allocates nothing per character.
 */

export const CharClass = {
  /** Letters, digits, ordinary punctuation: kept as they are. */
  Plain: 0,
  /** Zero-width, bidi controls, variation selectors, soft hyphen: never visible, always dropped. */
  Invisible: 1,
  /** Spaces, emoji, dingbats, separators like . - _ *: dropped only when squeezed between Han characters. */
  Filler: 2,
  /** Han ideographs (both scripts). */
  Han: 3,
  /** Line breaks: a structural boundary, never treated as filler, so lines are not glued together. */
  Break: 4,
} as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

let bmpTable: Uint8Array | null = null;

function fill(t: Uint8Array, from: number, to: number, cls: CharClass): void {
  t.fill(cls, from, to + 1);
}

function buildBmpTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  fill(t, 0x3400, 0x4dbf, CharClass.Han);
  fill(t, 0x4e00, 0x9fff, CharClass.Han);
  fill(t, 0xf900, 0xfaff, CharClass.Han);
  t[0x3007] = CharClass.Han; // 〇 is written as a numeral inside Chinese words

  // Fillers. Clause punctuation (, ; : ! ? 。、), brackets and quotes stay Plain on purpose:
  // they carry sentence structure, and a phrase must not be matched across a clause boundary.
  for (const ch of ' \t.-_*~|/\\^+=#@&%$`<>') t[ch.charCodeAt(0)] = CharClass.Filler;
  t[0x00a0] = CharClass.Filler;
  t[0x00b7] = CharClass.Filler; // ·
  t[0x00d7] = CharClass.Filler; // ×
  fill(t, 0x2010, 0x2015, CharClass.Filler); // hyphens and dashes
  fill(t, 0x2022, 0x2027, CharClass.Filler); // bullets, leaders, ellipsis, hyphenation point
  fill(t, 0x2190, 0x23ff, CharClass.Filler); // arrows, maths operators, technical symbols
  fill(t, 0x2460, 0x27bf, CharClass.Filler); // enclosed alnum, box drawing, shapes, misc symbols, dingbats (❤ ★ ☆)
  fill(t, 0x2900, 0x2bff, CharClass.Filler); // supplemental arrows, misc symbols and arrows
  t[0x3000] = CharClass.Filler; // ideographic space
  t[0x30fb] = CharClass.Filler; // ・
  t[0x3030] = CharClass.Filler; // 〰
  t[0x303d] = CharClass.Filler; // 〽
  t[0x20e3] = CharClass.Filler; // combining keycap (emoji)
  t[0xff5e] = CharClass.Filler; // ～ (NFKC maps it to ~, kept here for the offsets path)

  t[0x000a] = CharClass.Break;
  t[0x000d] = CharClass.Break;
  t[0x2028] = CharClass.Break;
  t[0x2029] = CharClass.Break;

  t[0x00ad] = CharClass.Invisible; // soft hyphen
  t[0x034f] = CharClass.Invisible; // combining grapheme joiner
  t[0x061c] = CharClass.Invisible; // Arabic letter mark (bidi)
  t[0x180e] = CharClass.Invisible; // Mongolian vowel separator
  fill(t, 0x200b, 0x200f, CharClass.Invisible); // ZWSP, ZWNJ, ZWJ, LRM, RLM
  fill(t, 0x202a, 0x202e, CharClass.Invisible); // bidi embeddings and overrides
  fill(t, 0x2060, 0x2064, CharClass.Invisible); // word joiner, invisible operators
  fill(t, 0x2066, 0x206f, CharClass.Invisible); // bidi isolates, deprecated format chars
  fill(t, 0xfe00, 0xfe0f, CharClass.Invisible); // variation selectors
  t[0xfeff] = CharClass.Invisible; // BOM / ZWNBSP
  return t;
}

/**
 * Class and width (1 or 2 UTF-16 units) of the code point at i, packed as cls | width << 4,
 * so the caller gets both without an object allocation.
 */
export function classAt(s: string, i: number): number {
  bmpTable ??= buildBmpTable();
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return (bmpTable[c] ?? CharClass.Plain) | (1 << 4);
  const lo = s.charCodeAt(i + 1);
  if (!(lo >= 0xdc00 && lo <= 0xdfff)) return CharClass.Plain | (1 << 4); // lone surrogate
  if (c >= 0xd840 && c <= 0xd87e) return CharClass.Han | (2 << 4); // CJK extensions B–H, compatibility supplement
  if (c >= 0xd83c && c <= 0xd83e) return CharClass.Filler | (2 << 4); // emoji, pictographs, mahjong and card symbols
  if (c === 0xdb40) {
    // Tag characters (flag sequences) and variation selectors supplement.
    if ((lo >= 0xdc00 && lo <= 0xdc7f) || (lo >= 0xdd00 && lo <= 0xddef)) return CharClass.Invisible | (2 << 4);
  }
  return CharClass.Plain | (2 << 4);
}

let lowerTable: string[] | null = null;

/** Lower-case form of Latin letters (ASCII and Latin-1/Extended-A/B), or null when unchanged. */
export function lowerLatin(c: number): string | null {
  if (c < 0x41 || c > 0x24f) return null;
  if (c < 0x80) return c <= 0x5a ? String.fromCharCode(c + 32) : null;
  if (lowerTable === null) {
    lowerTable = [];
    for (let k = 0xc0; k <= 0x24f; k++) {
      const lower = String.fromCharCode(k).toLowerCase();
      lowerTable[k - 0xc0] = lower.length === 1 && lower.charCodeAt(0) !== k ? lower : '';
    }
  }
  return lowerTable[c - 0xc0] || null;
}
