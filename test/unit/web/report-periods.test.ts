import { describe, expect, it } from 'vitest';
import { presetOf, presetPeriod, weekStart } from '../../../web/src/features/reports/report-periods';
import { reportsFromQuery, reportsToQuery } from '../../../web/src/features/reports/reports-query';
import { filterReports, formatSize, latestDone, mergeReport, reportPercent } from '../../../web/src/features/reports/report-view';
import type { ReportFile } from '../../../server/contracts/report';

describe('report period presets (weeks start on Monday, days in Asia/Shanghai)', () => {
  it('works out this week, last week, this month, last month and this quarter', () => {
    // Sunday 2026-11-29: the week began on Monday the 23rd.
    const today = '2026-11-29';
    expect(weekStart(today)).toBe('2026-11-23');
    expect(presetPeriod('thisWeek', today)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetPeriod('lastWeek', today)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(presetPeriod('thisMonth', today)).toEqual({ from: '2026-11-01', to: '2026-11-29' });
    expect(presetPeriod('lastMonth', today)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('thisQuarter', today)).toEqual({ from: '2026-10-01', to: '2026-11-29' });
    expect(presetPeriod('custom', today)).toBeNull();
  });

  it('handles a Monday, year ends, leap Februaries and the first day of a quarter', () => {
    expect(presetPeriod('thisWeek', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    expect(presetPeriod('lastWeek', '2026-11-23')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    // Friday 2027-01-01: last week spans the new year.
    expect(presetPeriod('lastWeek', '2027-01-01')).toEqual({ from: '2026-12-21', to: '2026-12-27' });
    expect(presetPeriod('thisWeek', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-01' });
    expect(presetPeriod('lastMonth', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('lastMonth', '2028-03-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('lastMonth', '2027-03-31')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(presetPeriod('thisQuarter', '2026-07-01')).toEqual({ from: '2026-07-01', to: '2026-07-01' });
    expect(presetPeriod('thisQuarter', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('thisQuarter', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('names the preset a period is, else custom', () => {
    expect(presetOf({ from: '2026-11-16', to: '2026-11-22' }, '2026-11-29')).toBe('lastWeek');
    expect(presetOf({ from: '2026-11-02', to: '2026-11-08' }, '2026-11-29')).toBe('custom');
  });
});

describe('reports view in the URL', () => {
  const today = '2026-11-29';
  it('defaults to all kinds and last week, distrusting odd values', () => {
    expect(reportsFromQuery({}, today)).toEqual({ kind: 'all', preset: 'lastWeek', from: '2026-11-16', to: '2026-11-22', unit: null });
    expect(reportsFromQuery({ kind: 'weekly', period: 'thisMonth', unit: '4' }, today)).toEqual({ kind: 'weekly', preset: 'thisMonth', from: '2026-11-01', to: '2026-11-29', unit: 4 });
    expect(reportsFromQuery({ kind: 'bogus', period: 'nope', unit: '-1' }, today)).toMatchObject({ kind: 'all', preset: 'lastWeek', unit: null });
    expect(reportsFromQuery({ period: 'custom', from: '2026-11-20', to: '2026-11-03' }, today)).toMatchObject({ preset: 'custom', from: '2026-11-03', to: '2026-11-20' });
    expect(reportsFromQuery({ period: 'custom', from: '2026-11-20', to: '2027-01-01' }, today)).toMatchObject({ from: '2026-11-20', to: today });
    expect(reportsFromQuery({ period: 'custom', from: '2026-02-30', to: '2026-11-03' }, today)).toMatchObject({ preset: 'lastWeek' });
  });

  it('writes only what differs from the default', () => {
    expect(reportsToQuery(reportsFromQuery({}, today))).toEqual({});
    expect(reportsToQuery({ kind: 'monthly', preset: 'custom', from: '2026-11-01', to: '2026-11-10', unit: 3 })).toEqual({ kind: 'monthly', period: 'custom', from: '2026-11-01', to: '2026-11-10', unit: '3' });
  });
});

const report = (id: number, over: Partial<ReportFile> = {}): ReportFile => ({
  id,
  kind: 'weekly',
  from: '2026-11-16',
  to: '2026-11-22',
  unitId: null,
  unitName: null,
  title: `报告 ${id}`,
  status: 'done',
  done: 5,
  total: 5,
  error: null,
  sizeBytes: 840_000,
  createdBy: 'schedule',
  createdAt: '2026-11-23T00:00:00Z',
  finishedAt: '2026-11-23T00:01:00Z',
  ...over,
});

describe('report list logic', () => {
  it('merges live events by id, never rolling progress back, new ones first', () => {
    const list = [report(1, { status: 'running', done: 2 }), report(2)];
    expect(mergeReport(list, report(1, { status: 'running', done: 3 }))[0]).toMatchObject({ id: 1, done: 3 });
    expect(mergeReport(list, report(1, { status: 'queued', done: 0 }))[0]).toMatchObject({ status: 'running', done: 2 });
    expect(mergeReport(list, report(3)).map((r) => r.id)).toEqual([3, 1, 2]);
  });

  it('filters by kind, finds the latest finished, formats progress and size', () => {
    const list = [report(3, { kind: 'weekly', status: 'running' }), report(2, { kind: 'monthly' }), report(1, { kind: 'weekly' })];
    expect(filterReports(list, 'weekly').map((r) => r.id)).toEqual([3, 1]);
    expect(filterReports(list, 'all')).toHaveLength(3);
    expect(latestDone(list, 'weekly')?.id).toBe(1);
    expect(latestDone(list, 'monthly')?.id).toBe(2);
    expect(reportPercent({ status: 'running', done: 1, total: 3 })).toBe(33);
    expect(reportPercent({ status: 'queued', done: 0, total: 0 })).toBe(0);
    expect(reportPercent({ status: 'done', done: 2, total: 3 })).toBe(100);
    expect(formatSize(840_000)).toBe('820 KB');
    expect(formatSize(1_500_000)).toBe('1.4 MB');
    expect(formatSize(null)).toBe('—');
  });
});
