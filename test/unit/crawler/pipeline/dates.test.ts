import { describe, expect, it } from 'vitest';
import { findLabelledDate, formatWithOffset, parseDate } from '../../../../crawler/pipeline/dates';

describe('parseDate', () => {
  it.each([
    ['2023-06-04 18:45:49', '2023-06-04T18:45:49+08:00'],
    ['发布时间：2023-06-04 18:45', '2023-06-04T18:45:00+08:00'],
    ['2023年06月04日', '2023-06-04T00:00:00+08:00'],
    ['2023年6月4日 18:45', '2023-06-04T18:45:00+08:00'],
    ['2023年6月4日18时45分', '2023-06-04T18:45:00+08:00'],
    ['2023/06/04', '2023-06-04T00:00:00+08:00'],
    ['2023.6.4', '2023-06-04T00:00:00+08:00'],
    ['发表于 2023-6-4 08:05', '2023-06-04T08:05:00+08:00'],
    ['２０２３－０６－０４　１８：４５', '2023-06-04T18:45:00+08:00'],
    ['2023-06-04T10:00:00Z', '2023-06-04T18:00:00+08:00'],
    ['2023-06-04T10:00:00.123+02:00', '2023-06-04T16:00:00+08:00'],
    ['2023-06-04T10:00:00', '2023-06-04T10:00:00+08:00'],
    ['Sun, 04 Jun 2023 10:45:49 GMT', '2023-06-04T18:45:49+08:00'],
    ['Sun, 04 Jun 2023 18:45:49 +0800', '2023-06-04T18:45:49+08:00'],
    ['Sun, 4 Jun 23 10:45 -0000', '2023-06-04T18:45:00+08:00'],
    ['Sun, 04 Jun 2023 18:45:49 CST', '2023-06-04T18:45:49+08:00'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([['明天'], [''], ['2023-13-01'], ['2023年2月30日'], ['来源：清河区融媒体中心'], ['第25号'], ['2023-06-04 25:61']])(
    'returns null for %j rather than guessing',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );

  it('reads relative forum dates against "now"', () => {
    const now = new Date('2023-06-04T10:00:00Z'); // 18:00 in Shanghai
    expect(parseDate('3分钟前', { now })).toBe('2023-06-04T17:57:00+08:00');
    expect(parseDate('2 小时前', { now })).toBe('2023-06-04T16:00:00+08:00');
    expect(parseDate('昨天 18:45', { now })).toBe('2023-06-03T18:45:00+08:00');
    expect(parseDate('刚刚', { now })).toBe('2023-06-04T18:00:00+08:00');
    expect(parseDate('06-01 09:30', { now })).toBe('2023-06-01T09:30:00+08:00');
    // A year-less date later than today is last year's.
    expect(parseDate('12月31日', { now })).toBe('2022-12-31T00:00:00+08:00');
    expect(parseDate('3分钟前')).toBeNull();
  });

  it('writes in another offset when asked', () => {
    expect(parseDate('2023-06-04T10:00:00Z', { offsetMinutes: 0 })).toBe('2023-06-04T10:00:00+00:00');
    expect(formatWithOffset(Date.UTC(2023, 5, 4, 10), -300)).toBe('2023-06-04T05:00:00-05:00');
  });

  it('handles the Shanghai day boundary', () => {
    expect(parseDate('2023-06-04 00:30')).toBe('2023-06-04T00:30:00+08:00');
    expect(new Date(parseDate('2023-06-04 00:30')!).toISOString()).toBe('2023-06-03T16:30:00.000Z');
  });
});

describe('findLabelledDate', () => {
  it('finds the date next to 发布时间 / 发布日期 in page text', () => {
    expect(findLabelledDate('首页 > 通知公告 发布日期：2023年06月04日 09:30 来源：区水务局')).toBe('2023-06-04T09:30:00+08:00');
    expect(findLabelledDate('活动时间：2023年7月1日 … 发布时间：2023-06-04')).toBe('2023-06-04T00:00:00+08:00');
    expect(findLabelledDate('日期: 2023/06/04')).toBe('2023-06-04T00:00:00+08:00');
  });

  it('returns null when no labelled date exists', () => {
    expect(findLabelledDate('本次活动于2023年6月4日举行')).toBeNull();
    expect(findLabelledDate('发布时间：不详')).toBeNull();
  });
});
