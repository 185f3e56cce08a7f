import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../../server/contracts/review';
import { formatHours, screenChartHeight, screenOption, staleSuspects, unrebuttedByUnit } from '../../../web/src/features/screen/screen-view';
import { activeNav } from '../../../web/src/nav';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const row = (id: number, hoursAgo: number) => ({ id, collectedAt: new Date(NOW - hoursAgo * 3_600_000).toISOString() }) as QueueRow;

describe('big screen tiles', () => {
  it('counts suspects waiting more than 6 hours, oldest first', () => {
    const s = staleSuspects([row(1, 1), row(2, 7), row(3, 30)], 3, NOW);
    expect(s.count).toBe(2);
    expect(s.rows.map((r) => r.id)).toEqual([3, 2]);
    // Rows beyond the page read are older (newest-first order): they wait too.
    expect(staleSuspects([row(1, 1)], 41, NOW).count).toBe(40);
  });

  it('lists units with unanswered rumours, most first', () => {
    const stats = { n: 0, medianHours: null, p90Hours: null };
    const r = unrebuttedByUnit({
      overall: { toVerdict: stats, toRebuttal: stats, unanswered: 5 },
      byUnit: [
        { unit: '东城街道', toVerdict: stats, toRebuttal: stats, unanswered: 1 },
        { unit: null, toVerdict: stats, toRebuttal: stats, unanswered: 0 },
        { unit: '西城街道', toVerdict: stats, toRebuttal: stats, unanswered: 4 },
      ],
    });
    expect(r).toEqual({ total: 5, units: [{ unit: '西城街道', count: 4 }, { unit: '东城街道', count: 1 }] });
  });

  it('formats clock hours', () => {
    expect(formatHours(3.456)).toBe('3.5');
    expect(formatHours(26.4)).toBe('26');
    expect(formatHours(null)).toBeNull();
  });

  it('makes chart text larger and light without touching the data', () => {
    const o = screenOption({ xAxis: { type: 'category', data: ['a'] }, yAxis: [{ type: 'value' }], legend: { top: 0 }, series: [{ data: [1] }] }, 16);
    expect(o).toMatchObject({ backgroundColor: 'transparent', xAxis: { data: ['a'], axisLabel: { fontSize: 16 } }, yAxis: [{ axisLabel: { fontSize: 16 } }], legend: { top: 0, textStyle: { fontSize: 16 } }, series: [{ data: [1] }] });
  });

  it('sizes charts to a third of the wall, fixed on narrow screens', () => {
    expect(screenChartHeight(1080, 1920)).toBeGreaterThan(240);
    expect(screenChartHeight(768, 1366)).toBeGreaterThanOrEqual(140);
    expect(screenChartHeight(800, 375)).toBe(240);
  });

  it('has menu entries for alerts and the big screen', () => {
    expect(activeNav('/alerts')).toBe('alerts');
    expect(activeNav('/screen')).toBe('screen');
  });
});
