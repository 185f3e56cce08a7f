/**
 * Hot words: which words are rising now, and which are simply frequent. Pure functions over word
 * counts; the caller decides the windows (e.g. the last 24 h against the 7 days before) and where the
 * counts come from (keywords per item, counted once per item).
 */
import { selectTop } from '../lib/select-top';

/** Word counts of one time window. */
export interface WindowCounts {
  /**
   * Per word, the number of documents in the window that contain it (document frequency). Term
   * counts also work (the score treats them as Poisson counts) but let one long article that
   * repeats a word look like a trend, so document frequencies are the intended input.
   */
  counts: ReadonlyMap<string, number>;
  /** Documents in the window: the exposure that turns counts into rates. */
  docs: number;
}

export interface BurstOptions {
  /** A word needs at least this many documents in the current window to be ranked at all. */
  minCount?: number;
  /** Pseudo-count added to both windows' counts (and documents), so a zero never divides. */
  smoothing?: number;
  /** Standard-normal quantile of the lower confidence bound; 1.645 is one-sided 95 %. */
  z?: number;
  /** Words scoring at or below this are not rising and are left out. */
  minScore?: number;
  limit?: number;
}

export interface BurstWord {
  word: string;
  count: number;
  baselineCount: number;
  /** Smoothed documents-per-document rates in each window. */
  rate: number;
  baselineRate: number;
  /** rate / baselineRate: "how many times more often than usual", for display. */
  ratio: number;
  /** Lower confidence bound of ln(ratio): the ranking key. */
  score: number;
}

export interface CountedWord {
  word: string;
  count: number;
}

const DEFAULTS = { minCount: 3, smoothing: 1, z: 1.645, minScore: 0, limit: 50 } as const;

function validCount(n: number | undefined): number {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * Ranks the words of the current window by how much they rose against their own baseline.
 *
 *   rate     = (c + α) / (N + α)          current window: c documents with the word out of N
 *   baseRate = (b + α) / (M + α)          baseline window: b out of M
 *   score    = ln(rate / baseRate) − z · √(1/(c + α) + 1/(b + α))
 *
 * Why this and not the plain ratio: the ratio alone puts a word seen 3 times today and never before
 * above a word that went from 20 to 300, because both baselines are near zero. The subtracted term
 * is the standard error of a log rate ratio of two Poisson counts (the usual "log method" interval),
 * so the score is the lower bound of a one-sided confidence interval: "at least this many times more
 * frequent than usual". Small counts have wide intervals and are pulled down; large counts keep
 * nearly their whole ratio. Why the rate ratio and not a chi-square or G² statistic: those grow with
 * volume, so a very frequent word with a modest 20 % rise would outrank a genuinely new topic; the
 * ratio measures the rise against the word's own baseline, and the interval only guards against
 * noise. α = 1 keeps a word absent from the baseline finite (one pseudo-occurrence) and minCount is a
 * hard floor (a handful of reposts is not a trend, however new). Words steady or falling score ≤ 0
 * and are dropped; with no baseline documents nothing can be said to rise, so the result is empty.
 */
export function rankBurstWords(current: WindowCounts, baseline: WindowCounts, opts: BurstOptions = {}): BurstWord[] {
  const minCount = opts.minCount ?? DEFAULTS.minCount;
  const alpha = opts.smoothing ?? DEFAULTS.smoothing;
  const z = opts.z ?? DEFAULTS.z;
  const minScore = opts.minScore ?? DEFAULTS.minScore;
  const limit = opts.limit ?? DEFAULTS.limit;
  const n = validCount(current.docs);
  const m = validCount(baseline.docs);
  if (n === 0 || m === 0 || limit < 1 || !(alpha > 0)) return [];

  const out: BurstWord[] = [];
  for (const [word, raw] of current.counts) {
    const c = validCount(raw);
    if (c === 0 || c < minCount) continue;
    const b = validCount(baseline.counts.get(word));
    const rate = (c + alpha) / (n + alpha);
    const baselineRate = (b + alpha) / (m + alpha);
    const ratio = rate / baselineRate;
    const score = Math.log(ratio) - z * Math.sqrt(1 / (c + alpha) + 1 / (b + alpha));
    if (score <= minScore) continue;
    out.push({ word, count: c, baselineCount: b, rate, baselineRate, ratio, score });
  }
  // Ties broken by count, then by word, so the same counts always give the same order.
  return selectTop(out, Math.floor(limit), (x, y) => y.score - x.score || y.count - x.count || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0));
}

/** Plain top words by count, for the word cloud (which shows what is talked about, rising or not). */
export function rankByCount(
  counts: ReadonlyMap<string, number>,
  opts: { limit?: number; minCount?: number } = {},
): CountedWord[] {
  const limit = opts.limit ?? 100;
  const minCount = opts.minCount ?? 1;
  if (limit < 1) return [];
  const out: CountedWord[] = [];
  for (const [word, raw] of counts) {
    const count = validCount(raw);
    if (count > 0 && count >= minCount) out.push({ word, count });
  }
  return selectTop(out, Math.floor(limit), (x, y) => y.count - x.count || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0));
}

/**
 * Document frequencies from each document's words (e.g. its extracted keywords or tokens): a word
 * counts once per document however often it repeats, which is what rankBurstWords expects.
 */
export function countDocumentFrequencies(documents: Iterable<Iterable<string>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const words of documents) {
    for (const word of new Set(words)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
