import { describe, expect, it } from 'vitest';
import { addOutcome, binaryReport, emptyConfusion, logOdds } from '../../../server/tagging/eval-metrics';

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
