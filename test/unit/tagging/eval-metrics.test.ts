import { describe, expect, it } from 'vitest';
import {
  addOutcome,
  averagePrecision,
  binaryReport,
  confusionAt,
  emptyConfusion,
  logOdds,
  precisionAtK,
  type Scored,
} from '../../../server/tagging/eval-metrics';

describe('binaryReport', () => {
  it('computes precision, recall and F1 for both classes and their macro mean', () => {
    const c = emptyConfusion();
    // 3 rumours: 2 found; 5 non-rumours: 1 wrongly flagged.
    for (const [actual, predicted] of [
      [true, true],
      [true, true],
      [true, false],
      [false, true],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
    ] as const) addOutcome(c, actual, predicted);
    const r = binaryReport(c);
    expect(r.n).toBe(8);
    expect(r.positives).toBe(3);
    expect(r.positive.precision).toBeCloseTo(2 / 3);
    expect(r.positive.recall).toBeCloseTo(2 / 3);
    expect(r.negative.precision).toBeCloseTo(4 / 5);
    expect(r.negative.recall).toBeCloseTo(4 / 5);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 4 / 5) / 2);
  });

  it('gives no credit to a class never predicted, without dividing by zero', () => {
    const r = binaryReport({ tp: 0, fp: 0, fn: 4, tn: 6 });
    expect(r.positive).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(r.macroF1).toBeCloseTo(0.75 / 2, 5);
  });
});

describe('logOdds', () => {
  it('is 0 for a phrase that never fires, whatever the class sizes', () => {
    expect(logOdds(0, 300, 0, 500)).toBeCloseTo(0, 10);
  });

  it('is positive when a phrase leans rumour and negative when it leans the other way', () => {
    expect(logOdds(20, 300, 2, 500)).toBeGreaterThan(2);
    expect(logOdds(1, 300, 30, 500)).toBeLessThan(-1);
  });

  it('stays finite when a phrase fires in every post of a class', () => {
    expect(Number.isFinite(logOdds(300, 300, 0, 500))).toBe(true);
  });
});

const items = (pairs: [number, boolean][]): Scored[] => pairs.map(([score, positive]) => ({ score, positive }));

describe('averagePrecision', () => {
  it('matches scikit-learn on its documented example (0.8333…)', () => {
    // average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    expect(averagePrecision(items([[0.1, false], [0.4, false], [0.35, true], [0.8, true]]))).toBeCloseTo(5 / 6, 10);
  });

  it('is 1 for a perfect ranking and lower for a reversed one', () => {
    const perfect = items([[0.9, true], [0.8, true], [0.2, false], [0.1, false]]);
    const reversed = items([[0.9, false], [0.8, false], [0.2, true], [0.1, true]]);
    expect(averagePrecision(perfect)).toBe(1);
    expect(averagePrecision(reversed)).toBeCloseTo((1 / 3 + 2 / 4) / 2, 10);
  });

  it('takes tied scores together, whatever their order', () => {
    const a = items([[0.5, true], [0.5, false], [0.1, false]]);
    const b = items([[0.5, false], [0.5, true], [0.1, false]]);
    expect(averagePrecision(a)).toBe(averagePrecision(b));
    expect(averagePrecision(a)).toBeCloseTo(0.5, 10);
    expect(averagePrecision(items([[0.3, false]]))).toBe(0);
  });
});

describe('precisionAtK', () => {
  it('counts positives among the k highest scores, capped at the number of items', () => {
    const xs = items([[0.9, true], [0.8, false], [0.7, true], [0.1, true]]);
    expect(precisionAtK(xs, 2)).toBe(0.5);
    expect(precisionAtK(xs, 3)).toBeCloseTo(2 / 3, 10);
    expect(precisionAtK(xs, 100)).toBe(0.75);
    expect(precisionAtK([], 100)).toBe(0);
  });

  it('credits a tie across the cut at its rate', () => {
    // Top 2: one sure positive, then one of two tied items of which one is positive.
    expect(precisionAtK(items([[0.9, true], [0.5, true], [0.5, false]]), 2)).toBeCloseTo(0.75, 10);
  });
});

describe('confusionAt', () => {
  it('predicts positive at or above the threshold', () => {
    expect(confusionAt(items([[0.5, true], [0.49, true], [0.5, false], [0.1, false]]), 0.5)).toEqual({ tp: 1, fn: 1, fp: 1, tn: 1 });
  });
});
