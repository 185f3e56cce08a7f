import { normaliseText } from '../../nlp/normalise';
import { collectEvidence } from '../evidence';
import { classifierBlendInputs } from '../score';
import { DEFAULT_REBUTTAL_THRESHOLD, DEFAULT_THRESHOLD } from '../tagger';
import { DEFAULT_BLEND, fitBlend, type BlendRow } from './blend';
import { analyseNormalised } from './explain';
import { DEFAULT_HYPER, isRumour, trainClassifier, type ClassifierModel, type LabelledText, type TrainOptions } from './model';

/**
 * How the product learns from a file of labels (or from all verdicts at once): the classifier, and the
 * blend that tells the tagger how far to trust it next to the lexicon.
 *
 * The blend must be fitted on predictions for texts the classifier did not train on, or it would
 * learn that the classifier is never wrong. So the examples are cut into k stratified folds; a model
 * trained without each fold scores that fold; the blend is fitted on those out-of-fold scores; then
 * the model that ships is trained on everything. k + 1 fits in all.
 */

export interface TaggerTrainOptions extends Omit<TrainOptions, 'onProgress'> {
  /** Folds for the out-of-fold blend fit. Default 5; below MIN_PER_CLASS examples per class, no fit. */
  folds?: number;
  onProgress?: (done: number, total: number, phase: string) => void;
}

/** Fewer examples of a class than this and the blend keeps its default: too few to fit three numbers. */
const MIN_PER_CLASS = 20;

/** Small deterministic PRNG (mulberry32): the same examples always give the same folds. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Fold number per example: each class shuffled and dealt round-robin, so folds keep the class mix. */
export function stratifiedFolds(labels: readonly boolean[], k: number, seed = 1): Int32Array {
  const random = prng(seed);
  const folds = new Int32Array(labels.length);
  for (const cls of [true, false]) {
    const members = labels.flatMap((l, i) => (l === cls ? [i] : []));
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    members.forEach((m, i) => {
      folds[m] = i % k;
    });
  }
  return folds;
}

const SCORE_OPTIONS = { threshold: DEFAULT_THRESHOLD, rebuttalThreshold: DEFAULT_REBUTTAL_THRESHOLD };

export function trainTaggerModel(examples: readonly LabelledText[], opts: TaggerTrainOptions = {}): ClassifierModel {
  const { folds: k = 5, onProgress, ...trainOpts } = opts;
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`folds must be an integer ≥ 2, got ${k}`);
  const labels = examples.map((e) => isRumour(e.label));
  const rumours = labels.filter(Boolean).length;
  const fitBlendToo = Math.min(rumours, examples.length - rumours) >= MIN_PER_CLASS;
  const fits = fitBlendToo ? k + 1 : 1;
  const maxIter = trainOpts.maxIter ?? DEFAULT_HYPER.maxIter;
  const total = fits * maxIter;
  const progress = (fit: number, phase: string) => (done: number) => onProgress?.(fit * maxIter + done, total, phase);

  // A squared-hinge margin becomes a log-odds only through the out-of-fold blend fit below; with too
  // few labels for that fit, the logistic loss (whose margin is one by construction) is used.
  const loss = fitBlendToo ? (trainOpts.loss ?? DEFAULT_HYPER.loss) : 'logistic';
  let blend = DEFAULT_BLEND;
  if (fitBlendToo) {
    const fold = stratifiedFolds(labels, k);
    const rows: BlendRow[] = [];
    for (let f = 0; f < k; f++) {
      const model = trainClassifier(
        examples.filter((_, i) => fold[i] !== f),
        { ...trainOpts, loss, onProgress: progress(f, `fold ${f + 1}/${k}`) },
      );
      examples.forEach((e, i) => {
        if (fold[i] !== f) return;
        const text = normaliseText(e.text);
        const { probability } = analyseNormalised(model, text);
        const inputs = classifierBlendInputs(collectEvidence(text), 'post', SCORE_OPTIONS, probability);
        rows.push({ ...inputs, rumour: labels[i]! });
      });
      onProgress?.((f + 1) * maxIter, total, `fold ${f + 1}/${k}`);
    }
    blend = fitBlend(rows);
  }
  // The blend's weight on the classifier's margin says, out of fold, what one unit of margin is worth
  // in log-odds: for a squared-hinge model it goes into the weights, so the model's own probability
  // is calibrated (online learning and explanations read it) and the blend takes it as it is.
  let marginScale = 1;
  if (loss === 'squared-hinge' && blend.classifier > 0) {
    marginScale = blend.classifier;
    blend = { ...blend, classifier: 1 };
  }
  const model = trainClassifier(examples, { ...trainOpts, loss, marginScale, onProgress: progress(fits - 1, 'final model') });
  onProgress?.(total, total, 'final model');
  return { ...model, blend };
}
