import { describe, expect, it } from 'vitest';
import { DEFAULT_RANGE, rangeDays, rangeFromQuery, rangeToQuery, volumeParams } from '../../../web/src/trend-query';
import { canCompare, compareFromQuery, compareToQuery, parseIds, toggleSelection, type CompareView } from '../../../web/src/features/topics/topic-query';
import { trendsFromQuery, trendsToQuery } from '../../../web/src/features/trends/trends-query';

describe('trend range in the URL', () => {
  it('round-trips and leaves defaults out', () => {
    const r = { interval: 'hour', from: '2026-11-01', to: '2026-11-07' } as const;
    expect(rangeFromQuery(rangeToQuery(r) as Record<string, string>)).toEqual(r);
    expect(rangeToQuery(DEFAULT_RANGE)).toEqual({});
  });

  it('drops malformed values and swaps reversed dates', () => {
    expect(rangeFromQuery({ interval: 'week', from: '2026/11/01', to: 'x' })).toEqual(DEFAULT_RANGE);
    expect(rangeFromQuery({ from: '2026-11-09', to: '2026-11-01' })).toMatchObject({ from: '2026-11-01', to: '2026-11-09' });
  });

  it('builds API parameters, skipping empty extras', () => {
    const p = volumeParams({ interval: 'day', from: '2026-11-01', to: '' }, { by: 'topic', topics: '1,2', topic: undefined });
    expect(p.toString()).toBe('interval=day&from=2026-11-01&by=topic&topics=1%2C2');
  });

  it('fills in the server default range for an item search', () => {
    expect(rangeDays(DEFAULT_RANGE, '2026-11-28')).toEqual({ from: '2026-11-21', to: '2026-11-28' });
    expect(rangeDays({ interval: 'day', from: '2026-11-02', to: '' }, '2026-11-28')).toEqual({ from: '2026-11-02', to: '2026-11-28' });
  });
});

describe('topic comparison in the URL', () => {
  it('parses ids: unique positive integers, at most four', () => {
    expect(parseIds('3,1,3,x,0,-2,7,8,9')).toEqual([3, 1, 7, 8]);
    expect(parseIds('')).toEqual([]);
  });

  it('round-trips a view', () => {
    const v: CompareView = { ids: [2, 5], interval: 'day', from: '', to: '2026-11-28', mode: 'share' };
    const q = compareToQuery(v);
    expect(q).toEqual({ ids: '2,5', to: '2026-11-28', mode: 'share' });
    expect(compareFromQuery(q as Record<string, string>)).toEqual(v);
    expect(compareFromQuery({ ids: '1,2', mode: 'nonsense' }).mode).toBe('count');
  });

  it('allows comparing 2–4 topics and caps the selection', () => {
    expect(canCompare([1])).toBe(false);
    expect(canCompare([1, 2])).toBe(true);
    expect(canCompare([1, 2, 3, 4, 5])).toBe(false);
    expect(toggleSelection([1, 2, 3, 4], 5, true)).toEqual([1, 2, 3, 4]);
    expect(toggleSelection([1, 2], 2, false)).toEqual([1]);
    expect(toggleSelection([1], 1, true)).toEqual([1]);
  });
});

describe('trend page view in the URL', () => {
  it('round-trips split and window, defaults left out', () => {
    const v = { interval: 'day', from: '', to: '', by: 'sentiment', hours: 72 } as const;
    expect(trendsToQuery(v)).toEqual({ by: 'sentiment', hours: '72' });
    expect(trendsFromQuery(trendsToQuery(v) as Record<string, string>)).toEqual(v);
    expect(trendsToQuery({ ...v, by: 'all', hours: 24 })).toEqual({});
  });

  it('ignores splits and windows it does not offer', () => {
    expect(trendsFromQuery({ by: 'topic', hours: '5' })).toMatchObject({ by: 'all', hours: 24 });
  });
});
