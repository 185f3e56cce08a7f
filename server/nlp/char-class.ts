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
  /**
   * Combining marks (strike-through U+0336, "Zalgo" stacks): dropped after a Han character or inside
   * a filler run, where they can only be decoration (Han takes no diacritics); kept elsewhere.
   */
  Mark: 5,
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
  // Decorative symbols seen inserted into words, beyond the blocks above. Quotes (‘’“”‹›), brackets
  // and 々 stay Plain: they carry structure or meaning.
  for (const ch of '©®°¦§¶¤¬¯¨´¸') t[ch.charCodeAt(0)] = CharClass.Filler;
  fill(t, 0x2016, 0x2017, CharClass.Filler); // ‖ ‗
  fill(t, 0x2020, 0x2021, CharClass.Filler); // † ‡
  fill(t, 0x2030, 0x2031, CharClass.Filler); // ‰ ‱ (primes ′ ″ stay: posts use them as quotes)
  t[0x2038] = CharClass.Filler; // ‸
  fill(t, 0x203b, 0x205e, CharClass.Filler); // ※ ‼ ‽ ⁂ ⁎ ⁑ …
  fill(t, 0x2400, 0x245f, CharClass.Filler); // control pictures, OCR
  fill(t, 0x27c0, 0x28ff, CharClass.Filler); // maths symbols, supplemental arrows, braille (⠀ used as a blank)
  fill(t, 0x2e00, 0x2e7f, CharClass.Filler); // supplemental punctuation
  for (const c of [0x3004, 0x3012, 0x3013, 0x301c, 0x3020, 0x3036, 0x3037, 0x303c, 0x303e, 0x303f]) t[c] = CharClass.Filler; // 〄 〒 〓 〜 〠 〶 …

  fill(t, 0x0300, 0x036f, CharClass.Mark); // combining diacritics (U+0336 strike-through)
  fill(t, 0x1ab0, 0x1aff, CharClass.Mark);
  fill(t, 0x1dc0, 0x1dff, CharClass.Mark);
  fill(t, 0x20d0, 0x20ff, CharClass.Mark); // combining marks for symbols (enclosing circles …)
  fill(t, 0xfe20, 0xfe2f, CharClass.Mark); // combining half marks
  t[0x20e3] = CharClass.Filler; // the emoji keycap stays a filler

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
  // Blank-looking letters used as invisible padding (NFKC turns ㅤ U+3164 and ﾠ U+FFA0 into U+1160).
  for (const c of [0x115f, 0x1160, 0x3164, 0xffa0, 0x17b4, 0x17b5]) t[c] = CharClass.Invisible;
  fill(t, 0x180b, 0x180f, CharClass.Invisible); // Mongolian variation selectors
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
  if (c === 0xd834) return CharClass.Filler | (2 << 4); // musical and other symbols (U+1D000–1D3FF)
  if (c === 0xd82f && lo >= 0xdca0 && lo <= 0xdca3) return CharClass.Invisible | (2 << 4); // shorthand format controls
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

/**
 * Greek and Cyrillic letters that look like a Latin letter, as the lower-case Latin letter. Used only
 * inside a word that also holds ASCII letters ("Соvid" with Cyrillic С and о), so Greek and Russian
 * text stays as it is.
 */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  // Cyrillic
  А: 'a', а: 'a', В: 'b', Е: 'e', е: 'e', Ѕ: 's', ѕ: 's', І: 'i', і: 'i', Ј: 'j', ј: 'j', К: 'k', М: 'm',
  Н: 'h', О: 'o', о: 'o', Р: 'p', р: 'p', С: 'c', с: 'c', Т: 't', У: 'y', у: 'y', Х: 'x', х: 'x', Ү: 'y',
  ү: 'y', Ԁ: 'd', ԁ: 'd', Ԛ: 'q', ԛ: 'q', Ԝ: 'w', ԝ: 'w', ӏ: 'l', Һ: 'h', һ: 'h',
  // Greek
  Α: 'a', α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', ι: 'i', Κ: 'k', κ: 'k', Μ: 'm', Ν: 'n', ν: 'v',
  Ο: 'o', ο: 'o', Ρ: 'p', ρ: 'p', Τ: 't', Υ: 'y', υ: 'u', Χ: 'x', χ: 'x', ϲ: 'c', ϳ: 'j',
};

let homoglyphTable: (string | undefined)[] | null = null;

/** Latin look-alike of a Greek or Cyrillic letter (lower case), or null. */
export function latinHomoglyph(c: number): string | null {
  if (c < 0x370 || c > 0x52f) return null;
  if (homoglyphTable === null) {
    homoglyphTable = [];
    for (const [ch, latin] of Object.entries(HOMOGLYPHS)) homoglyphTable[ch.charCodeAt(0) - 0x370] = latin;
  }
  return homoglyphTable[c - 0x370] ?? null;
}

/** ASCII letter (either case). */
export function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** A letter of a script that homoglyph words mix: ASCII, Greek or Cyrillic. */
export function isMixableLetter(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x370 && c <= 0x52f);
}
