import type { ItemKind, Reason, Tag } from '../contracts/item';
import { applyBlend, type Blend } from './classifier/blend';
import type { Evidence } from './evidence';
import { SIGNALS, type SignalKey } from './signals';

export interface TagResult {
  tags: Tag[];
  /** Rumour suspicion in [0, 1]; 0 when nothing fired. */
  score: number;
  reasons: Reason[];
}

export interface ScoreOptions {
  /** Rumour score at or above which an item is tagged 'rumor-suspect'. */
  threshold: number;
  /** Rebuttal score at or above which an item is tagged 'rebuttal'. */
  rebuttalThreshold: number;
}

/**
 * Added to the rebuttal side when a notice or news source uses debunk language: an official channel
 * saying 不实/辟谣 is the rebuttal itself, a private post saying it is often just quoting one.
 */
const OFFICIAL_REBUTTAL_WEIGHT = 0.5;
/** How much rebuttal evidence survives when the text also denies a debunk ("不是谣言"). */
const DENIED_REBUTTAL_FACTOR = 0.3;

/** 1 − Π(1 − w): independent pieces of evidence, each able to make the case alone. */
function noisyOr(weights: Iterable<number>): number {
  let miss = 1;
  for (const w of weights) miss *= 1 - Math.min(1, Math.max(0, w));
  return 1 - miss;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

interface Bucket {
  key: SignalKey;
  weight: number;
  matches: string[];
}

/** One bucket per signal: distinct phrases in text order, weight after the kind factor. */
function bucketise(evidence: readonly Evidence[], kind: ItemKind): Map<SignalKey, Bucket> {
  const present = new Set(evidence.map((e) => e.signal));
  const phraseWeights = new Map<SignalKey, Map<string, number>>();
  const sorted = [...evidence].sort((a, b) => a.start - b.start);
  for (const e of sorted) {
    const spec = SIGNALS[e.signal];
    if (spec.side === 'none') continue;
    if (spec.requires && !spec.requires.some((k) => present.has(k))) continue;
    const w = e.weight * spec.kindFactor[kind];
    if (w <= 0) continue;
    const phrases = phraseWeights.get(e.signal) ?? new Map<string, number>();
    // A phrase repeated ten times is still one phrase: spam must not inflate the score.
    phrases.set(e.phrase, Math.max(phrases.get(e.phrase) ?? 0, w));
    phraseWeights.set(e.signal, phrases);
  }
  const buckets = new Map<SignalKey, Bucket>();
  for (const [key, phrases] of phraseWeights) {
    buckets.set(key, { key, weight: noisyOr(phrases.values()), matches: [...phrases.keys()] });
  }
  return buckets;
}

function toReason(code: string, label: string, weight: number, matches: string[], signal: string = code): Reason {
  return { code, label, signal, weight: round(weight), matches };
}

/** The classifier's say in one item, as the tagger hands it over (see classifier/blend.ts). */
export interface ClassifierSignal {
  /** The model's probability that the text is a rumour. */
  probability: number;
  /** Phrases of the text behind it (may be empty). */
  ngrams: string[];
  blend: Blend;
}

/**
 * How much of the classifier's probability survives per item kind. It learns from the posts editors
 * label; official notices and news are another genre ("紧急通知", "网传…" reported as news), so, as
 * with the lexicon's kind factors, only part of its suspicion carries over. A product judgement, not
 * a measurement: there are no labelled notices to fit it on.
 */
const CLASSIFIER_KIND_FACTOR: Readonly<Record<ItemKind, number>> = { post: 1, news: 0.5, notice: 0.5 };

interface LexiconOutcome {
  /** Noisy-or of the rumour-side weights, quoted ones discounted; unrounded. */
  score: number;
  rebuttalScore: number;
  isRebuttal: boolean;
  reasons: Reason[];
}

/**
 * The lexicon's verdict. The rumour and rebuttal sides are scored apart; when the rebuttal side wins,
 * the rumour phrases it quotes ("关于网传…") are discounted by the rebuttal's strength and reported as
 * quoted, since a debunk has to name what it debunks.
 */
function scoreLexicon(evidence: readonly Evidence[], kind: ItemKind, opts: ScoreOptions): LexiconOutcome {
  const buckets = bucketise(evidence, kind);
  const rumourBuckets = [...buckets.values()].filter((b) => SIGNALS[b.key].side === 'rumour');
  const rebuttalBuckets = [...buckets.values()].filter((b) => SIGNALS[b.key].side === 'rebuttal');
  const official = kind !== 'post' && buckets.has('rebuttal');
  const denial = buckets.get('denial');

  let rebuttalScore = 0;
  if (rebuttalBuckets.length > 0) {
    const weights = rebuttalBuckets.map((b) => b.weight);
    if (official) weights.push(OFFICIAL_REBUTTAL_WEIGHT);
    rebuttalScore = noisyOr(weights) * (denial ? DENIED_REBUTTAL_FACTOR : 1);
  }
  const isRebuttal = rebuttalScore >= opts.rebuttalThreshold;

  const reasons: Reason[] = [];
  const rumourWeights: number[] = [];
  const quoted: Bucket[] = [];
  for (const b of rumourBuckets) {
    // Denials are the text's own stance, never a quotation.
    if (isRebuttal && b.key !== 'denial') {
      quoted.push(b);
      rumourWeights.push(b.weight * (1 - rebuttalScore));
      continue;
    }
    rumourWeights.push(b.weight);
    reasons.push(toReason(SIGNALS[b.key].code, SIGNALS[b.key].label, b.weight, b.matches, b.key));
  }
  const score = noisyOr(rumourWeights);

  for (const b of rebuttalBuckets) reasons.push(toReason(SIGNALS[b.key].code, SIGNALS[b.key].label, b.weight, b.matches, b.key));
  if (official) reasons.push(toReason('official-source', '官方渠道发布的辟谣', OFFICIAL_REBUTTAL_WEIGHT, []));
  if (quoted.length > 0) {
    const weight = noisyOr(quoted.map((b) => b.weight)) * (1 - rebuttalScore);
    const matches = [...new Set(quoted.flatMap((b) => b.matches))];
    reasons.push(toReason('quoted-rumour', '辟谣中引述的传言（已降权）', weight, matches));
  }
  return { score, rebuttalScore, isRebuttal, reasons };
}

/** The two inputs of the blend, with the classifier's probability after the kind and quotation discounts. */
function blendInputs(lexicon: LexiconOutcome, kind: ItemKind, probability: number): { probability: number; lexicon: number } {
  const quotedFactor = lexicon.isRebuttal ? 1 - lexicon.rebuttalScore : 1;
  return { probability: probability * CLASSIFIER_KIND_FACTOR[kind] * quotedFactor, lexicon: lexicon.score };
}

/** What the blend sees for an item: training fits it on exactly these (classifier/train-tagger-model.ts). */
export function classifierBlendInputs(
  evidence: readonly Evidence[],
  kind: ItemKind,
  opts: ScoreOptions,
  probability: number,
): { probability: number; lexicon: number } {
  return blendInputs(scoreLexicon(evidence, kind, opts), kind, probability);
}

/**
 * Turns evidence (and, when the tagger has a model, the classifier's probability) into tags, a score
 * and reasons. Without a classifier the score is the lexicon's. With one, the score is the blend of
 * the two fitted on the user's labels; the classifier's probability is discounted by the item kind
 * and, in a text the lexicon reads as a debunk, by the rebuttal's strength, like quoted phrases.
 */
export function scoreEvidence(evidence: readonly Evidence[], kind: ItemKind, opts: ScoreOptions, classifier?: ClassifierSignal): TagResult {
  const outcome = scoreLexicon(evidence, kind, opts);
  const { rebuttalScore, isRebuttal, reasons } = outcome;
  let score = outcome.score;
  if (classifier) {
    const inputs = blendInputs(outcome, kind, classifier.probability);
    score = applyBlend(classifier.blend, inputs.probability, inputs.lexicon);
    const label = isRebuttal ? '统计模型判断（辟谣中引述，已降权）' : '统计模型判断';
    reasons.push(toReason('classifier', label, inputs.probability, classifier.ngrams, isRebuttal ? 'classifier-quoted' : 'classifier'));
  }

  const tags: Tag[] = [];
  const suspect = score >= opts.threshold;
  // Both sides over their thresholds is a mixed text; the stronger side names it.
  if (suspect && (!isRebuttal || score > rebuttalScore)) tags.push('rumor-suspect');
  else if (isRebuttal) tags.push('rebuttal');

  score = round(Math.min(1, Math.max(0, score)));
  reasons.sort((a, b) => b.weight - a.weight || a.code.localeCompare(b.code) || a.label.localeCompare(b.label));
  return { tags, score, reasons };
}
