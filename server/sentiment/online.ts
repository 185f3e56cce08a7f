import { normaliseText } from '../nlp/normalise';
import { carrySentimentTable, sentimentFeaturiserFor, SENTIMENT_LABELS, type SentimentLabel, type SentimentModel } from './model';

/**
 * Learning from analysts' corrections without a full retrain: a passive-aggressive step per
 * corrected text and component. The component of the corrected label is pushed to a margin of at
 * least +MARGIN on that text, every other component to at most −MARGIN, each by the smallest change
 * of weights that does it (a margin moves by at most MAX_MOVE, so one odd correction cannot wreck the
 * model). So the
 * corrected text itself is then read right, and texts sharing its n-grams lean the same way.
 *
 * Only buckets the trained model knows (its stats) move: the model file stores weights for those
 * alone, and a weight elsewhere would be lost on saving. Scales (IDF, NB) stay as trained; retrain
 * with `npm run sentiment:train` now and then — it includes every stored correction.
 */
const MARGIN = 1;
/** The most one correction may move a margin: models trained with little regularisation have margins of ±5 and more. */
const MAX_MOVE = 12;

/** The trained buckets as a set, per model stats (shared by a model and its corrected copies). */
const knownSets = new WeakMap<SentimentModel['stats'], Set<number>>();
function knownBuckets(model: SentimentModel): Set<number> {
  let known = knownSets.get(model.stats);
  if (!known) {
    known = new Set(model.stats.buckets);
    knownSets.set(model.stats, known);
  }
  return known;
}

export function updateSentiment(model: SentimentModel, examples: readonly { text: string; label: SentimentLabel }[]): SentimentModel {
  const featuriser = sentimentFeaturiserFor(model.features);
  const known = knownBuckets(model);
  const weights = model.weights.map((w) => Float32Array.from(w));
  const biases = [...model.biases];
  const changed = new Set<number>();
  for (const example of examples) {
    if (!SENTIMENT_LABELS.includes(example.label)) throw new RangeError(`unknown sentiment label ${String(example.label)}`);
    const v = featuriser.features(normaliseText(example.text));
    // With sub-classes, the label's best-scoring component stands for it.
    const margins = weights.map((w, c) => margin(w, biases[c]!, model.scales[c] ?? null, v.idx, v.val, known));
    let target = -1;
    model.classes.forEach((cl, c) => {
      if (cl.label === example.label && (target < 0 || margins[c]!.value > margins[target]!.value)) target = c;
    });
    weights.forEach((w, c) => {
      const { value, xs } = margins[c]!;
      const want = c === target ? MARGIN : -MARGIN;
      const gap = c === target ? want - value : value - want;
      if (gap <= 0 || xs.length === 0) return;
      // Moving the weights by step·x moves the margin by step·|x|² (x restricted to known buckets).
      let norm2 = 0;
      for (const [, x] of xs) norm2 += x * x;
      const step = (Math.min(MAX_MOVE, gap) / norm2) * (c === target ? 1 : -1);
      for (const [b, x] of xs) {
        w[b]! += step * x;
        changed.add(b);
      }
    });
  }
  const next = { ...model, weights, biases, trained: { ...model.trained, examples: model.trained.examples + examples.length } };
  carrySentimentTable(model, next, changed);
  return next;
}

function margin(
  w: Float32Array,
  bias: number,
  scale: Float32Array | null,
  idx: Int32Array,
  val: Float32Array,
  known: Set<number>,
): { value: number; xs: [number, number][] } {
  let norm = 0;
  const raw: [number, number][] = [];
  for (let j = 0; j < idx.length; j++) {
    const b = idx[j]!;
    const x = val[j]! * (scale ? scale[b]! : 1);
    norm += x * x;
    raw.push([b, x]);
  }
  if (norm === 0) return { value: bias, xs: [] };
  const inv = 1 / Math.sqrt(norm);
  let m = 0;
  const xs: [number, number][] = [];
  for (const [b, x] of raw) {
    m += w[b]! * x * inv;
    if (known.has(b)) xs.push([b, x * inv]);
  }
  return { value: bias + m, xs };
}
