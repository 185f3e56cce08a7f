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

/** A scored item for ranking metrics: higher score = more likely a rumour. */
export interface Scored {
  score: number;
  positive: boolean;
}

/** Items sorted by score, highest first, grouped into runs of equal score. */
function tiedGroups(items: readonly Scored[]): { size: number; positives: number }[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const groups: { size: number; positives: number }[] = [];
  let prev = NaN;
  for (const it of sorted) {
    if (it.score !== prev || groups.length === 0) groups.push({ size: 0, positives: 0 });
    const g = groups[groups.length - 1]!;
    g.size++;
    if (it.positive) g.positives++;
    prev = it.score;
  }
  return groups;
}

/**
 * Area under the precision-recall curve as average precision: Σ (R_k − R_{k−1}) · P_k over the
 * distinct score thresholds, the way scikit-learn's average_precision_score computes it (tied scores
 * enter together, so the order of ties cannot flatter the result). 0 when there are no positives.
 */
export function averagePrecision(items: readonly Scored[]): number {
  const positives = items.filter((i) => i.positive).length;
  if (positives === 0) return 0;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (const g of tiedGroups(items)) {
    seen += g.size;
    tp += g.positives;
    ap += (g.positives / positives) * (tp / seen);
  }
  return ap;
}

/**
 * Precision among the k highest scores (k capped at the number of items). Ties across the cut count
 * at their group's rate: the expected precision of any order of the tied items.
 */
export function precisionAtK(items: readonly Scored[], k: number): number {
  const cut = Math.min(k, items.length);
  if (cut <= 0) return 0;
  let taken = 0;
  let tp = 0;
  for (const g of tiedGroups(items)) {
    const take = Math.min(g.size, cut - taken);
    tp += (g.positives * take) / g.size;
    taken += take;
    if (taken >= cut) break;
  }
  return tp / cut;
}

/** Confusion of a thresholded score: positive prediction when score ≥ threshold. */
export function confusionAt(items: readonly Scored[], threshold: number): Confusion {
  const c = emptyConfusion();
  for (const it of items) addOutcome(c, it.positive, it.score >= threshold);
  return c;
}
