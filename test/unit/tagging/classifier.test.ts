import { describe, expect, it } from 'vitest';
import { analyseNormalised, explain } from '../../../server/tagging/classifier/explain';
import { createFeaturiser, gramBucket, MAX_CLASSIFIED_CHARS } from '../../../server/tagging/classifier/features';
import { fitLogistic, sigmoid } from '../../../server/tagging/classifier/logistic';
import { predict, predictNormalised, trainClassifier } from '../../../server/tagging/classifier/model';
import { toUnits, createUnitBuffer, UNIT_DIGITS, UNIT_URL } from '../../../server/tagging/classifier/units';
import { RUMOUR_MARKERS, SMALL, syntheticExamples } from './classifier-fixtures';

describe('trainClassifier on a separable synthetic task', () => {
  const train = syntheticExamples(200, 1);
  const test = syntheticExamples(200, 2);
  const model = trainClassifier(train, SMALL);

  it('classifies unseen texts of the task', () => {
    let correct = 0;
    for (const e of test) if (predict(model, e.text) >= 0.5 === (e.label === 'rumor')) correct++;
    expect(correct / test.length).toBeGreaterThanOrEqual(0.97);
  });

  it('is confident where the evidence is plain, and not on text without any', () => {
    expect(predict(model, '据内部消息明天马上封路')).toBeGreaterThan(0.8);
    expect(predict(model, '街道召开会议并发布公告')).toBeLessThan(0.2);
    const empty = predict(model, '');
    expect(empty).toBeGreaterThan(0.2);
    expect(empty).toBeLessThan(0.8);
  });

  it('learns from the labels, not from the order: swapped labels give the opposite answer', () => {
    const swapped = trainClassifier(
      train.map((e) => ({ text: e.text, label: e.label === 'rumor' ? 'non-rumor' : 'rumor' })),
      SMALL,
    );
    expect(predict(swapped, '据内部消息明天马上封路')).toBeLessThan(0.2);
  });

  it('is deterministic', () => {
    const again = trainClassifier(train, SMALL);
    expect(again.weights).toEqual(model.weights);
    expect(again.bias).toBe(model.bias);
  });

  it('reads traditional script and full-width forms as the tagger does', () => {
    expect(predict(model, '據內部消息，趕緊轉發')).toBeCloseTo(predict(model, '据内部消息,赶紧转发'), 6);
  });

  it('needs both classes and sane hyper-parameters', () => {
    expect(() => trainClassifier(train.filter((e) => e.label === 'rumor'), SMALL)).toThrow(/both classes/);
    expect(() => trainClassifier(train, { ...SMALL, lambda: 0 })).toThrow(RangeError);
    expect(() => trainClassifier(train, { bits: 40 })).toThrow(RangeError);
  });

  it('scales buckets by NB log-count ratios: class-leaning n-grams above neutral ones, IDF kept', () => {
    const withNb = trainClassifier(train, { ...SMALL, nb: true });
    const idfOnly = trainClassifier(train, { ...SMALL, nb: false });
    const mask = 2 ** withNb.features.bits - 1;
    const bucketOf = (s: string): number => {
      const buf = createUnitBuffer();
      const n = toUnits(s, buf);
      return gramBucket(buf.units, 0, n, mask);
    };
    const ratio = (s: string): number => withNb.idf![bucketOf(s)]! / idfOnly.idf![bucketOf(s)]!;
    expect(ratio('内部消')).toBeGreaterThan(2); // only in rumours
    expect(ratio('召开会')).toBeGreaterThan(2); // only in the rest: |r| counts both ways
    expect(ratio('今天')).toBeLessThan(1.5); // everyday words lean neither way
    let correct = 0;
    for (const e of test) if (predict(withNb, e.text) >= 0.5 === (e.label === 'rumor')) correct++;
    expect(correct / test.length).toBeGreaterThanOrEqual(0.97);
  });

  it('gives the same probability whether asked to explain or not', () => {
    for (const t of ['据内部消息赶紧转发', '街道召开会议', '']) {
      expect(analyseNormalised(model, t, 0).probability).toBe(predictNormalised(model, t));
      expect(analyseNormalised(model, t, 2).ngrams).toEqual([]);
    }
  });

  it('explains a rumour call with the marker phrases of the text, merged, not single characters', () => {
    const why = explain(model, '今天小区居民说据内部消息赶紧转发');
    expect(why.length).toBeGreaterThan(0);
    expect(why.some((p) => RUMOUR_MARKERS.some((m) => p.includes(m.slice(0, 3))))).toBe(true);
    for (const p of why) expect(p.length).toBeGreaterThan(1);
    expect(explain(model, '街道召开会议')).toEqual(expect.not.arrayContaining(['召开会议']));
  });
});

