import { describe, expect, it } from 'vitest';
import { changeOf, formatBucket, formatRatio, formatShare } from '../../../web/src/format';

describe('trend formatting', () => {
  it('labels day buckets short and hour buckets in Beijing time', () => {
    expect(formatBucket('2026-11-28', 'day')).toBe('11-28');
    // 16:00 UTC is midnight the next day in Asia/Shanghai
    expect(formatBucket('2026-11-28T16:00:00.000Z', 'hour')).toBe('11-29 00:00');
    expect(formatBucket('garbage', 'hour')).toBe('garbage');
  });

  it('shows a share as a percentage with at most one decimal', () => {
    expect(formatShare(0.1234)).toBe('12.3%');
    expect(formatShare(0.5)).toBe('50%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(Number.NaN)).toBe('—');
  });

  it('describes the change against the previous period', () => {
    expect(changeOf(120, 100)).toEqual({ dir: 'up', pct: '20%' });
    expect(changeOf(75, 100)).toEqual({ dir: 'down', pct: '25%' });
    expect(changeOf(100, 100)).toEqual({ dir: 'flat', pct: '' });
    expect(changeOf(5, 0)).toEqual({ dir: 'new', pct: '' });
    expect(changeOf(0, 0)).toEqual({ dir: 'flat', pct: '' });
    expect(changeOf(1, 3)).toEqual({ dir: 'down', pct: '66.7%' });
  });

  it('shows a rising ratio with one decimal below 10, whole above', () => {
    expect(formatRatio(3.24)).toBe('3.2');
    expect(formatRatio(3)).toBe('3');
    expect(formatRatio(12.6)).toBe('13');
    expect(formatRatio(Infinity)).toBe('—');
  });
});
