import { describe, expect, it } from 'vitest';
import { elapsedShare, overlapsRange, targetPercent, targetsForRange, targetTone } from '../../../web/src/features/ledger/ledger-targets';
import { parseAliases } from '../../../web/src/features/ledger/district-profile';
import type { LedgerTarget } from '../../../server/contracts/ledger';

const target = (id: number, over: Partial<LedgerTarget> = {}): LedgerTarget => ({
  id,
  categoryKey: 'leaflets',
  unitId: null,
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  quantity: 1000,
  createdBy: '张三',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  progress: { actual: 500, ratio: 0.5 },
  ...over,
});

describe('target progress against the calendar', () => {
  it('measures the share of the period gone, whole days counted', () => {
    expect(elapsedShare('2026-11-01', '2026-11-30', '2026-10-31')).toBe(0);
    expect(elapsedShare('2026-11-01', '2026-11-30', '2026-11-01')).toBeCloseTo(1 / 30);
    expect(elapsedShare('2026-11-01', '2026-11-30', '2026-11-15')).toBeCloseTo(0.5);
    expect(elapsedShare('2026-11-01', '2026-11-30', '2026-11-30')).toBe(1);
    expect(elapsedShare('2026-11-01', '2026-11-30', '2026-12-05')).toBe(1);
    expect(elapsedShare('2026-11-30', '2026-11-01', '2026-11-15')).toBe(0);
  });

  it('colours a target behind when done falls more than 5 points under the time gone', () => {
    expect(targetTone(0.5, 0.5)).toBe('onTrack');
    expect(targetTone(0.46, 0.5)).toBe('onTrack');
    expect(targetTone(0.44, 0.5)).toBe('behind');
    expect(targetTone(0, 0)).toBe('onTrack');
    expect(targetTone(1, 0.2)).toBe('reached');
    expect(targetTone(1.3, 1)).toBe('reached');
    expect(targetTone(0.99, 1)).toBe('missed');
  });

  it('gives the bar a capped fill and the true percentage', () => {
    expect(targetPercent(0.456)).toEqual({ text: 46, fill: 46 });
    expect(targetPercent(1.25)).toEqual({ text: 125, fill: 100 });
    expect(targetPercent(Number.NaN)).toEqual({ text: 0, fill: 0 });
  });

  it('keeps the targets overlapping the range, ending first on top', () => {
    expect(overlapsRange(target(1), '2026-11-30', '2026-12-10')).toBe(true);
    expect(overlapsRange(target(1), '2026-12-01', '2026-12-10')).toBe(false);
    const list = [target(1), target(2, { periodStart: '2026-10-01', periodEnd: '2026-10-31' }), target(3, { periodStart: '2026-11-20', periodEnd: '2026-11-25' })];
    expect(targetsForRange(list, '2026-11-01', '2026-11-29').map((t) => t.id)).toEqual([3, 1]);
  });
});

describe('district aliases as typed', () => {
  it('splits on commas, 、 and spaces, drops blanks, repeats and the name itself', () => {
    expect(parseAliases('清河、清河县, 清河 ；老城区 ', '清河区')).toEqual(['清河', '清河县', '老城区']);
    expect(parseAliases('清河区，清河', '清河区')).toEqual(['清河']);
    expect(parseAliases('   ')).toEqual([]);
  });
});
