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
