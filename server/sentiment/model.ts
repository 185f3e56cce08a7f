import { z } from 'zod';
import { checkSpec, type FeatureSpec } from '../tagging/classifier/features';
import { fitLogistic, sigmoid, type SparseRows } from '../tagging/classifier/logistic';
import { normaliseText } from '../nlp/normalise';
import { createSentimentFeaturiser, type SentimentFeaturiser, type SentimentVector } from './features';

/**
 * Three-way sentiment (pos / neutral / neg) as one-vs-rest logistic regression: three binary fits
 * (logistic.ts, L-BFGS, L2) over the same IDF-scaled hashed features (features.ts, with negation and
 * degree cues). Examples are weighted by inverse class frequency so each class counts alike. A
 * prediction's probabilities are the three sigmoids normalised to sum to 1; the label is the largest.
 * Pure and deterministic.
 */

export const SENTIMENT_LABELS = ['pos', 'neutral', 'neg'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
export const SentimentLabelSchema = z.enum(SENTIMENT_LABELS);

export const SENTIMENT_MODEL_VERSION = 1;

export interface SentimentHyper {
  lambda: number;
  maxIter: number;
  idf: boolean;
  /** Multiply each class's scale by 1 + |NB log-count ratio| of that class against the rest. */
  nb: boolean;
  classBalance: boolean;
}

export interface SentimentModel {
  version: typeof SENTIMENT_MODEL_VERSION;
  features: FeatureSpec;
  hyper: SentimentHyper;
  trained: { examples: number; perClass: Record<SentimentLabel, number> };
  /** Per-label per-bucket scale (IDF, times the NB ratio when hyper.nb), or null for none. */
  scales: (Float32Array | null)[];
  /** One weight vector and bias per label, in SENTIMENT_LABELS order. */
  weights: Float32Array[];
  biases: number[];
}

export interface SentimentPrediction {
  label: SentimentLabel;
  probabilities: Record<SentimentLabel, number>;
}

export const DEFAULT_SENTIMENT_FEATURES: FeatureSpec = { bits: 20, maxN: 3 };
export const DEFAULT_SENTIMENT_HYPER: SentimentHyper = { lambda: 1e-6, maxIter: 300, idf: true, nb: true, classBalance: true };

export interface SentimentTrainOptions extends Partial<SentimentHyper>, Partial<FeatureSpec> {
  onProgress?: (done: number, total: number, phase: string) => void;
}

const featurisers = new Map<string, SentimentFeaturiser>();
export function sentimentFeaturiserFor(spec: FeatureSpec): SentimentFeaturiser {
  const key = `${spec.bits}/${spec.maxN}`;
  let f = featurisers.get(key);
  if (!f) {
    f = createSentimentFeaturiser(spec);
    featurisers.set(key, f);
  }
  return f;
}

export function trainSentiment(examples: readonly { text: string; label: SentimentLabel }[], opts: SentimentTrainOptions = {}): SentimentModel {
  const spec = checkSpec({ bits: opts.bits ?? DEFAULT_SENTIMENT_FEATURES.bits, maxN: opts.maxN ?? DEFAULT_SENTIMENT_FEATURES.maxN });
  const hyper: SentimentHyper = {
    lambda: opts.lambda ?? DEFAULT_SENTIMENT_HYPER.lambda,
    maxIter: opts.maxIter ?? DEFAULT_SENTIMENT_HYPER.maxIter,
    idf: opts.idf ?? DEFAULT_SENTIMENT_HYPER.idf,
    nb: opts.nb ?? DEFAULT_SENTIMENT_HYPER.nb,
    classBalance: opts.classBalance ?? DEFAULT_SENTIMENT_HYPER.classBalance,
  };
  if (!(hyper.lambda > 0 && Number.isFinite(hyper.lambda))) throw new RangeError(`lambda must be a positive number, got ${hyper.lambda}`);
  if (!(Number.isInteger(hyper.maxIter) && hyper.maxIter >= 1)) throw new RangeError(`maxIter must be a positive integer, got ${hyper.maxIter}`);
  const perClass: Record<SentimentLabel, number> = { pos: 0, neutral: 0, neg: 0 };
  for (const e of examples) perClass[e.label]++;
  const present = SENTIMENT_LABELS.filter((l) => perClass[l] > 0).length;
  if (present < 2) throw new RangeError(`training needs examples of at least two labels (got ${JSON.stringify(perClass)})`);

  const dim = 2 ** spec.bits;
  const featuriser = sentimentFeaturiserFor(spec);
  const vectors: SentimentVector[] = examples.map((e) => featuriser.features(normaliseText(e.text)));
  const df = new Float64Array(dim);
  const dfClass = SENTIMENT_LABELS.map(() => new Float64Array(dim));
  examples.forEach((e, r) => {
    const v = vectors[r]!;
    const dc = dfClass[SENTIMENT_LABELS.indexOf(e.label)]!;
    for (let j = 0; j < v.idx.length; j++) {
      df[v.idx[j]!]! += 1;
      dc[v.idx[j]!]! += 1;
    }
  });
  const scales = SENTIMENT_LABELS.map((label, c) => scaleFor(df, dfClass[c]!, examples.length, perClass[label], hyper));
  const n = examples.length;
  const s = Float64Array.from(examples, (e) => (hyper.classBalance ? n / (present * perClass[e.label]) : 1));
  const weights: Float32Array[] = [];
  const biases: number[] = [];
  let shared: SparseRows | null = null;
  SENTIMENT_LABELS.forEach((label, c) => {
    const rows = scales[c] || !shared ? toRows(vectors, scales[c] ?? null) : shared;
    if (!scales[c]) shared = rows;
    const y = Uint8Array.from(examples, (e) => (e.label === label ? 1 : 0));
    if (perClass[label] === 0) {
      // An absent label never wins: zero weights and a very negative bias.
      weights.push(new Float32Array(dim));
      biases.push(-20);
      return;
    }
    const fit = fitLogistic(rows, y, s, dim, {
      lambda: hyper.lambda,
      maxIter: hyper.maxIter,
      tolerance: 1e-6,
      onIteration: (it, max) => opts.onProgress?.(c * max + it, SENTIMENT_LABELS.length * max, label),
    });
    weights.push(Float32Array.from(fit.weights));
    biases.push(fit.bias);
  });
  return { version: SENTIMENT_MODEL_VERSION, features: spec, hyper, trained: { examples: n, perClass }, scales, weights, biases };
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

/** Margins (w·x + b) per label for already-normalised text. */
export function sentimentMargins(model: SentimentModel, normalised: string): number[] {
  const v = sentimentFeaturiserFor(model.features).features(normalised);
  return model.weights.map((w, c) => {
    const scale = model.scales[c];
    let m = 0;
    let norm = 0;
    for (let j = 0; j < v.idx.length; j++) {
      const x = v.val[j]! * (scale ? scale[v.idx[j]!]! : 1);
      m += w[v.idx[j]!]! * x;
      norm += x * x;
    }
    return model.biases[c]! + (norm > 0 ? m / Math.sqrt(norm) : 0);
  });
}

export function predictSentiment(model: SentimentModel, text: string): SentimentPrediction {
  const margins = sentimentMargins(model, normaliseText(text));
  const raw = margins.map(sigmoid);
  const total = raw.reduce((a, b) => a + b, 0) || 1;
  let best = 0;
  for (let c = 1; c < raw.length; c++) if (raw[c]! > raw[best]!) best = c;
  return {
    label: SENTIMENT_LABELS[best]!,
    probabilities: { pos: raw[0]! / total, neutral: raw[1]! / total, neg: raw[2]! / total },
  };
}
