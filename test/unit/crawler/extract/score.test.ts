import { describe, expect, it } from 'vitest';
import { localTimeAtPrecision } from '../../../../crawler/extract/record';
import { authorCorrect, bigramF1, publishTimeCorrect, scorePage, summarise, titleCorrect } from '../../../../crawler/extract/score';

describe('bigramF1', () => {
  it('is 1 for the same text whatever the whitespace', () => {
    expect(bigramF1('今天 天气\n很好', '今天天气很好')).toBe(1);
  });

  it('counts bigrams as a multiset', () => {
    // "哈哈哈" has bigrams {哈哈: 2}; "哈哈" has {哈哈: 1} → P = 1/2, R = 1 → F1 = 2/3.
    expect(bigramF1('哈哈哈', '哈哈')).toBeCloseTo(2 / 3, 10);
  });

  it('handles empty and one-character texts', () => {
    expect(bigramF1('', '')).toBe(1);
    expect(bigramF1('', '有')).toBe(0);
    expect(bigramF1('有', '有')).toBe(1);
    expect(bigramF1('完全不同', '另一回事')).toBe(0);
  });

  it('rewards partial overlap in proportion', () => {
    const f = bigramF1('第一段。第二段。', '第一段。');
    expect(f).toBeGreaterThan(0.5);
    expect(f).toBeLessThan(1);
  });
});

describe('field rules', () => {
  it('title: bigram F1 of at least 0.9', () => {
    expect(titleCorrect('区政府召开防汛工作会议', '区政府召开防汛工作会议')).toBe(true);
    expect(titleCorrect('区政府召开防汛工作会议_清河区政府网', '区政府召开防汛工作会议')).toBe(false);
    expect(titleCorrect(null, '标题')).toBe(false);
  });

  it('author: one contains the other once whitespace is gone', () => {
    expect(authorCorrect('王建宏 张文攀', '王建宏张文攀')).toBe(true);
    expect(authorCorrect('中国地理学会', '来源：中国地理学会')).toBe(true);
    expect(authorCorrect('人民网', '新华网')).toBe(false);
    expect(authorCorrect('', '新华网')).toBe(false);
  });

  it('publish time: correct at the precision of the truth', () => {
    expect(publishTimeCorrect('2023-06-04T18:45', '2023-06-04T18:45')).toBe(true);
    expect(publishTimeCorrect('2023-06-04T18:45:49', '2023-06-04T18:45')).toBe(true);
    expect(publishTimeCorrect('2023-06-04T18:45', '2023-06-04T18:45:49')).toBe(true);
    expect(publishTimeCorrect('2023-06-04', '2023-06-04T18:45')).toBe(false);
    expect(publishTimeCorrect('2023-06-04T09:00', '2023-06-04')).toBe(true);
    expect(publishTimeCorrect('2023-06-05', '2023-06-04')).toBe(false);
    expect(publishTimeCorrect('2018-08-23', '2018')).toBe(true);
    expect(publishTimeCorrect(null, '2018')).toBe(false);
  });

  it('writes a prediction in the truth files form, cut at its precision', () => {
    expect(localTimeAtPrecision('2023-06-04T18:45:00+08:00', 'minute')).toBe('2023-06-04T18:45');
    expect(localTimeAtPrecision('2023-06-04T00:00:00+08:00', 'day')).toBe('2023-06-04');
    expect(localTimeAtPrecision('2018-01-01T00:00:00+08:00', 'year')).toBe('2018');
    expect(localTimeAtPrecision(null, 'day')).toBeNull();
  });
});

describe('scorePage and summarise', () => {
  it('scores only the fields the truth gives', () => {
    const truth = { title: null, publish_time: '2023-06-04', author_or_source: null, body_text: '正文内容。' };
    const score = scorePage({ title: 'x', publish_time: '2023-06-04', author_or_source: 'y', body_text: '正文内容。' }, truth);
    expect(score).toEqual({ publishTime: true, bodyF1: 1 });
  });

  it('averages each field over the pages that have it', () => {
    const summary = summarise([{ publishTime: true, bodyF1: 1 }, { publishTime: false, bodyF1: 0.5 }, { title: true }]);
    expect(summary.pages).toBe(3);
    expect(summary.publishTime).toEqual({ n: 2, value: 0.5 });
    expect(summary.bodyF1).toEqual({ n: 2, value: 0.75 });
    expect(summary.title).toEqual({ n: 1, value: 1 });
    expect(summary.author).toEqual({ n: 0, value: null });
  });
});
