import { z } from 'zod';
import { checkSpec } from '../tagging/classifier/features';
import { fitLogistic, sigmoid, type SparseRows } from '../tagging/classifier/logistic';
import { normaliseText } from '../nlp/normalise';
import { fitSoftmax } from './softmax';
import { buildSentimentTable, ownOffset, type SentimentTable } from './lookup-table';
import { createSentimentFeaturiser, type SentimentFeatureSpec, type SentimentFeaturiser, type SentimentVector } from './features';

/**
 * Three-way sentiment (pos / neutral / neg), by default as one-vs-rest logistic regression: one
 * binary fit per label (logistic.ts, L-BFGS, L2) over hashed features (features.ts: character
 * n-grams with negation and degree cues; optionally Weibo emoticons and jieba words), each label with its
 * own per-bucket scale (IDF times 1 + |NB log-count ratio|, "NB-weighted"). Examples are weighted by
 * inverse label frequency so each label counts alike. A prediction's probabilities are the sigmoids
 * normalised to sum to 1; the label is the largest.
 *
 * Options measured and left off by default (see the hyper fields): one component per emotion
 * (happy; angry, sad, fear; neutral) and a multinomial softmax (softmax.ts) instead of one-vs-rest.
 * Pure and deterministic.
 */

export const SENTIMENT_LABELS = ['pos', 'neutral', 'neg'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
export const SentimentLabelSchema = z.enum(SENTIMENT_LABELS);

export const SENTIMENT_MODEL_VERSION = 2;

export interface SentimentHyper {
  lambda: number;
  maxIter: number;
  idf: boolean;
  /** Multiply each class's scale by 1 + |NB log-count ratio| of that class against the rest. */
  nb: boolean;
  classBalance: boolean;
  /** One component per label/emotion pair (happy; angry, sad, fear; neutral) where examples carry one. */
  subclasses: boolean;
  /** One softmax over the components (shared features) instead of one-vs-rest sigmoids. */
  multinomial: boolean;
}

export interface SentimentModel {
  version: typeof SENTIMENT_MODEL_VERSION;
  features: SentimentFeatureSpec;
  hyper: SentimentHyper;
  trained: { examples: number; perClass: Record<SentimentLabel, number> };
  /** The one-vs-rest components (labels, or label/emotion sub-classes) and the label each votes for. */
  classes: { name: string; label: SentimentLabel }[];
  /** Document frequencies the scales are derived from (sentimentScales). */
  stats: SentimentStats;
  /** Per-component per-bucket scale (IDF, times the NB ratio when hyper.nb), or null for none. */
  scales: (Float32Array | null)[];
  /** One weight vector and bias per component, in `classes` order. */
  weights: Float32Array[];
  biases: number[];
}

/** Which buckets some training example touched, and in how many examples of each component. */
export interface SentimentStats {
  /** Ascending bucket numbers. */
  buckets: Int32Array;
  /** df[c][j]: examples of component c that have bucket buckets[j]. */
  df: Int32Array[];
  /** Examples per component. */
  perComponent: number[];
}

export interface SentimentPrediction {
  label: SentimentLabel;
  probabilities: Record<SentimentLabel, number>;
}

/**
 * Word and emoticon features are off by default: on this project's Weibo data they moved macro-F1 by
 * no more than the noise (+0.3 in 5-fold CV, +0.0 on the dev split) while words cost ~40 % of the
 * prediction speed. They stay available (--words, --emoticons) for other data.
 */
export const DEFAULT_SENTIMENT_FEATURES: SentimentFeatureSpec = { bits: 20, maxN: 3, words: false, emoticons: false };
export const DEFAULT_SENTIMENT_HYPER: SentimentHyper = { lambda: 1e-6, maxIter: 300, idf: true, nb: true, classBalance: true, subclasses: false, multinomial: false };

export interface SentimentTrainOptions extends Partial<SentimentHyper>, Partial<SentimentFeatureSpec> {
  onProgress?: (done: number, total: number, phase: string) => void;
}

const featurisers = new Map<string, SentimentFeaturiser>();
export function sentimentFeaturiserFor(spec: SentimentFeatureSpec): SentimentFeaturiser {
  const key = `${spec.bits}/${spec.maxN}/${spec.words}/${spec.emoticons}`;
  let f = featurisers.get(key);
  if (!f) {
    f = createSentimentFeaturiser(spec);
    featurisers.set(key, f);
  }
  return f;
}

/** A training example; `emotion` (optional) refines the label into sub-classes when hyper.subclasses. */
export interface SentimentExample {
  text: string;
  label: SentimentLabel;
  emotion?: string | undefined;
}

/** The one-vs-rest component an example trains: its label, or label/emotion with sub-classes. */
function classOf(e: SentimentExample, subclasses: boolean): string {
  return subclasses && typeof e.emotion === 'string' && e.emotion !== '' && e.emotion !== e.label ? `${e.label}/${e.emotion}` : e.label;
}

export function trainSentiment(examples: readonly SentimentExample[], opts: SentimentTrainOptions = {}): SentimentModel {
  const spec: SentimentFeatureSpec = {
    ...checkSpec({ bits: opts.bits ?? DEFAULT_SENTIMENT_FEATURES.bits, maxN: opts.maxN ?? DEFAULT_SENTIMENT_FEATURES.maxN }),
    words: opts.words ?? DEFAULT_SENTIMENT_FEATURES.words,
    emoticons: opts.emoticons ?? DEFAULT_SENTIMENT_FEATURES.emoticons,
  };
  const hyper: SentimentHyper = {
    lambda: opts.lambda ?? DEFAULT_SENTIMENT_HYPER.lambda,
    maxIter: opts.maxIter ?? DEFAULT_SENTIMENT_HYPER.maxIter,
    idf: opts.idf ?? DEFAULT_SENTIMENT_HYPER.idf,
    nb: opts.nb ?? DEFAULT_SENTIMENT_HYPER.nb,
    classBalance: opts.classBalance ?? DEFAULT_SENTIMENT_HYPER.classBalance,
    subclasses: opts.subclasses ?? DEFAULT_SENTIMENT_HYPER.subclasses,
    multinomial: opts.multinomial ?? DEFAULT_SENTIMENT_HYPER.multinomial,
  };
  if (!(hyper.lambda > 0 && Number.isFinite(hyper.lambda))) throw new RangeError(`lambda must be a positive number, got ${hyper.lambda}`);
  if (!(Number.isInteger(hyper.maxIter) && hyper.maxIter >= 1)) throw new RangeError(`maxIter must be a positive integer, got ${hyper.maxIter}`);
  const perClass: Record<SentimentLabel, number> = { pos: 0, neutral: 0, neg: 0 };
  for (const e of examples) perClass[e.label]++;
  const present = SENTIMENT_LABELS.filter((l) => perClass[l] > 0).length;
  if (present < 2) throw new RangeError(`training needs examples of at least two labels (got ${JSON.stringify(perClass)})`);

  // Components: one per label present, or per label/emotion pair; in label order, then by name.
  const names = [...new Set(examples.map((e) => classOf(e, hyper.subclasses)))];
  const labelOf = new Map(examples.map((e) => [classOf(e, hyper.subclasses), e.label] as const));
  names.sort((a, b) => SENTIMENT_LABELS.indexOf(labelOf.get(a)!) - SENTIMENT_LABELS.indexOf(labelOf.get(b)!) || (a < b ? -1 : a > b ? 1 : 0));
  const classes = names.map((name) => ({ name, label: labelOf.get(name)! }));
  const classIndex = new Map(names.map((name, c) => [name, c] as const));
  const ofExample = Int32Array.from(examples, (e) => classIndex.get(classOf(e, hyper.subclasses))!);
  const perComponent = names.map(() => 0);
  for (const c of ofExample) perComponent[c]!++;

  const dim = 2 ** spec.bits;
  const featuriser = sentimentFeaturiserFor(spec);
  const vectors: SentimentVector[] = examples.map((e) => featuriser.features(normaliseText(e.text)));
  const df = new Float64Array(dim);
  const dfClass = names.map(() => new Float64Array(dim));
  examples.forEach((_, r) => {
    const v = vectors[r]!;
    const dc = dfClass[ofExample[r]!]!;
    for (let j = 0; j < v.idx.length; j++) {
      df[v.idx[j]!]! += 1;
      dc[v.idx[j]!]! += 1;
    }
  });
  const n = examples.length;
  const s = Float64Array.from(examples, (e) => (hyper.classBalance ? n / (present * perClass[e.label]) : 1));
  const weights: Float32Array[] = [];
  const biases: number[] = [];
  const buckets: number[] = [];
  for (let b = 0; b < dim; b++) if (df[b]! > 0) buckets.push(b);
  const stats: SentimentStats = {
    buckets: Int32Array.from(buckets),
    df: dfClass.map((dc) => Int32Array.from(buckets, (b) => dc[b]!)),
    perComponent,
  };
  const scales = sentimentScales(stats, spec.bits, hyper);
  if (hyper.multinomial) {
    const fit = fitSoftmax(toRows(vectors, scales[0] ?? null), ofExample, names.length, s, dim, {
      lambda: hyper.lambda,
      maxIter: hyper.maxIter,
      tolerance: 1e-6,
      onIteration: (it, max) => opts.onProgress?.(it, max, 'softmax'),
    });
    return {
      version: SENTIMENT_MODEL_VERSION,
      features: spec,
      hyper,
      trained: { examples: n, perClass },
      classes,
      stats,
      scales,
      weights: fit.weights.map((w) => Float32Array.from(w)),
      biases: fit.biases,
    };
  }
  let shared: SparseRows | null = null;
  names.forEach((name, c) => {
    const rows = scales[c] || !shared ? toRows(vectors, scales[c] ?? null) : shared;
    if (!scales[c]) shared = rows;
    const y = Uint8Array.from(ofExample, (k) => (k === c ? 1 : 0));
    const fit = fitLogistic(rows, y, s, dim, {
      lambda: hyper.lambda,
      maxIter: hyper.maxIter,
      tolerance: 1e-6,
      onIteration: (it, max) => opts.onProgress?.(c * max + it, names.length * max, name),
    });
    weights.push(Float32Array.from(fit.weights));
    biases.push(fit.bias);
  });
  return { version: SENTIMENT_MODEL_VERSION, features: spec, hyper, trained: { examples: n, perClass }, classes, stats, scales, weights, biases };
}

/**
 * Every component's feature scale from the document frequencies (what a model file stores instead
 * of the scales themselves): per component when one-vs-rest; with a softmax one shared scale, the
 * largest of the components' at each bucket. Null entries when neither IDF nor NB is on.
 */
export function sentimentScales(stats: SentimentStats, bits: number, hyper: SentimentHyper): (Float32Array | null)[] {
  const dim = 2 ** bits;
  const df = new Float64Array(dim);
  const dfClass = stats.df.map((counts) => {
    const dc = new Float64Array(dim);
    stats.buckets.forEach((b, j) => {
      dc[b] = counts[j]!;
      df[b]! += counts[j]!;
    });
    return dc;
  });
  const n = stats.perComponent.reduce((a, b) => a + b, 0);
  const per = dfClass.map((dc, c) => scaleFor(df, dc, n, stats.perComponent[c]!, hyper));
  if (!hyper.multinomial || !per[0]) return per;
  const shared = new Float32Array(dim);
  for (const sc of per) for (let b = 0; b < dim; b++) if (sc![b]! > shared[b]!) shared[b] = sc![b]!;
  return per.map(() => shared);
}

/**
 * Smoothed IDF (as scikit-learn's) times, with nb, 1 + |r| where r is the log ratio of the bucket's
 * document frequency in this class to that in the rest, add-one smoothed and normalised by size.
 */
function scaleFor(df: Float64Array, dfClass: Float64Array, n: number, inClass: number, hyper: SentimentHyper): Float32Array | null {
  if (!hyper.idf && !hyper.nb) return null;
  const scale = new Float32Array(df.length);
  const rest = n - inClass;
  for (let b = 0; b < df.length; b++) {
    let v = hyper.idf ? Math.log((1 + n) / (1 + df[b]!)) + 1 : 1;
    if (hyper.nb) {
      const p = dfClass[b]!;
      const q = df[b]! - p;
      v *= 1 + Math.abs(Math.log(((p + 1) / (inClass + 2)) / ((q + 1) / (rest + 2))));
    }
    scale[b] = v;
  }
  return scale;
}

/** CSR rows, each re-scaled by IDF and L2-normalised again. */
function toRows(vectors: readonly SentimentVector[], idf: Float32Array | null): SparseRows {
  let nnz = 0;
  for (const v of vectors) nnz += v.idx.length;
  const rowPtr = new Int32Array(vectors.length + 1);
  const col = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let p = 0;
  vectors.forEach((v, r) => {
    let norm = 0;
    for (let j = 0; j < v.idx.length; j++) {
      const x = v.val[j]! * (idf ? idf[v.idx[j]!]! : 1);
      col[p + j] = v.idx[j]!;
      val[p + j] = x;
      norm += x * x;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < v.idx.length; j++) val[p + j]! *= inv;
    p += v.idx.length;
    rowPtr[r + 1] = p;
  });
  return { rowPtr, col, val };
}

/** Each model's lookup table (lookup-table.ts), built when the model is put to use (prepareSentimentModel) or on first use. */
const tables = new WeakMap<SentimentModel, SentimentTable>();

/**
 * Builds the model's lookup table now (~0.35 s for 2^20 buckets), when a model is loaded, rather than
 * inside the first prediction — which would be the first ingest batch after start-up or a new model.
 */
export function prepareSentimentModel(model: SentimentModel): void {
  tableOf(model);
}

/** Whether the model's lookup table is built (for tests). */
export function sentimentTableReady(model: SentimentModel): boolean {
  return tables.has(model);
}

/**
 * The table of `next`, a copy of `model` whose weights differ only in the `changed` buckets (an
 * analyst's correction, online.ts): the old table with those weights written in — a copy of a few MB
 * instead of a rebuild over every bucket, in the request that carries the correction. Nothing happens
 * when `model` has no table yet, or a changed bucket shares the common entry (the next use rebuilds).
 */
export function carrySentimentTable(model: SentimentModel, next: SentimentModel, changed: Iterable<number>): void {
  const t = tables.get(model);
  if (!t || t.K !== next.weights.length) return;
  const own = t.own.slice();
  for (const b of changed) {
    const at = ownOffset(t, b);
    if (at < 0) return;
    for (let c = 0; c < t.K; c++) own[at + 2 * c + 1] = next.weights[c]![b]!;
  }
  tables.set(next, { ...t, own });
}
function tableOf(model: SentimentModel): SentimentTable {
  let t = tables.get(model);
  if (!t) {
    t = buildSentimentTable(model);
    tables.set(model, t);
  }
  return t;
}

/** Margins (w·x + b) per component (model.classes) for already-normalised text. */
export function sentimentMargins(model: SentimentModel, normalised: string): number[] {
  const v = sentimentFeaturiserFor(model.features).features(normalised);
  const t = tableOf(model);
  const K = t.K;
  // Where each feature's values are, first, then the values: the table reads are cache misses, and
  // two short loops of independent reads let the CPU have many in flight at once.
  if (offsets.length < v.idx.length) offsets = new Int32Array(v.idx.length * 2);
  for (let j = 0; j < v.idx.length; j++) offsets[j] = ownOffset(t, v.idx[j]!);
  const m = new Float64Array(K);
  const norm = new Float64Array(K);
  for (let j = 0; j < v.idx.length; j++) {
    const at = offsets[j]!;
    const p = at < 0 ? t.shared : t.own;
    const base = at < 0 ? 0 : at;
    const x0 = v.val[j]!;
    for (let c = 0; c < K; c++) {
      const x = x0 * p[base + 2 * c]!;
      m[c]! += p[base + 2 * c + 1]! * x;
      norm[c]! += x * x;
    }
  }
  return Array.from(m, (mc, c) => model.biases[c]! + (norm[c]! > 0 ? mc / Math.sqrt(norm[c]!) : 0));
}
let offsets = new Int32Array(1024);

/**
 * Each component's sigmoid, summed per label and normalised to sum to 1; the label is the largest.
 */
export function predictSentiment(model: SentimentModel, text: string): SentimentPrediction {
  return predictSentimentNormalised(model, normaliseText(text));
}

/** predictSentiment for text already through normaliseText. */
export function predictSentimentNormalised(model: SentimentModel, normalised: string): SentimentPrediction {
  const margins = sentimentMargins(model, normalised);
  const sums = [0, 0, 0];
  const top = Math.max(...margins);
  model.classes.forEach((cl, c) => {
    sums[SENTIMENT_LABELS.indexOf(cl.label)]! += model.hyper.multinomial ? Math.exp(margins[c]! - top) : sigmoid(margins[c]!);
  });
  const total = sums[0]! + sums[1]! + sums[2]! || 1;
  let best = 0;
  for (let c = 1; c < 3; c++) if (sums[c]! > sums[best]!) best = c;
  return {
    label: SENTIMENT_LABELS[best]!,
    probabilities: { pos: sums[0]! / total, neutral: sums[1]! / total, neg: sums[2]! / total },
  };
}
