export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Splits text into plain and hit segments for the given phrases (the phrases a rumour reason
 * matched), longest phrase first where they overlap. Pure string work, so the result is rendered as
 * text: nothing here ever becomes HTML.
 */
export function highlightPhrases(text: string, phrases: readonly string[]): Segment[] {
  const wanted = [...new Set(phrases.map((p) => p.trim()).filter((p) => p.length > 0))].sort((a, b) => b.length - a.length);
  if (!text) return [];
  if (wanted.length === 0) return [{ text, hit: false }];
  // Case-insensitive for Latin text, unless lower-casing changes lengths (then indices would drift).
  const folded = text.toLowerCase();
  const fold = folded.length === text.length;
  const hay = fold ? folded : text;
  const needles = fold ? wanted.map((p) => p.toLowerCase()) : wanted;
  const out: Segment[] = [];
  let plainFrom = 0;
  let i = 0;
  while (i < text.length) {
    const n = needles.find((p) => hay.startsWith(p, i));
    if (!n) {
      i++;
      continue;
    }
    if (i > plainFrom) out.push({ text: text.slice(plainFrom, i), hit: false });
    out.push({ text: text.slice(i, i + n.length), hit: true });
    i += n.length;
    plainFrom = i;
  }
  if (plainFrom < text.length) out.push({ text: text.slice(plainFrom), hit: false });
  return out;
}

/** Longest piece of text handed to the browser as one text node (see chunkForLayout). */
export const LAYOUT_CHUNK = 200;

/** Where a cut would split a character or a grapheme (surrogate pair, combining mark, ZWJ sequence, variation selector). */
const JOINS_PREVIOUS = /[\p{M}\u200d\ufe00-\ufe0f\udc00-\udfff]/u;

/**
 * Text cut into pieces of at most about `max` UTF-16 units, never inside a character or a
 * grapheme cluster. Chromium lays out a long run without break opportunities in time quadratic in
 * its length (100 000 characters with overflow-wrap: anywhere: 10–25 s of a frozen tab); as
 * separate inline elements the same text takes milliseconds, looks the same and copies the same.
 */
export function chunkForLayout(text: string, max = LAYOUT_CHUNK): string[] {
  if (text.length <= max) return [text];
  const out: string[] = [];
  let from = 0;
  while (text.length - from > max) {
    let cut = from + max;
    // Move forward past anything that joins the previous character (at most a few units).
    while (cut < text.length && cut - from < max * 2 && (JOINS_PREVIOUS.test(text[cut]!) || text[cut - 1] === '\u200d')) cut++;
    if (cut >= text.length) break;
    out.push(text.slice(from, cut));
    from = cut;
  }
  out.push(text.slice(from));
  return out;
}
