import { describe, expect, it } from 'vitest';
import { Reason as ReasonSchema } from '../../../server/contracts/item';
import { applyBlend, DEFAULT_BLEND, fitBlend, logit, type BlendRow } from '../../../server/tagging/classifier/blend';
import { trainClassifier } from '../../../server/tagging/classifier/model';
import { stratifiedFolds, trainTaggerModel } from '../../../server/tagging/classifier/train-tagger-model';
import { createTagger, type TagInput } from '../../../server/tagging/tagger';
import { rng, SMALL, syntheticExamples } from './classifier-fixtures';

const post = (body: string): TagInput => ({ title: '', body, kind: 'post' });
const model = trainClassifier(syntheticExamples(200, 7), SMALL);

const samples: TagInput[] = [
  post('紧急扩散！听说我们区明天开始封城，大家快去超市。'),
  post('网传喝板蓝根可以预防新冠肺炎'),
  { title: "关于网传'某某街道封城'的辟谣", body: '经核实，该信息不实，请广大市民不信谣、不传谣。', kind: 'notice' },
  { title: '关于中山路道路施工的通知', body: '中山路将于6月3日至6月20日半幅施工。', kind: 'notice' },
  post(''),
];

describe('createTagger with and without a classifier', () => {
  it('without a model behaves as the lexicon tagger: no classifier reason, same results', () => {
    const plain = createTagger();
    const explicit = createTagger({ classifier: undefined });
    for (const s of samples) {
      const r = explicit.tag(s);
      expect(r).toEqual(plain.tag(s));
      expect(r.reasons.some((x) => x.code === 'classifier')).toBe(false);
    }
    expect(plain.tag(samples[3]!)).toMatchObject({ tags: [], score: 0, reasons: [] });
  });

  it('with a model, flags what the model learnt even where the lexicon is silent, and names the n-grams', () => {
    const tagger = createTagger({ classifier: model });
    const text = post('今天小区居民下午都转疯了');
    expect(createTagger().tag(text).tags).toEqual([]);
    const r = tagger.tag(text);
    expect(r.tags).toEqual(['rumor-suspect']);
    const reason = r.reasons.find((x) => x.code === 'classifier');
    expect(reason?.label).toBe('统计模型判断');
    expect(reason?.weight).toBeGreaterThan(0.5);
    expect(reason?.matches.join('|')).toMatch(/转疯/);
    for (const x of r.reasons) expect(ReasonSchema.safeParse(x).success).toBe(true);
  });

  it('with a model, clears what the model learnt to be ordinary', () => {
    const r = createTagger({ classifier: model }).tag(post('今天街道召开会议并发布公告'));
    expect(r.tags).toEqual([]);
    expect(r.score).toBeLessThan(0.3);
    expect(r.reasons.find((x) => x.code === 'classifier')?.matches).toEqual([]);
  });

  it('keeps a debunk a rebuttal, and discounts the classifier there like a quotation', () => {
    // Teach the model that the rumour's words are rumour words, then publish a debunk quoting them.
    const strong = trainClassifier(
      [...syntheticExamples(100, 8), ...Array.from({ length: 30 }, () => ({ text: '明天封城赶紧囤货', label: 'rumor' as const }))],
      SMALL,
    );
    const tagger = createTagger({ classifier: strong });
    const notice = tagger.tag(samples[2]!);
    expect(notice.tags).toEqual(['rebuttal']);
    const reason = notice.reasons.find((x) => x.code === 'classifier');
    expect(reason?.label).toMatch(/已降权/);
  });

  it('trusts the model less for official kinds than for posts', () => {
    const tagger = createTagger({ classifier: model });
    const body = '据内部消息马上封路';
    const asPost = tagger.tag(post(body));
    const asNotice = tagger.tag({ title: '', body, kind: 'notice' });
    expect(asNotice.score).toBeLessThan(asPost.score);
  });

  it('adds lexicon evidence on top of the model when the blend says so', () => {
    const text = post('今天小区居民下午开会');
    const lexiconHeavy = createTagger({ classifier: { ...model, blend: { classifier: 1, lexicon: 4, bias: 0 } } });
    const lexiconBlind = createTagger({ classifier: { ...model, blend: { classifier: 1, lexicon: 0, bias: 0 } } });
    const withMarker = post('紧急扩散！今天小区居民下午开会');
    expect(lexiconHeavy.tag(withMarker).score - lexiconHeavy.tag(text).score).toBeGreaterThan(
      lexiconBlind.tag(withMarker).score - lexiconBlind.tag(text).score + 0.1,
    );
  });

  it('is deterministic and keeps scores in [0, 1] with a model too', () => {
    const a = createTagger({ classifier: model });
    const b = createTagger({ classifier: model });
    for (const s of [...samples, post('网传'.repeat(30_000))]) {
      const r = a.tag(s);
      expect(b.tag(s)).toEqual(r);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });
});

describe('blend', () => {
  it('recovers the parameters of data drawn from a known blend', () => {
    const truth = { classifier: 1.5, lexicon: 2, bias: -0.5 };
    const r = rng(11);
    const rows: BlendRow[] = Array.from({ length: 20_000 }, () => {
      const probability = 0.02 + 0.96 * r();
      const lexicon = r() < 0.3 ? r() : 0;
      const p = applyBlend(truth, probability, lexicon);
      return { probability, lexicon, rumour: r() < p };
    });
    // Class balancing shifts the bias by the log prior odds; the slopes are what must match.
    const fit = fitBlend(rows);
    expect(fit.classifier).toBeCloseTo(truth.classifier, 0);
    expect(Math.abs(fit.classifier - truth.classifier)).toBeLessThan(0.15);
    expect(Math.abs(fit.lexicon - truth.lexicon)).toBeLessThan(0.4);
  });

  it('falls back to the default with one class only, and is monotone in both inputs', () => {
    expect(fitBlend([{ probability: 0.9, lexicon: 0, rumour: true }])).toEqual(DEFAULT_BLEND);
    expect(applyBlend(DEFAULT_BLEND, 0.7, 0)).toBeGreaterThan(applyBlend(DEFAULT_BLEND, 0.6, 0));
    expect(applyBlend(DEFAULT_BLEND, 0.6, 0.5)).toBeGreaterThan(applyBlend(DEFAULT_BLEND, 0.6, 0));
    expect(Number.isFinite(logit(0))).toBe(true);
    expect(Number.isFinite(logit(1))).toBe(true);
  });
});

describe('trainTaggerModel', () => {
  it('deals stratified folds: every fold gets its share of each class', () => {
    const labels = Array.from({ length: 103 }, (_, i) => i % 3 === 0);
    const folds = stratifiedFolds(labels, 5);
    for (let f = 0; f < 5; f++) {
      const members = labels.filter((_, i) => folds[i] === f);
      const positives = members.filter(Boolean).length;
      expect(positives).toBeGreaterThanOrEqual(6);
      expect(positives).toBeLessThanOrEqual(7);
      expect(members.length - positives).toBeGreaterThanOrEqual(13);
    }
    expect(Array.from(stratifiedFolds(labels, 5))).toEqual(Array.from(folds));
  });

  it('fits the blend out of fold, reports progress, and ships a model trained on everything', () => {
    const examples = syntheticExamples(160, 9);
    const seen: number[] = [];
    const m = trainTaggerModel(examples, { ...SMALL, folds: 4, onProgress: (done, total) => seen.push(done / total) });
    expect(m.blend).not.toEqual(DEFAULT_BLEND);
    expect(m.blend.classifier).toBeGreaterThan(0);
    expect(m.trained.examples).toBe(160);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((x, i) => i === 0 || x >= seen[i - 1]!)).toBe(true);
    expect(createTagger({ classifier: m }).tag(post('据内部消息马上封路')).tags).toEqual(['rumor-suspect']);
  });

  it('keeps the default blend when there are too few examples to fit it', () => {
    expect(trainTaggerModel(syntheticExamples(20, 10), SMALL).blend).toEqual(DEFAULT_BLEND);
  });

  it('with the squared-hinge loss, folds the blend’s weight on the margin into the model, which then reads as a probability', () => {
    const examples = syntheticExamples(160, 9);
    const hinge = trainTaggerModel(examples, { ...SMALL, folds: 4, loss: 'squared-hinge' });
    expect(hinge.hyper.loss).toBe('squared-hinge');
    // The out-of-fold scale is inside the weights now: the blend takes the model's log-odds as they are.
    expect(hinge.blend.classifier).toBe(1);
    const tagger = createTagger({ classifier: hinge });
    expect(tagger.tag(post('据内部消息马上封路')).tags).toEqual(['rumor-suspect']);
    // Too few labels to measure that scale: the logistic loss is used instead.
    expect(trainTaggerModel(syntheticExamples(20, 10), { ...SMALL, loss: 'squared-hinge' }).hyper.loss).toBe('logistic');
  });
});
