import { describe, expect, it } from 'vitest';
import { parseDate, parseDateWithPrecision } from '../../../../crawler/pipeline/dates';

// 2023-06-04 18:00 in Shanghai.
const now = new Date('2023-06-04T10:00:00Z');

describe('parseDateWithPrecision', () => {
  it.each([
    ['2023年06月04日', '2023-06-04T00:00:00+08:00', 'day'],
    ['2023年6月4日 18:45', '2023-06-04T18:45:00+08:00', 'minute'],
    ['2023-06-04 18:45:49', '2023-06-04T18:45:49+08:00', 'second'],
    ['2023/06/04', '2023-06-04T00:00:00+08:00', 'day'],
    ['2023.06.04', '2023-06-04T00:00:00+08:00', 'day'],
    ['发布时间：2023-06-04 18:45', '2023-06-04T18:45:00+08:00', 'minute'],
    ['2023-06-04T10:00:00Z', '2023-06-04T18:00:00+08:00', 'second'],
    ['2023-06-04T10:00+02:00', '2023-06-04T16:00:00+08:00', 'minute'],
    ['Sun, 04 Jun 2023 10:45:49 GMT', '2023-06-04T18:45:49+08:00', 'second'],
    ['Sun, 04 Jun 2023 18:45 +0800', '2023-06-04T18:45:00+08:00', 'minute'],
    ['7/5/2005 9:23:57 PM', '2005-07-05T21:23:57+08:00', 'second'],
    ['12/31/2004', '2004-12-31T00:00:00+08:00', 'day'],
  ])('%s → %s (%s)', (input, iso, precision) => {
    expect(parseDateWithPrecision(input)).toEqual({ iso, precision });
  });

  it.each([
    ['3小时前', '2023-06-04T15:00:00+08:00', 'minute'],
    ['5分钟前', '2023-06-04T17:55:00+08:00', 'minute'],
    ['30秒前', '2023-06-04T17:59:30+08:00', 'second'],
    ['刚刚', '2023-06-04T18:00:00+08:00', 'minute'],
    ['半小时前', '2023-06-04T17:30:00+08:00', 'minute'],
    ['2天前', '2023-06-02T18:00:00+08:00', 'day'],
    ['1周前', '2023-05-28T18:00:00+08:00', 'day'],
    ['昨天 18:30', '2023-06-03T18:30:00+08:00', 'minute'],
    ['今天 09:15', '2023-06-04T09:15:00+08:00', 'minute'],
    ['前天', '2023-06-02T00:00:00+08:00', 'day'],
    ['06-04 18:45', '2023-06-04T18:45:00+08:00', 'minute'],
    ['5月30日', '2023-05-30T00:00:00+08:00', 'day'],
  ])('relative %s → %s (%s)', (input, iso, precision) => {
    expect(parseDateWithPrecision(input, { now })).toEqual({ iso, precision });
  });

  it('reads relative dates across the Shanghai midnight', () => {
    const justAfterMidnight = new Date('2023-06-03T16:10:00Z'); // 00:10 on 06-04 in Shanghai
    expect(parseDateWithPrecision('昨天 23:50', { now: justAfterMidnight })?.iso).toBe('2023-06-03T23:50:00+08:00');
  });

  it('needs "now" for relative and year-less dates', () => {
    expect(parseDateWithPrecision('3小时前')).toBeNull();
    expect(parseDateWithPrecision('06-04 18:45')).toBeNull();
  });

  it('accepts year-month and year-only dates only when asked', () => {
    expect(parseDateWithPrecision('2018年')).toBeNull();
    expect(parseDateWithPrecision('2018年', { partial: true })).toEqual({ iso: '2018-01-01T00:00:00+08:00', precision: 'year' });
    expect(parseDateWithPrecision('2023年6月', { partial: true })).toEqual({ iso: '2023-06-01T00:00:00+08:00', precision: 'month' });
    expect(parseDateWithPrecision('2023-06', { partial: true })).toEqual({ iso: '2023-06-01T00:00:00+08:00', precision: 'month' });
    expect(parseDateWithPrecision('2018', { partial: true })?.precision).toBe('year');
    // A full date still wins when partial dates are allowed.
    expect(parseDateWithPrecision('2023年6月4日', { partial: true })?.precision).toBe('day');
  });

  it('rejects impossible dates rather than guessing', () => {
    for (const input of ['2023-02-30', '2023-13-01', '13/13/2023', '来源：区融媒体中心', '第25号']) {
      expect(parseDateWithPrecision(input, { now, partial: true })).toBeNull();
    }
  });

  it('keeps parseDate returning the ISO string alone', () => {
    expect(parseDate('2023年6月4日 18:45')).toBe('2023-06-04T18:45:00+08:00');
    expect(parseDate('3小时前', { now })).toBe('2023-06-04T15:00:00+08:00');
  });
});
