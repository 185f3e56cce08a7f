import { segmentWords } from '../nlp/keywords';
import { normaliseTextWithOffsets } from '../nlp/normalise';
import type { Segment } from './highlight';

/**
 * Marks a search's words in an item's title and in an excerpt of its body, here rather than in
 * Meilisearch: asking the engine to highlight or crop (even only for match positions) cost ~40 ms
 * of its CPU per Chinese query against ~3 ms for the search itself, and on a 2-core server that
 * CPU is shared with indexing and the API. The engine still decides which items match and in
 * which order; this only shows where the words are. The SQLite fallback uses it too.
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
/** Characters of body shown before the first hit, and in all. */
const LEAD = 24;
const EXCERPT = 120;

/**
 * The words to mark: each whitespace-separated part of the (normalised) query, and the words jieba
 * cuts it into (a Chinese phrase matches word by word). Single Chinese characters are kept only when
 * a part is one character; longest first, so a longer word wins where two overlap.
 */
export function queryTerms(q: string): string[] {
  const terms = new Set<string>();
  for (const part of q.toLowerCase().split(/\s+/u).filter(Boolean).slice(0, 8)) {
    terms.add(part);
    if (!CJK.test(part)) continue;
    for (const w of segmentWords(part)) {
      const word = w.trim();
      if (!word || /^[\p{P}\p{S}]+$/u.test(word)) continue;
      if ([...word].length === 1 && CJK.test(word) && [...part].length > 1) continue;
      terms.add(word);
    }
  }
  return [...terms].sort((a, b) => b.length - a.length);
}

/** Characters of a text searched through its normalised form (per-character normalisation is slower). */
const NORMALISED_SEARCH_CHARS = 20_000;

/**
 * [start, end) of every term occurrence in the text as published; when there is none, of the
 * occurrences in its normalised form (traditional script, full-width letters, spelled-out evasions —
 * what the engine matched through titleAlt/bodyAlt), mapped back onto the published text.
 */
function matches(text: string, terms: readonly string[]): [number, number][] {
  const direct = matchesIn(text, terms);
  if (direct.length) return direct;
  const head = text.slice(0, NORMALISED_SEARCH_CHARS);
  const { text: normalised, offsets } = normaliseTextWithOffsets(head);
  if (normalised === head) return [];
  const out: [number, number][] = [];
  for (const [s, e] of matchesIn(normalised, terms)) {
    const start = offsets[s] ?? 0;
    // The published character after the match, or the end; at least one character.
    let end = e < offsets.length ? offsets[e]! : head.length;
    if (end <= start) end = Math.min(head.length, (offsets[e - 1] ?? start) + 1);
    if (out.length && start < out[out.length - 1]![1]) continue;
    out.push([start, end]);
  }
  return out;
}

/** [start, end) of every term occurrence, left to right, overlaps resolved in favour of the earlier, longer one. */
function matchesIn(text: string, terms: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  // toLowerCase may change lengths for a few scripts: then match the text as it is.
  const hay = lower.length === text.length ? lower : text;
  const covered = new Uint8Array(hay.length);
  const found: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = hay.indexOf(term); at >= 0; at = hay.indexOf(term, at + term.length)) {
      let free = true;
      for (let k = at; k < at + term.length; k++) if (covered[k]) free = false;
      if (!free) continue;
      covered.fill(1, at, at + term.length);
      found.push([at, at + term.length]);
      if (found.length > 200) break;
    }
  }
  return found.sort((a, b) => a[0] - b[0]);
}

function segmentsOf(text: string, hits: [number, number][], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const [s, e] of hits) {
    if (e <= from || s >= to) continue;
    const start = Math.max(s, from);
    if (start > at) out.push({ text: text.slice(at, start), hit: false });
    out.push({ text: text.slice(start, Math.min(e, to)), hit: true });
    at = Math.min(e, to);
  }
  if (at < to) out.push({ text: text.slice(at, to), hit: false });
  return out;
}

/** Does not split a surrogate pair at `i` (moves left). */
const safe = (text: string, i: number) => (i > 0 && i < text.length && /[\udc00-\udfff]/u.test(text[i]!) ? i - 1 : i);

/**
 * The title with the terms marked, whole; null when no term occurs in it.
 */
export function markTitle(title: string, terms: readonly string[]): Segment[] | null {
  const flat = title.replace(/\s+/gu, ' ').trim();
  const hits = matches(flat, terms);
  return hits.length ? segmentsOf(flat, hits, 0, flat.length) : null;
}

/**
 * An excerpt of the body around its first hit (about EXCERPT characters, with an ellipsis where
 * text is left out), the terms marked; null when no term occurs in it.
 */
export function markExcerpt(body: string, terms: readonly string[]): Segment[] | null {
  // Only the start of a very long body is searched for the excerpt (crawled text is bounded anyway).
  const flat = body.slice(0, 200_000).replace(/\s+/gu, ' ').trim();
  const hits = matches(flat, terms);
  if (!hits.length) return null;
  const from = safe(flat, Math.max(0, hits[0]![0] - LEAD));
  const to = safe(flat, Math.min(flat.length, from + EXCERPT));
  const segs = segmentsOf(flat, hits, from, to);
  if (from > 0) segs.unshift({ text: '…', hit: false });
  if (to < flat.length) segs.push({ text: '…', hit: false });
  return segs;
}

/** What a search result shows: the body's excerpt where the words occur, else the title's marks, else nothing. */
export function highlightFor(item: { title: string; body: string }, terms: readonly string[]): Segment[] | null {
  if (terms.length === 0) return null;
  return markExcerpt(item.body, terms) ?? markTitle(item.title, terms);
}
