import { describe, expect, it } from 'vitest';
import { predict, trainClassifier } from '../../../server/tagging/classifier/model';
import { sigmoid } from '../../../server/tagging/classifier/logistic';
import { solveStep, updateClassifier } from '../../../server/tagging/classifier/online';
import { SMALL, syntheticExamples } from './classifier-fixtures';

const model = trainClassifier(syntheticExamples(200, 5), SMALL);

describe('updateClassifier', () => {
  it('moves the prediction for a corrected text toward its new label, further with each verdict', () => {
    const text = '据内部消息今天小区开会';
    const before = predict(model, text);
    expect(before).toBeGreaterThan(0.5);
    const once = updateClassifier(model, [{ text, label: 'non-rumor' }]);
    const after1 = predict(once, text);
    expect(after1).toBeLessThan(before);
    const thrice = updateClassifier(once, [
      { text, label: 'non-rumor' },
      { text, label: 'non-rumor' },
    ]);
    expect(predict(thrice, text)).toBeLessThan(after1);
    expect(predict(thrice, text)).toBeLessThan(0.5);
  });

  it('teaches a new marker that training never saw, and leaves unrelated texts almost alone', () => {
    const fresh = '刷单返利日赚五百';
    const unrelated = '街道召开会议';
    const before = predict(model, `今天${fresh}`);
    const updated = updateClassifier(model, [
      { text: `朋友说${fresh}`, label: 'rumor' },
      { text: `${fresh}快来`, label: 'rumor' },
    ]);
    expect(predict(updated, `今天${fresh}`)).toBeGreaterThan(before + 0.1);
    expect(Math.abs(predict(updated, unrelated) - predict(model, unrelated))).toBeLessThan(0.05);
  });

  it('moves what rests on little evidence more than what rests on much', () => {
    // 小区 is in about half the training texts, 刷单 in none: one verdict on a text holding both
    // should mostly be learnt as "刷单 means rumour".
    const updated = updateClassifier(model, [{ text: '小区刷单', label: 'rumor' }]);
    const logit = (p: number) => Math.log(p / (1 - p));
    const shift = (t: string) => logit(predict(updated, t)) - logit(predict(model, t));
    expect(shift('刷单')).toBeGreaterThan(0);
    expect(shift('刷单')).toBeGreaterThan(3 * shift('小区'));
  });

  it('returns a new model and leaves the given one untouched', () => {
    const weights = Float32Array.from(model.weights);
    const updated = updateClassifier(model, [{ text: '据内部消息', label: 'non-rumor' }]);
    expect(model.weights).toEqual(weights);
    expect(updated.weights).not.toBe(model.weights);
    expect(updated.trained.updates).toBe(model.trained.updates + 1);
  });

  it('weighs a verdict by the given weight', () => {
    const text = '据内部消息今天小区开会';
    const light = updateClassifier(model, [{ text, label: 'non-rumor' }], { weight: 1 });
    const heavy = updateClassifier(model, [{ text, label: 'non-rumor' }], { weight: 5 });
    expect(predict(heavy, text)).toBeLessThan(predict(light, text));
    expect(() => updateClassifier(model, [], { weight: 0 })).toThrow(RangeError);
  });
});

describe('solveStep', () => {
  it.each([
    [4.5, 419, 0, 1],
    [4.5, 419, 1, 1],
    [-3, 0.5, 1, 1],
    [0, 2000, 1, 5],
    [-20, 1e-3, 0, 1],
  ])('solves a = w(y − σ(m0 + a·v)) for m0=%d v=%d y=%d w=%d, where plain Newton oscillates', (m0, v, y, w) => {
    const a = solveStep(m0, v, y, w);
    expect(Math.abs(a - w * (y - sigmoid(m0 + a * v)))).toBeLessThan(1e-9);
  });
});
