import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../server/nlp/normalise';
import { lexiconSentiment } from '../../../server/sentiment/lexicon-baseline';
import { createSentimentScorer } from '../../../server/sentiment/sentiment-tagger';

const label = (s: string) => lexiconSentiment(normaliseText(s)).label;

describe('the built-in sentiment word list', () => {
  it('reads plain praise and complaint', () => {
    expect(label('社区工作人员很贴心，非常感谢！')).toBe('pos');
    expect(label('物业推诿扯皮，业主十分愤怒')).toBe('neg');
  });

  it('leaves factual notices neutral', () => {
    expect(label('关于2026年元旦放假安排的通知')).toBe('neutral');
    expect(label('')).toBe('neutral');
  });

  it('flips praise under negation and softens a negated complaint', () => {
    expect(label('对处理结果不满意')).toBe('neg');
    expect(label('大家不用担心，供应充足')).not.toBe('neg');
  });

  it('does not carry negation past the end of a clause', () => {
    expect(label('没有别的问题。服务很好，感谢')).toBe('pos');
  });

  it('works on traditional characters through normalisation', () => {
    expect(label('服務周到，非常滿意')).toBe('pos');
  });

  it('is what the scorer uses before any model exists, marked as such', () => {
    const s = createSentimentScorer(null).score({ title: '投诉', body: '黑心商家哄抬价格，太恶心了' });
    expect(s).toMatchObject({ label: 'neg', source: 'lexicon' });
    expect(s.confidence).toBeGreaterThan(0.5);
    expect(s.confidence).toBeLessThanOrEqual(0.9);
  });
});
