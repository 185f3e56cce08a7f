import { normaliseText } from '../../nlp/normalise';
import { sigmoid } from './logistic';
import { featuriserFor, isRumour, marginOf, type ClassifierModel, type LabelledText } from './model';

/**
 * Learning from editors' verdicts without a full retrain.
 *
 * The trained model carries, besides its weights, the diagonal of the Hessian at the optimum: a
 * Laplace approximation says the weights are Gaussian around their values with that precision. A new
 * labelled text is folded in by the exact MAP step for one example under that prior: weights move
 * along H⁻¹x by a scalar found with a few Newton steps, then the precision grows by the new example's
 * curvature. So a verdict on a post full of n-grams never seen before moves the model a lot (those
 * weights rest on nothing but the prior), one made of everyday n-grams moves it little, and a second
 * identical verdict moves it less than the first. It costs a copy of the arrays plus O(n-grams).
 *
 * Why not only a full retrain: the product keeps every verdict, so retraining from scratch is always
 * possible (and is what `npm run tagger:train` does), but it needs all examples at hand and takes
 * seconds; this makes a verdict count at once. IDF and the blend stay as trained; retrain now and then
 * to refresh them.
 */

export interface UpdateOptions {
  /** How many training examples one verdict is worth. Default 1. */
  weight?: number;
}

/**
 * The scalar a with a = weight·(y − σ(m0 + a·variance)): the MAP step along H⁻¹x. The left side
 * minus the right is increasing in a and changes sign on [weight·(y − 1), weight·y], so Newton steps
 * are taken inside that bracket and replaced by bisection whenever they leave it (plain Newton
 * oscillates when the variance is large and σ saturates).
 */
export function solveStep(m0: number, variance: number, y: number, weight: number): number {
  let lo = weight * (y - 1);
  let hi = weight * y;
  let a = 0;
  for (let it = 0; it < 100; it++) {
    const p = sigmoid(m0 + a * variance);
    const g = a - weight * (y - p);
    if (g > 0) hi = a;
    else lo = a;
    let next = a - g / (1 + weight * p * (1 - p) * variance);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - a) < 1e-12) return next;
    a = next;
  }
  return a;
}

/** Returns a new model that has also learnt from `examples`, in order; the input model is unchanged. */
export function updateClassifier(model: ClassifierModel, examples: readonly LabelledText[], opts: UpdateOptions = {}): ClassifierModel {
  const weight = opts.weight ?? 1;
  if (!(weight > 0 && Number.isFinite(weight))) throw new RangeError(`weight must be a positive number, got ${weight}`);
  const weights = Float32Array.from(model.weights);
  const precision = Float32Array.from(model.precision);
  let bias = model.bias;
  let precisionBias = model.precisionBias;
  const featuriser = featuriserFor(model.features);
  const current: ClassifierModel = { ...model, weights };
  for (const example of examples) {
    const y = isRumour(example.label) ? 1 : 0;
    const v = featuriser.features(normaliseText(example.text), model.idf);
    current.bias = bias;
    const m0 = marginOf(current, v);
    // Variance of the margin under the prior: how far this example can move it.
    let variance = 1 / precisionBias;
    for (let j = 0; j < v.count; j++) variance += (v.val[j]! * v.val[j]!) / precision[v.idx[j]!]!;
    const a = solveStep(m0, variance, y, weight);
    for (let j = 0; j < v.count; j++) {
      const b = v.idx[j]!;
      weights[b]! += (a * v.val[j]!) / precision[b]!;
    }
    bias += a / precisionBias;
    const p = sigmoid(m0 + a * variance);
    const curvature = weight * p * (1 - p);
    for (let j = 0; j < v.count; j++) precision[v.idx[j]!]! += curvature * v.val[j]! * v.val[j]!;
    precisionBias += curvature;
  }
  return {
    ...model,
    weights,
    bias,
    precision,
    precisionBias,
    trained: {
      examples: model.trained.examples,
      rumours: model.trained.rumours,
      updates: model.trained.updates + examples.length,
    },
  };
}
