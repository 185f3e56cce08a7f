/** Counts for one binary decision (positive = rumour). */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
}

export interface BinaryReport {
  n: number;
  positives: number;
  positive: ClassScores;
  negative: ClassScores;
  /** Mean of the two classes' F1: a tagger that calls everything "not rumour" gets no credit. */
  macroF1: number;
}

export function emptyConfusion(): Confusion {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

export function addOutcome(c: Confusion, actual: boolean, predicted: boolean): void {
  if (actual && predicted) c.tp++;
  else if (!actual && predicted) c.fp++;
  else if (actual) c.fn++;
  else c.tn++;
}

// 0/0 is reported as 0: a class never predicted and never present has nothing to credit.
function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function classScores(tp: number, fp: number, fn: number): ClassScores {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}

export function binaryReport(c: Confusion): BinaryReport {
  const positive = classScores(c.tp, c.fp, c.fn);
  // The negative class's view: its true positives are our true negatives.
  const negative = classScores(c.tn, c.fn, c.fp);
  return {
    n: c.tp + c.fp + c.fn + c.tn,
    positives: c.tp + c.fn,
    positive,
    negative,
    macroF1: (positive.f1 + negative.f1) / 2,
  };
}

/**
 * Log odds ratio of a phrase firing in rumours vs non-rumours. One pseudo-count is split by the class
 * prior, so a phrase that never fires scores 0 rather than the log of the class ratio, and a phrase
 * seen once is not infinitely telling. Positive: leans rumour.
 */
export function logOdds(inPositive: number, positives: number, inNegative: number, negatives: number): number {
  const total = positives + negatives;
  if (total === 0) return 0;
  const aP = positives / total;
  const aN = negatives / total;
  const oddsP = (inPositive + aP) / (positives - inPositive + aP);
  const oddsN = (inNegative + aN) / (negatives - inNegative + aN);
  return Math.log(oddsP / oddsN);
}
