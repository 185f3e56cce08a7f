import { normaliseText } from '../../nlp/normalise';
import type { SparseVector } from './features';
import { sigmoid } from './logistic';
import { featuriserFor, type ClassifierModel } from './model';

/**
 * Why the model leans rumour: the n-grams of this text with the largest positive contributions
 * (weight × feature value), located in the text and merged where they overlap, so editors read
 * "紧急扩散" rather than "紧急扩", "急扩散". Single characters are left out: "的" explains nothing.
 */

export interface Analysis {
  /** Probability that the text is a rumour. */
  probability: number;
  /** Up to `maxMatches` phrases of the text that pushed the probability up, strongest first. */
  ngrams: string[];
}

/** Buckets considered before merging: a few more than shown, since neighbours merge into one phrase. */
const TOP_BUCKETS = 12;
const MAX_MATCHES = 5;
/** Merged phrases longer than this are cut back to their strongest n-gram. */
const MAX_PHRASE_CHARS = 12;

const EDGE_PUNCTUATION = /^[\p{P}\p{Z}\s]+|[\p{P}\p{Z}\s]+$/gu;
const PUNCTUATION = /[\p{P}\p{Z}\s]/gu;

let contributionScratch = new Float32Array(1024);

interface Span {
  start: number;
  end: number;
  score: number;
  best: { start: number; end: number };
}

/**
 * The k entries of v (n-grams of two units or more) with the largest positive contributions, as
 * parallel arrays, best first.
 */
function topEntries(v: SparseVector, contributions: Float32Array, k: number): { entries: number[]; scores: number[] } {
  const entries: number[] = [];
  const scores: number[] = [];
  for (let j = 0; j < v.count; j++) {
    const first = v.first[j]!;
    if (first < 0 || (first & 7) < 2) continue; // the document feature and unigrams
    const c = contributions[j]!;
    if (!(c > 0)) continue;
    if (scores.length === k && c <= scores[k - 1]!) continue;
    let at = scores.length;
    while (at > 0 && scores[at - 1]! < c) at--;
    entries.splice(at, 0, j);
    scores.splice(at, 0, c);
    if (scores.length > k) {
      entries.pop();
      scores.pop();
    }
  }
  return { entries, scores };
}

function explainVector(model: ClassifierModel, text: string, v: SparseVector, contributions: Float32Array): string[] {
  const { entries, scores } = topEntries(v, contributions, TOP_BUCKETS);
  if (entries.length === 0) return [];
  const { starts } = featuriserFor(model.features).lastUnits;
  // One occurrence per n-gram (its first), recorded by the featuriser: no second pass over the text.
  const spans: Span[] = entries.map((j, r) => {
    const unit = v.first[j]! >> 3;
    const start = starts[unit]!;
    const end = starts[unit + (v.first[j]! & 7)]!;
    return { start, end, score: scores[r]!, best: { start, end } };
  });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
      if (s.score > last.score) {
        last.score = s.score;
        last.best = s.best;
      }
    } else merged.push({ ...s });
  }
  merged.sort((a, b) => b.score - a.score || a.start - b.start);
  const out: string[] = [];
  for (const m of merged) {
    const range = m.end - m.start > MAX_PHRASE_CHARS ? m.best : m;
    // "轮奸," reads as 轮奸; "的," (a character and a comma) says nothing to an editor.
    const phrase = text.slice(range.start, range.end).replace(EDGE_PUNCTUATION, '');
    if (phrase.replace(PUNCTUATION, '').length >= 2 && !out.includes(phrase)) out.push(phrase);
    if (out.length === MAX_MATCHES) break;
  }
  return out;
}

/**
 * Probability of normalised text, and the phrases behind it when the probability reaches
 * `explainFrom` (items the model clears skip the selection and the strings).
 */
export function analyseNormalised(model: ClassifierModel, normalised: string, explainFrom = 0): Analysis {
  const packed = interleaved(model);
  const v = packed ? featuriserFor(model.features).features(normalised, packed, 2) : featuriserFor(model.features).features(normalised, null);
  // Margin and per-entry contributions in one pass: the weight lookups are the costly part.
  if (contributionScratch.length < v.count) contributionScratch = new Float32Array(v.idx.length);
  const contributions = contributionScratch;
  const w = packed ?? model.weights;
  const stride = packed ? 2 : 1;
  const offset = packed ? 1 : 0;
  let margin = model.bias;
  for (let j = 0; j < v.count; j++) {
    const c = w[v.idx[j]! * stride + offset]! * v.val[j]!;
    contributions[j] = c;
    margin += c;
  }
  const probability = sigmoid(margin);
  return { probability, ngrams: probability >= explainFrom ? explainVector(model, normalised, v, contributions) : [] };
}

/**
 * A model's IDF and weights side by side ([idf0, w0, idf1, w1, …]), built on first use: reading a
 * bucket's IDF brings its weight into the cache with it. Null for a model without IDF. Models are never
 * changed in place (an update makes a new one), so the copy stays true.
 */
const interleavedCache = new WeakMap<ClassifierModel, Float32Array>();
function interleaved(model: ClassifierModel): Float32Array | null {
  if (!model.idf) return null;
  let p = interleavedCache.get(model);
  if (!p) {
    p = new Float32Array(model.weights.length * 2);
    for (let b = 0; b < model.weights.length; b++) {
      p[2 * b] = model.idf[b]!;
      p[2 * b + 1] = model.weights[b]!;
    }
    interleavedCache.set(model, p);
  }
  return p;
}

/** The phrases of raw text that push the model towards "rumour", strongest first. */
export function explain(model: ClassifierModel, text: string): string[] {
  return analyseNormalised(model, normaliseText(text)).ngrams;
}
