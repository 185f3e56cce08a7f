import { describe, expect, it } from 'vitest';
import {
  createSentimentFeaturiser,
  emoticonBucket,
  negatedBucket,
  negatedWordBucket,
  wordBucket,
} from '../../../server/sentiment/features';
import { scoreSentiment } from '../../../server/sentiment/metrics';
import { predictSentiment, SENTIMENT_MODEL_VERSION, trainSentiment, type SentimentLabel } from '../../../server/sentiment/model';
import { fitSoftmax } from '../../../server/sentiment/softmax';
import { createSentimentScorer, MAX_BODY_CHARS } from '../../../server/sentiment/sentiment-tagger';
import { normaliseText } from '../../../server/nlp/normalise';
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

  it('adds jieba words, their own negation scope and emoticons only when the spec asks', () => {
    const plain = createSentimentFeaturiser(SPEC);
    const rich = createSentimentFeaturiser({ ...SPEC, words: true, emoticons: true });
    const text = '我真的不喜欢这个安排[怒]';
    const idx = [...rich.features(text).idx];
    expect(idx).toContain(wordBucket('喜欢', SPEC));
    expect(idx).toContain(negatedWordBucket('喜欢', SPEC));
    expect(idx).toContain(emoticonBucket('怒', SPEC));
    expect([...rich.features('我真的喜欢这个安排').idx]).not.toContain(negatedWordBucket('喜欢', SPEC));
    // A clause break ends the word negation scope.
    expect([...rich.features('我不，喜欢').idx]).not.toContain(negatedWordBucket('喜欢', SPEC));
    const plainIdx = [...plain.features(text).idx];
    expect(plainIdx).not.toContain(negatedWordBucket('喜欢', SPEC));
    expect(plainIdx).not.toContain(emoticonBucket('怒', SPEC));
  });

  it('gives a text the same features after a longer one as in a fresh featuriser', () => {
    const reused = createSentimentFeaturiser(SPEC);
    reused.features('今天真的非常开心，不是不好！'.repeat(80));
    const again = reused.features('好好好，不行');
    const fresh = createSentimentFeaturiser(SPEC).features('好好好，不行');
    expect([[...again.idx], [...again.val]]).toEqual([[...fresh.idx], [...fresh.val]]);
  });

  it('is L2-normalised, one entry per bucket, repeats counted sublinearly', () => {
    const f = createSentimentFeaturiser(SPEC);
    const v = f.features('非常开心！');
    let norm = 0;
    for (const x of v.val) norm += x * x;
    expect(norm).toBeCloseTo(1, 5);
    expect(new Set(v.idx).size).toBe(v.idx.length);
    // "好" three times against once: its value relative to a once-seen bucket is 1 + ln 3.
    const r = f.features('好好好，行');
    const at = (b: number) => r.val[[...r.idx].indexOf(b)]!;
    const { idx: once } = f.features('行');
    const { idx: thrice } = f.features('好');
    expect(at(thrice[0]!) / at(once[0]!)).toBeCloseTo(1 + Math.log(3), 5);
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

  it('scores an item the same from the tagger’s normalised text as from its title and body', () => {
    const scorer = createSentimentScorer(trainSentiment(synthetic(), { ...SPEC, lambda: 1e-4 }));
    const items = [
      { title: '', body: '他們開心' },
      { title: '通知', body: '今天失望' },
      { title: '公告', body: `${'大家开心'.repeat(300)}，${'失望'.repeat(400)}` },
    ];
    for (const { title, body } of items) {
      const direct = scorer.score({ title, body });
      expect(scorer.score({ title, body, normalised: normaliseText(`${title}\n${body}`) })).toEqual(direct);
    }
    expect(scorer.score(items[0]!).label).toBe('pos');
    // The start of a long article decides: the negative words past the first MAX_BODY_CHARS are not read.
    expect(scorer.score(items[2]!).label).toBe('pos');
  });

  it('reads the same start of a long text with the word list as with a model, from either input', () => {
    const lexicon = createSentimentScorer(null);
    const filler = '今天下午三点在社区活动中心召开居民会议。'.repeat(Math.ceil(MAX_BODY_CHARS / 20)).slice(0, MAX_BODY_CHARS);
    const late = { title: '通知', body: `${filler}太失望了，非常生气，糟糕透顶` };
    const early = { title: '通知', body: `太失望了，非常生气，糟糕透顶${filler}` };
    for (const it of [late, early]) {
      expect(lexicon.score({ ...it, normalised: normaliseText(`${it.title}\n${it.body}`) })).toEqual(lexicon.score(it));
    }
    expect(lexicon.score(early).label).toBe('neg');
    expect(lexicon.score(late).label).toBe(lexicon.score({ title: '通知', body: filler }).label);
    expect(lexicon.score(late).label).not.toBe('neg');
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

  it('with word and emoticon features, negation still flips a prediction', () => {
    const ex: { text: string; label: SentimentLabel }[] = [];
    for (const w of ['喜欢', '满意', '开心', '高兴', '支持']) {
      for (const f of ['我很', '大家都', '他们']) {
        ex.push({ text: `${f}${w}这个安排`, label: 'pos' });
        ex.push({ text: `${f}不${w}这个安排`, label: 'neg' });
      }
      ex.push({ text: `关于安排的公告第${w}号`, label: 'neutral' });
    }
    const model = trainSentiment(ex, { bits: 14, lambda: 1e-4, words: true, emoticons: true });
    expect(model.features).toMatchObject({ words: true, emoticons: true });
    expect(trainSentiment(ex, { bits: 14, lambda: 1e-4 }).features).toMatchObject({ words: false, emoticons: false });
    expect(predictSentiment(model, '老师满意这个安排').label).toBe('pos');
    expect(predictSentiment(model, '老师不满意这个安排').label).toBe('neg');
  });

  it('trains emotion sub-classes when asked, and they vote for their label', () => {
    const ex: { text: string; label: SentimentLabel; emotion?: string }[] = [];
    for (const f of ['今天', '这次', '大家', '我们']) {
      ex.push({ text: `${f}开心`, label: 'pos', emotion: 'happy' });
      ex.push({ text: `${f}愤怒`, label: 'neg', emotion: 'angry' });
      ex.push({ text: `${f}害怕`, label: 'neg', emotion: 'fear' });
      ex.push({ text: `${f}通知`, label: 'neutral', emotion: 'neutral' });
    }
    const model = trainSentiment(ex, { ...SPEC, lambda: 1e-4, subclasses: true });
    expect(model.classes.map((c) => c.name)).toEqual(['pos/happy', 'neutral', 'neg/angry', 'neg/fear']);
    expect(predictSentiment(model, '他们害怕').label).toBe('neg');
    expect(predictSentiment(model, '他们愤怒').label).toBe('neg');
    expect(predictSentiment(model, '他们开心').label).toBe('pos');
    // Without the option the emotion is ignored.
    expect(trainSentiment(ex, { ...SPEC, lambda: 1e-4 }).classes.map((c) => c.name)).toEqual(['pos', 'neutral', 'neg']);
  });

  it('fits a multinomial softmax as an alternative', () => {
    const model = trainSentiment(synthetic(), { ...SPEC, lambda: 1e-4, multinomial: true });
    expect(predictSentiment(model, '他们开心').label).toBe('pos');
    expect(predictSentiment(model, '他们失望').label).toBe('neg');
    expect(predictSentiment(model, '他们通知').label).toBe('neutral');
    const p = predictSentiment(model, '他们通知').probabilities;
    expect(p.pos + p.neutral + p.neg).toBeCloseTo(1, 6);
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

  it('round-trips a word-feature model and a softmax model', () => {
    for (const opts of [{ bits: 14, lambda: 1e-4, words: true, emoticons: true }, { ...SPEC, lambda: 1e-4, multinomial: true, words: true }]) {
      const model = trainSentiment(synthetic(), opts);
      const back = parseSentimentModel(serialiseSentimentModel(model));
      expect(back.classes).toEqual(model.classes);
      for (const t of ['他们开心[哈哈]', '他们不失望', '通知：明天开会']) {
        const a = predictSentiment(model, t);
        const b = predictSentiment(back, t);
        expect(b.label).toBe(a.label);
        expect(b.probabilities.neutral).toBeCloseTo(a.probabilities.neutral, 4);
      }
    }
  });

  it('refuses a model of an older format version with a message saying so', () => {
    const raw = JSON.parse(serialiseSentimentModel(trainSentiment(synthetic(), { ...SPEC, lambda: 1e-4 })));
    expect(raw.version).toBe(SENTIMENT_MODEL_VERSION);
    expect(() => parseSentimentModel(JSON.stringify({ ...raw, version: 1 }))).toThrow(SentimentModelError);
    expect(() => parseSentimentModel(JSON.stringify({ ...raw, version: 1 }))).toThrow(/version 1 is not supported.*retrain/);
  });

  it('rejects corrupt or foreign models', () => {
    const json = serialiseSentimentModel(trainSentiment(synthetic(), { ...SPEC, lambda: 1e-4 }));
    expect(() => parseSentimentModel('{not json')).toThrow(SentimentModelError);
    expect(() => parseSentimentModel(JSON.stringify({ ...JSON.parse(json), version: 99 }))).toThrow(SentimentModelError);
    expect(() => parseSentimentModel(JSON.stringify({ ...JSON.parse(json), biases: [0, 0] }))).toThrow(SentimentModelError);
    const raw = JSON.parse(json);
    raw.buckets[0] = 2 ** SPEC.bits + 5;
    expect(() => parseSentimentModel(JSON.stringify(raw))).toThrow(/outside/);
    const raw2 = JSON.parse(json);
    raw2.weights[1].pop();
    expect(() => parseSentimentModel(JSON.stringify(raw2))).toThrow(SentimentModelError);
    const raw3 = JSON.parse(json);
    raw3.classes.pop();
    expect(() => parseSentimentModel(JSON.stringify(raw3))).toThrow(/entries for 2 classes/);
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

describe('fitSoftmax', () => {
  it('separates three classes on one feature each', () => {
    // Rows: feature 0 → class 0, feature 1 → class 1, feature 2 → class 2 (two of each).
    const rows = { rowPtr: Int32Array.from([0, 1, 2, 3, 4, 5, 6]), col: Int32Array.from([0, 0, 1, 1, 2, 2]), val: Float32Array.from([1, 1, 1, 1, 1, 1]) };
    const fit = fitSoftmax(rows, Int32Array.from([0, 0, 1, 1, 2, 2]), 3, new Float64Array(6).fill(1), 8, { lambda: 1e-3, maxIter: 200, tolerance: 1e-8 });
    for (let f = 0; f < 3; f++) {
      const margins = [0, 1, 2].map((k) => fit.weights[k]![f]! + fit.biases[k]!);
      expect(margins.indexOf(Math.max(...margins))).toBe(f);
    }
    // Untouched buckets stay exactly zero.
    expect(fit.weights[0]![7]).toBe(0);
  });
});