describe('units and features', () => {
  it('folds numbers, URLs and Latin words into single units, and skips outer whitespace', () => {
    const buf = createUnitBuffer(4);
    const n = toUnits('  3.5万人 http://t.cn/A6x 看iPhone!!!!!  ', buf);
    const units = Array.from(buf.units.subarray(0, n));
    expect(units[0]).toBe(UNIT_DIGITS);
    expect(units).toContain(UNIT_URL);
    // 万 人 space URL space 看 word ! ! ! (repeats capped at three)
    expect(n).toBe(1 + 2 + 1 + 1 + 1 + 1 + 1 + 3);
    expect(buf.starts[n]).toBe('  3.5万人 http://t.cn/A6x 看iPhone!!!!!  '.length);
  });

  it('gives "3月5日" and "12月25日" the same features', () => {
    const f = createFeaturiser(SMALL);
    const a = f.features('3月5日');
    const aIdx = Array.from(a.idx.subarray(0, a.count)).sort();
    const b = f.features('12月25日');
    expect(Array.from(b.idx.subarray(0, b.count)).sort()).toEqual(aIdx);
  });

  it('hashes every 1..maxN-gram of the units into the vector, and records where each was first seen', () => {
    const f = createFeaturiser(SMALL);
    const v = f.features('紧急扩散，ab 12');
    const { units, count } = f.lastUnits;
    const idx = Array.from(v.idx.subarray(0, v.count));
    const mask = 2 ** SMALL.bits - 1;
    for (let i = 0; i < count; i++) {
      for (let n = 1; n <= Math.min(SMALL.maxN, count - i); n++) expect(idx).toContain(gramBucket(units, i, n, mask));
    }
    const j = idx.indexOf(gramBucket(units, 1, 3, mask));
    expect(v.first[j]).toBe((1 << 3) | 3);
  });

  it('reads the first MAX_CLASSIFIED_CHARS characters of a long text, and locates its n-grams in it', () => {
    const f = createFeaturiser(SMALL);
    const head = '网传明天全市停水，紧急扩散！'.repeat(Math.ceil(MAX_CLASSIFIED_CHARS / 14)).slice(0, MAX_CLASSIFIED_CHARS);
    const sorted = (v: ReturnType<typeof f.features>) => Array.from(v.idx.subarray(0, v.count)).sort((a, b) => a - b);
    const alone = sorted(f.features(head));
    const long = f.features(`${head}官方辟谣：纯属谣言，请勿转发`);
    expect(sorted(long)).toEqual(alone);
    expect(f.lastUnits.starts[f.lastUnits.count]).toBe(MAX_CLASSIFIED_CHARS);
  });

  it('gives a text the same features after a longer one as in a fresh featuriser', () => {
    const reused = createFeaturiser(SMALL);
    const view = (v: ReturnType<typeof reused.features>) => [Array.from(v.idx.subarray(0, v.count)), Array.from(v.val.subarray(0, v.count)), Array.from(v.first.subarray(0, v.count))];
    reused.features('网传明天全市停水，紧急扩散！'.repeat(60));
    expect(view(reused.features('谣言谣言，真的假的'))).toEqual(view(createFeaturiser(SMALL).features('谣言谣言，真的假的')));
  });

  it('returns L2-normalised vectors with one entry per distinct bucket', () => {
    const f = createFeaturiser(SMALL);
    const v = f.features('谣言谣言谣言，真的假的');
    let norm = 0;
    for (let j = 0; j < v.count; j++) norm += v.val[j]! ** 2;
    expect(norm).toBeCloseTo(1, 5);
    expect(new Set(v.idx.subarray(0, v.count)).size).toBe(v.count);
  });
});

