import { sigmoid } from './logistic';

/**
 * How the tagger combines the classifier with the lexicon: a second, three-parameter logistic
 * regression (stacking) over the classifier's log-odds and the lexicon's rumour score,
 *
 *   score = σ(classifier · logit(p) + lexicon · L + bias)
 *
 * fitted on out-of-fold predictions (train-tagger-model.ts), so the lexicon gets exactly the weight
 * it earns on top of the classifier in the user's own labels, and no more. Items where the lexicon
 * is silent (L = 0) keep the classifier's ranking; the fit only recalibrates them.
 */
export interface Blend {
  classifier: number;
  lexicon: number;
  bias: number;
}

/** Before any fit: the classifier as it is, plus a lexicon hit worth what the hand-set weight says. */
export const DEFAULT_BLEND: Blend = { classifier: 1, lexicon: 2, bias: 0 };

const EPS = 1e-6;

export function logit(p: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
}

export function applyBlend(blend: Blend, probability: number, lexicon: number): number {
  return sigmoid(blend.classifier * logit(probability) + blend.lexicon * lexicon + blend.bias);
}

export interface BlendRow {
  /** Out-of-fold classifier probability. */
  probability: number;
  /** Lexicon rumour score in [0, 1]. */
  lexicon: number;
  rumour: boolean;
}

/** Weak prior keeping the weights finite when the lexicon never fires or separates perfectly. */
const BLEND_L2 = 1e-3;

/**
 * Class-balanced maximum-likelihood fit of the three parameters by Newton's method (3×3 system),
 * so that 0.5 stays the point where both kinds of error cost alike.
 */
export function fitBlend(rows: readonly BlendRow[]): Blend {
  const pos = rows.filter((r) => r.rumour).length;
  const neg = rows.length - pos;
  if (pos === 0 || neg === 0) return DEFAULT_BLEND;
  const wPos = rows.length / (2 * pos);
  const wNeg = rows.length / (2 * neg);
  const x = rows.map((r) => [logit(r.probability), r.lexicon, 1] as const);
  let theta = [1, 0, 0];
  for (let it = 0; it < 50; it++) {
    const g = [0, 0, 0];
    const h = [
      [BLEND_L2 * rows.length, 0, 0],
      [0, BLEND_L2 * rows.length, 0],
      [0, 0, 1e-9],
    ];
    g[0] = BLEND_L2 * rows.length * (theta[0]! - 1);
    g[1] = BLEND_L2 * rows.length * theta[1]!;
    rows.forEach((r, i) => {
      const xi = x[i]!;
      const m = theta[0]! * xi[0] + theta[1]! * xi[1] + theta[2]! * xi[2];
      const p = sigmoid(m);
      const w = r.rumour ? wPos : wNeg;
      const d = w * (p - (r.rumour ? 1 : 0));
      const c = w * p * (1 - p);
      for (let a = 0; a < 3; a++) {
        g[a]! += d * xi[a]!;
        for (let b = 0; b < 3; b++) h[a]![b]! += c * xi[a]! * xi[b]!;
      }
    });
    const step = solve3(h, g);
    theta = theta.map((t, a) => t - step[a]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { classifier: theta[0]!, lexicon: theta[1]!, bias: theta[2]! };
}

/** Solves the 3×3 system h·s = g by Cramer's rule (h is positive definite here). */
function solve3(h: number[][], g: number[]): number[] {
  const m = (r: number, c: number): number => h[r]![c]!;
  const det = (a: number[][]): number =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
    a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) +
    a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(h);
  if (!(Math.abs(d) > 1e-300)) return [0, 0, 0];
  return [0, 1, 2].map((c) => det([0, 1, 2].map((r) => [0, 1, 2].map((k) => (k === c ? g[r]! : m(r, k))))) / d);
}
