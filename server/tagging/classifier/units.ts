/**
 * Turns normalised text into "units", the symbols n-grams are built from: one Han character (or
 * other character) per unit, but a whole Latin word, digit run, URL or @mention as a single unit.
 * Numbers and links are almost never evidence by their exact value ("3月5日", "t.cn/A6x…"), so they
 * are folded into one symbol each, which lets "0月0日" style n-grams generalise across posts.
 *
 * Pure and allocation-light: results go into caller-owned typed arrays that grow when needed.
 */

/** Codes above the Unicode range, so they never collide with a character. */
export const UNIT_DIGITS = 0x110001;
export const UNIT_URL = 0x110002;
export const UNIT_MENTION = 0x110003;
export const UNIT_SPACE = 0x110004;
/** Latin words are hashed into [UNIT_WORD_BASE, UNIT_WORD_BASE + 2^20). */
export const UNIT_WORD_BASE = 0x200000;

export interface UnitBuffer {
  /** units[k] is the k-th symbol. */
  units: Int32Array;
  /** starts[k] is the UTF-16 offset where unit k begins; starts[count] = text.length. */
  starts: Int32Array;
  count: number;
}

export function createUnitBuffer(capacity = 512): UnitBuffer {
  return { units: new Int32Array(capacity), starts: new Int32Array(capacity + 1), count: 0 };
}

function ensure(buf: UnitBuffer, n: number): void {
  if (buf.units.length >= n) return;
  let cap = buf.units.length * 2;
  while (cap < n) cap *= 2;
  buf.units = new Int32Array(cap);
  buf.starts = new Int32Array(cap + 1);
}

const isLatin = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0;
/** Characters a Weibo user name can hold: letters, digits, _ and -, Han. */
const isNameChar = (c: number): boolean => isLatin(c) || isDigit(c) || c === 0x5f || c === 0x2d || (c >= 0x4e00 && c <= 0x9fff);
/** Characters that end a URL: whitespace, CJK and full-width punctuation, quotes and brackets. */
const endsUrl = (c: number): boolean => c <= 0x20 || c >= 0x2e80 || c === 0x22 || c === 0x27 || c === 0x29 || c === 0x5d || c === 0x3e;

/** The most identical punctuation units in a row that are kept: "！！！！！！" reads as "！！！". */
const MAX_REPEAT = 3;

function startsWithUrl(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x68) return text.startsWith('http://', i) || text.startsWith('https://', i);
  if (c === 0x77) return text.startsWith('www.', i);
  return false;
}

/** Splits `text` into units in `buf` (which it may reallocate). Returns the unit count. */
export function toUnits(text: string, buf: UnitBuffer): number {
  ensure(buf, text.length + 1);
  const { length } = text;
  let n = 0;
  let i = 0;
  let repeat = 0;
  let last = -1;
  while (i < length) {
    const start = i;
    const c = text.charCodeAt(i);
    let unit: number;
    if (startsWithUrl(text, i)) {
      while (i < length && !endsUrl(text.charCodeAt(i))) i++;
      unit = UNIT_URL;
    } else if (isLatin(c)) {
      let h = 0x811c9dc5;
      while (i < length && isLatin(text.charCodeAt(i))) h = Math.imul(h ^ (text.charCodeAt(i++) | 0x20), 0x01000193);
      unit = UNIT_WORD_BASE + ((h >>> 0) & 0xfffff);
    } else if (isDigit(c)) {
      // "3.5", "2,000" and "10%" are one number.
      i++;
      while (i < length) {
        const d = text.charCodeAt(i);
        if (isDigit(d)) i++;
        else if ((d === 0x2e || d === 0x2c) && i + 1 < length && isDigit(text.charCodeAt(i + 1))) i += 2;
        else break;
      }
      unit = UNIT_DIGITS;
    } else if (isSpace(c)) {
      while (i < length && isSpace(text.charCodeAt(i))) i++;
      // Leading and trailing whitespace says nothing ("\n" + body is how the tagger joins an empty title).
      if (n === 0 || i === length) continue;
      unit = UNIT_SPACE;
    } else if (c === 0x40 && i + 1 < length && isNameChar(text.charCodeAt(i + 1))) {
      i++;
      while (i < length && isNameChar(text.charCodeAt(i)) && i - start <= 30) i++;
      unit = UNIT_MENTION;
    } else {
      const cp = text.codePointAt(i) ?? c;
      i += cp > 0xffff ? 2 : 1;
      unit = cp;
    }
    if (unit === last && unit < UNIT_DIGITS) {
      if (++repeat >= MAX_REPEAT) continue; // swallowed into the previous unit
    } else repeat = 0;
    last = unit;
    buf.units[n] = unit;
    buf.starts[n] = start;
    n++;
  }
  buf.starts[n] = length;
  buf.count = n;
  return n;
}