describe('fitLogistic', () => {
  it('stops at the optimum: the gradient of the regularised loss vanishes', () => {
    // Four buckets, six rows, labels not separable so the optimum is finite.
    const rows = {
      rowPtr: Int32Array.from([0, 2, 4, 5, 7, 8, 10]),
      col: Int32Array.from([0, 1, 1, 2, 3, 0, 3, 2, 0, 2]),
      val: Float32Array.from([0.6, 0.8, 1, 0, 1, 0.8, 0.6, 1, 0.5, 0.5]),
    };
    const y = Uint8Array.from([1, 1, 0, 1, 0, 0]);
    const s = Float64Array.from([1, 2, 1, 1, 1, 1]);
    const lambda = 0.05;
    const fit = fitLogistic(rows, y, s, 4, { lambda, maxIter: 500, tolerance: 1e-10 });
    const S = 7;
    const grad = [0, 0, 0, 0];
    let gb = 0;
    for (let r = 0; r < 6; r++) {
      let m = fit.bias;
      for (let j = rows.rowPtr[r]!; j < rows.rowPtr[r + 1]!; j++) m += fit.weights[rows.col[j]!]! * rows.val[j]!;
      const g = (s[r]! / S) * (sigmoid(m) - y[r]!);
      gb += g;
      for (let j = rows.rowPtr[r]!; j < rows.rowPtr[r + 1]!; j++) grad[rows.col[j]!]! += g * rows.val[j]!;
    }
    for (let c = 0; c < 4; c++) expect(Math.abs(grad[c]! + lambda * fit.weights[c]!)).toBeLessThan(1e-6);
    expect(Math.abs(gb)).toBeLessThan(1e-6);
    expect(fit.weights.some((w) => Math.abs(w) > 0.1)).toBe(true);
    // The precision is at least the prior's, and larger where rows touch.
    for (let c = 0; c < 4; c++) expect(fit.precision[c]!).toBeGreaterThan(lambda * S);
  });

  const toy = {
    rows: {
      rowPtr: Int32Array.from([0, 2, 4, 5, 7, 8, 10]),
      col: Int32Array.from([0, 1, 1, 2, 3, 0, 3, 2, 0, 2]),
      val: Float32Array.from([0.6, 0.8, 1, 0, 1, 0.8, 0.6, 1, 0.5, 0.5]),
    },
    y: Uint8Array.from([1, 1, 0, 1, 0, 0]),
    s: Float64Array.from([1, 2, 1, 1, 1, 1]),
  };

  it('with the squared-hinge loss stops where its gradient vanishes (a linear SVM)', () => {
    const lambda = 0.05;
    const fit = fitLogistic(toy.rows, toy.y, toy.s, 4, { lambda, maxIter: 500, tolerance: 1e-10, loss: 'squared-hinge' });
    const S = 7;
    const grad = [0, 0, 0, 0];
    let gb = 0;
    for (let r = 0; r < 6; r++) {
      let m = fit.bias;
      for (let j = toy.rows.rowPtr[r]!; j < toy.rows.rowPtr[r + 1]!; j++) m += fit.weights[toy.rows.col[j]!]! * toy.rows.val[j]!;
      const t = toy.y[r] ? 1 : -1;
      const z = Math.max(0, 1 - t * m);
      const g = (toy.s[r]! / S) * -2 * t * z;
      gb += g;
      for (let j = toy.rows.rowPtr[r]!; j < toy.rows.rowPtr[r + 1]!; j++) grad[toy.rows.col[j]!]! += g * toy.rows.val[j]!;
    }
    // (The squared hinge has no second derivative at the margin: L-BFGS gets a little less close.)
    for (let c = 0; c < 4; c++) expect(Math.abs(grad[c]! + lambda * fit.weights[c]!)).toBeLessThan(1e-5);
    expect(Math.abs(gb)).toBeLessThan(1e-5);
    // A different model from the logistic one on the same rows.
    const logistic = fitLogistic(toy.rows, toy.y, toy.s, 4, { lambda, maxIter: 500, tolerance: 1e-10 });
    expect(Math.abs(fit.weights[0]! - logistic.weights[0]!)).toBeGreaterThan(1e-3);
  });

  it('scales the fitted margins by marginScale, and the prior precision by its inverse square', () => {
    const opts = { lambda: 0.05, maxIter: 500, tolerance: 1e-10, loss: 'squared-hinge' as const };
    const plain = fitLogistic(toy.rows, toy.y, toy.s, 4, opts);
    const scaled = fitLogistic(toy.rows, toy.y, toy.s, 4, { ...opts, marginScale: 4 });
    for (let c = 0; c < 4; c++) expect(scaled.weights[c]!).toBeCloseTo(4 * plain.weights[c]!, 8);
    expect(scaled.bias).toBeCloseTo(4 * plain.bias, 8);
    // Bucket 1 is touched by rows 0 and 1 only; its precision is the prior λS/16 plus those rows' curvature.
    expect(scaled.precision[1]!).toBeGreaterThan((0.05 * 7) / 16);
    expect(() => fitLogistic(toy.rows, toy.y, toy.s, 4, { ...opts, marginScale: 0 })).toThrow(/marginScale/);
  });
});
