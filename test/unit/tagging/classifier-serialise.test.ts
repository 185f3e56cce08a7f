import { describe, expect, it } from 'vitest';
import { predict, trainClassifier } from '../../../server/tagging/classifier/model';
import { ModelFormatError, parseModel, serialiseModel } from '../../../server/tagging/classifier/serialise';
import { SMALL, syntheticExamples } from './classifier-fixtures';

const model = trainClassifier(syntheticExamples(120, 3), SMALL);
const json = serialiseModel(model);
const texts = ['据内部消息明天马上封路', '街道召开会议', '', '今天天气很好', 'http://t.cn/x 转疯了!!!'];

/** The serialised document as an object, to corrupt one field at a time. */
const doc = (): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;

describe('serialiseModel / parseModel', () => {
  it('round-trips to identical predictions, hyper-parameters and blend', () => {
    const back = parseModel(json);
    for (const t of texts) expect(predict(back, t)).toBe(predict(model, t));
    expect(back.hyper).toEqual(model.hyper);
    expect(back.features).toEqual(model.features);
    expect(back.blend).toEqual(model.blend);
    expect(back.trained).toEqual(model.trained);
    expect(serialiseModel(back)).toBe(json);
  });

  it('round-trips a model with neither IDF nor NB scaling', () => {
    const plain = trainClassifier(syntheticExamples(60, 4), { ...SMALL, idf: false, nb: false });
    const back = parseModel(serialiseModel(plain));
    expect(back.idf).toBeNull();
    expect(predict(back, texts[0]!)).toBe(predict(plain, texts[0]!));
  });

  it('round-trips an NB-scaled model without IDF (the scale array is kept)', () => {
    const nbOnly = trainClassifier(syntheticExamples(60, 4), { ...SMALL, idf: false, nb: true });
    const back = parseModel(serialiseModel(nbOnly));
    expect(back.idf).not.toBeNull();
    expect(back.hyper.nb).toBe(true);
    expect(predict(back, texts[0]!)).toBe(predict(nbOnly, texts[0]!));
  });

  it('still loads a version-1 file (before NB scaling) as a model with nb off', () => {
    const old = trainClassifier(syntheticExamples(60, 4), { ...SMALL, nb: false });
    const d = JSON.parse(serialiseModel(old)) as Record<string, unknown>;
    const { nb: _nb, ...hyperV1 } = d.hyper as Record<string, unknown>;
    const v1 = JSON.stringify({ ...d, version: 1, hyper: hyperV1 });
    const back = parseModel(v1);
    expect(back.version).toBe(2);
    expect(back.hyper.nb).toBe(false);
    expect(predict(back, texts[0]!)).toBe(predict(old, texts[0]!));
    expect(JSON.parse(serialiseModel(back)).version).toBe(2);
  });

  const corrupt: [string, (d: Record<string, unknown>) => unknown, RegExp][] = [
    ['a truncated weights array', (d) => ({ ...d, weights: (d.weights as string).slice(0, 400) }), /weights holds \d+ bytes, expected 65536/],
    ['a missing field', (d) => ({ ...d, precision: undefined }), /precision/],
    ['another format', (d) => ({ ...d, format: 'something-else' }), /format/],
    ['a future version', (d) => ({ ...d, version: 3 }), /unsupported model version 3/],
    ['a version-2 file without hyper.nb', (d) => ({ ...d, hyper: { ...(d.hyper as object), nb: undefined } }), /hyper\.nb: required/],
    ['non-base64 weights', (d) => ({ ...d, weights: '%%%' }), /weights: not base64/],
    ['an impossible bucket count', (d) => ({ ...d, features: { bits: 40, maxN: 3 } }), /features\.bits/],
    [
      'a scale present while hyper.idf and hyper.nb say no',
      (d) => ({ ...d, hyper: { ...(d.hyper as object), idf: false, nb: false } }),
      /idf must be present exactly/,
    ],
    [
      'a NaN weight',
      (d) => {
        const bytes = Buffer.from(d.weights as string, 'base64');
        bytes.writeFloatLE(Number.NaN, 8);
        return { ...d, weights: bytes.toString('base64') };
      },
      /weights\[2\] = NaN is not a finite number/,
    ],
  ];

  it.each(corrupt)('rejects %s with a message naming it', (_, mutate, message) => {
    const bad = JSON.stringify(mutate(doc()));
    expect(() => parseModel(bad)).toThrow(ModelFormatError);
    expect(() => parseModel(bad)).toThrow(message);
    expect(() => parseModel(bad)).toThrow(/^invalid tagger model/);
  });

  it('rejects text that is not JSON at all', () => {
    expect(() => parseModel(json.slice(0, 1000))).toThrow(/invalid tagger model: not JSON/);
  });
});
