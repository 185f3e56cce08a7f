import { describe, expect, it } from 'vitest';
import { predictSentiment, trainSentiment } from '../../../server/sentiment/model';
import { updateSentiment } from '../../../server/sentiment/online';
import { parseSentimentModel, serialiseSentimentModel } from '../../../server/sentiment/serialise';

const train = [
  ...['服务很好非常满意', '太棒了点赞', '干净整洁很喜欢', '工作人员热情周到', '效率高值得表扬'].map((text) => ({ text, label: 'pos' as const })),
  ...['态度恶劣很生气', '太差了再也不来', '排队两小时非常失望', '脏乱差投诉无门', '推诿扯皮让人心寒'].map((text) => ({ text, label: 'neg' as const })),
  ...['明天上午九点开会', '通知如下请知悉', '本周三停水检修', '办理时间为工作日', '地址在人民路十号'].map((text) => ({ text, label: 'neutral' as const })),
];

describe('learning sentiment from corrections', () => {
  const model = trainSentiment(train, { maxIter: 100 });
  const text = '停水检修又拖了三天';

  it('reads the corrected text with the corrected label afterwards, and leaves the input model unchanged', () => {
    const before = predictSentiment(model, text).label;
    const wanted = before === 'neg' ? 'pos' : 'neg';
    const updated = updateSentiment(model, [{ text, label: wanted }]);
    expect(predictSentiment(updated, text).label).toBe(wanted);
    expect(predictSentiment(model, text).label).toBe(before);
    expect(updated.trained.examples).toBe(model.trained.examples + 1);
  });

  it('keeps what it learnt through saving and loading', () => {
    const updated = updateSentiment(model, [{ text, label: 'neg' }]);
    const reloaded = parseSentimentModel(serialiseSentimentModel(updated));
    const a = predictSentiment(reloaded, text);
    const b = predictSentiment(updated, text);
    expect(a.label).toBe('neg');
    expect(a.label).toBe(b.label);
    // Weights are stored to 5 significant digits.
    expect(a.probabilities.neg).toBeCloseTo(b.probabilities.neg, 3);
  });

  it('does not disturb unrelated texts much', () => {
    const updated = updateSentiment(model, [{ text, label: 'neg' }]);
    for (const e of train.filter((x) => x.label === 'pos')) expect(predictSentiment(updated, e.text).label).toBe('pos');
  });
});
