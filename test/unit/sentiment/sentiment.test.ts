import { describe, expect, it } from 'vitest';
import { createSentimentFeaturiser, negatedBucket } from '../../../server/sentiment/features';
import { scoreSentiment } from '../../../server/sentiment/metrics';
import { predictSentiment, trainSentiment, type SentimentLabel } from '../../../server/sentiment/model';
import { parseSentimentModel, serialiseSentimentModel, SentimentModelError } from '../../../server/sentiment/serialise';

const SPEC = { bits: 12, maxN: 2 };

function synthetic(): { text: string; label: SentimentLabel }[] {
  const pos = ['开心', '喜欢', '满意', '棒'];
  const neg = ['难过', '讨厌', '失望', '糟'];
  const neu = ['通知', '发布', '安排', '公告'];
  const fillers = ['今天', '这次', '大家', '我们'];
  const out: { text: string; label: SentimentLabel }[] = [];
  for (const f of fillers) {
    for (const w of pos) out.push({ text: `${f}${w}`, label: 'pos' });
    for (const w of neg) out.push({ text: `${f}${w}`, label: 'neg' });
    for (const w of neu) out.push({ text: `${f}${w}`, label: 'neutral' });
  }
  return out;
}

describe('sentiment features', () => {
  it('marks n-grams after a negator with a negation feature, and not otherwise', () => {
    const f = createSentimentFeaturiser(SPEC);
    const neg = negatedBucket('好', SPEC);
    expect([...f.features('这个不好').idx]).toContain(neg);
    expect([...f.features('这个好').idx]).not.toContain(neg);
    // Punctuation ends the scope; two negators cancel.
    expect([...f.features('不，好').idx]).not.toContain(neg);
    expect([...f.features('不是不好').idx]).not.toContain(neg);
  });

  it('is L2-normalised and sorted', () => {
    const v = createSentimentFeaturiser(SPEC).features('非常开心！');
    let norm = 0;
    for (const x of v.val) norm += x * x;
    expect(norm).toBeCloseTo(1, 5);
    expect([...v.idx]).toEqual([...v.idx].sort((a, b) => a - b));
  });
});

describe('trainSentiment / predictSentiment', () => {
  it('learns a separable three-way task', () => {
    const model = trainSentiment(synthetic(), { ...SPEC, lambda: 1e-4 });
    expect(predictSentiment(model, '他们开心').label).toBe('pos');
    expect(predictSentiment(model, '他们失望').label).toBe('neg');
    expect(predictSentiment(model, '他们通知').label).toBe('neutral');
    const p = predictSentiment(model, '他们开心').probabilities;
    expect(p.pos + p.neutral + p.neg).toBeCloseTo(1, 6);
  });

  it('uses negation: "不喜欢" reads negative when negated positives are labelled negative', () => {
    const ex: { text: string; label: SentimentLabel }[] = [];
    for (const w of ['喜欢', '满意', '开心', '高兴']) {
      for (const f of ['我', '大家', '他']) {
        ex.push({ text: `${f}${w}`, label: 'pos' });
        ex.push({ text: `${f}不${w}`, label: 'neg' });
      }
      ex.push({ text: `公告${w.length}`, label: 'neutral' });
    }
    ex.push({ text: '不知道', label: 'neutral' }, { text: '不过通知', label: 'neutral' });
    const model = trainSentiment(ex, { ...SPEC, lambda: 1e-4 });
    expect(predictSentiment(model, '你喜欢').label).toBe('pos');
    expect(predictSentiment(model, '你不喜欢').label).toBe('neg');
  });

  it('rejects training with a single label', () => {
    expect(() => trainSentiment([{ text: '好', label: 'pos' }])).toThrow(RangeError);
  });
});

describe('serialise / parse', () => {
  it('round-trips to the same predictions', () => {
    const model = trainSentiment(synthetic(), { ...SPEC, lambda: 1e-4 });
    const back = parseSentimentModel(serialiseSentimentModel(model));
    for (const t of ['他们开心', '他们失望', '他们通知', '完全没见过的句子']) {
      const a = predictSentiment(model, t);
      const b = predictSentiment(back, t);
      expect(b.label).toBe(a.label);
      expect(b.probabilities.pos).toBeCloseTo(a.probabilities.pos, 4);
      expect(b.probabilities.neg).toBeCloseTo(a.probabilities.neg, 4);
    }
  });

  it('rejects corrupt or foreign models', () => {
    const json = serialiseSentimentModel(trainSentiment(synthetic(), { ...SPEC, lambda: 1e-4 }));
    expect(() => parseSentimentModel('{not json')).toThrow(SentimentModelError);
    expect(() => parseSentimentModel(JSON.stringify({ ...JSON.parse(json), version: 99 }))).toThrow(SentimentModelError);
    expect(() => parseSentimentModel(JSON.stringify({ ...JSON.parse(json), biases: [0, 0] }))).toThrow(SentimentModelError);
    const raw = JSON.parse(json);
    raw.weights[0].idx[0] = 2 ** SPEC.bits + 5;
    expect(() => parseSentimentModel(JSON.stringify(raw))).toThrow(/outside/);
    const raw2 = JSON.parse(json);
    raw2.weights[1].val.pop();
    expect(() => parseSentimentModel(JSON.stringify(raw2))).toThrow(SentimentModelError);
  });
});

describe('scoreSentiment', () => {
  it('computes accuracy and macro-F1 over present labels', () => {
    const s = scoreSentiment([
      { gold: 'pos', predicted: 'pos' },
      { gold: 'neg', predicted: 'pos' },
      { gold: 'neg', predicted: 'neg' },
    ]);
    expect(s.accuracy).toBeCloseTo(2 / 3);
    expect(s.f1.neutral).toBeUndefined();
    expect(s.macroF1).toBeCloseTo((2 / 3 + 2 / 3) / 2);
  });
});
