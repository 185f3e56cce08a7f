import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../server/nlp/normalise';
import { buildSentimentTable, ownOffset, popcount } from '../../../server/sentiment/lookup-table';
import { prepareSentimentModel, sentimentFeaturiserFor, sentimentMargins, sentimentTableReady, trainSentiment, type SentimentModel } from '../../../server/sentiment/model';
import { updateSentiment } from '../../../server/sentiment/online';

const train = [
  ...['服务很好非常满意', '太棒了点赞', '干净整洁很喜欢', '工作人员热情周到', '效率高值得表扬'].map((text) => ({ text, label: 'pos' as const })),
  ...['态度恶劣很生气', '太差了再也不来', '排队两小时非常失望', '脏乱差投诉无门', '推诿扯皮让人心寒'].map((text) => ({ text, label: 'neg' as const })),
  ...['明天上午九点开会', '通知如下请知悉', '本周三停水检修', '办理时间为工作日', '地址在人民路十号'].map((text) => ({ text, label: 'neutral' as const })),
];
// Seen and unseen n-grams alike: most of a new text's trigrams were never in training.
const probes = ['服务很好', '排队失望透顶', '下周一停电通知', '这家店的老板人真不错，下次还来', '完全没见过的句子ABC 123'];

/** Margins straight from the model's full weight and scale arrays: what the table must reproduce. */
function reference(model: SentimentModel, text: string): number[] {
  const v = sentimentFeaturiserFor(model.features).features(normaliseText(text));
  return model.weights.map((w, c) => {
    const scale = model.scales[c] ?? null;
    let m = 0;
    let norm = 0;
    for (let j = 0; j < v.idx.length; j++) {
      const x = v.val[j]! * (scale ? scale[v.idx[j]!]! : 1);
      m += w[v.idx[j]!]! * x;
      norm += x * x;
    }
    return model.biases[c]! + (norm > 0 ? m / Math.sqrt(norm) : 0);
  });
}

describe('sentiment lookup table', () => {
  const cases: [string, SentimentModel][] = [
    ['NB-weighted one-vs-rest', trainSentiment(train, { bits: 14, maxIter: 60 })],
    ['no scales (IDF and NB off)', trainSentiment(train, { bits: 14, maxIter: 60, idf: false, nb: false })],
    ['softmax with a shared scale', trainSentiment(train, { bits: 14, maxIter: 60, multinomial: true })],
    ['after analysts’ corrections', updateSentiment(trainSentiment(train, { bits: 14, maxIter: 60 }), [{ text: '停水检修又拖了三天', label: 'neg' }])],
  ];

  for (const [name, model] of cases) {
    it(`gives exactly the full table's margins: ${name}`, () => {
      for (const text of [...probes, ...train.map((t) => t.text)]) {
        expect(sentimentMargins(model, normaliseText(text))).toEqual(reference(model, text));
      }
    });
  }

  it('carries a model in use to its corrected copies without a rebuild, with the same margins as a fresh table', () => {
    let model = trainSentiment(train, { bits: 14, maxIter: 60 });
    prepareSentimentModel(model);
    expect(sentimentTableReady(model)).toBe(true);
    for (const [text, label] of [['停水检修又拖了三天', 'neg'], ['排队两小时终于办好了，点赞', 'pos'], ['通知：下周一停电', 'neutral']] as const) {
      const next = updateSentiment(model, [{ text, label }]);
      expect(sentimentTableReady(next)).toBe(true); // carried over, patched
      for (const probe of [...probes, text, ...train.map((t) => t.text)]) {
        expect(sentimentMargins(next, normaliseText(probe))).toEqual(reference(next, probe));
      }
      // The model before the correction keeps its own table.
      expect(sentimentMargins(model, normaliseText(text))).toEqual(reference(model, text));
      model = next;
    }
  });

  it('keeps values only for buckets that differ from the shared entry', () => {
    const model = cases[0]![1];
    const table = buildSentimentTable(model);
    const dim = 2 ** model.features.bits;
    let own = 0;
    for (let b = 0; b < dim; b++) {
      const at = ownOffset(table, b);
      if (at >= 0) {
        own++;
        for (let c = 0; c < table.K; c++) {
          expect(table.own[at + 2 * c]).toBe(model.scales[c]![b]);
          expect(table.own[at + 2 * c + 1]).toBe(model.weights[c]![b]);
        }
      } else {
        for (let c = 0; c < table.K; c++) {
          expect(model.weights[c]![b]).toBe(0);
          expect(table.shared[2 * c]).toBe(model.scales[c]![b]);
        }
      }
    }
    // Training touched a small part of the 2^14 buckets: the rest share one entry.
    expect(own).toBe(model.stats.buckets.length);
    expect(table.own.length).toBe(own * 2 * table.K);
  });

  it('counts bits', () => {
    expect([0, 1, 0xff, 0x80000000, 0xffffffff, 0x55555555].map(popcount)).toEqual([0, 1, 8, 1, 32, 16]);
  });
});
