import { describe, expect, it } from 'vitest';
import { buildSightingsOption, fillSightingDays, hasSightingData } from '../../../web/src/charts/sightings-option';

type Opt = {
  xAxis: { type: string; data: string[] };
  yAxis: { type: string; minInterval: number };
  series: { name: string; type: string; data: number[] }[];
};

describe('sightings per day chart', () => {
  it('draws one bar per day from the first sighting to the last, quiet days as zero', () => {
    const opt = buildSightingsOption(
      [
        { day: '2026-11-27', count: 3 },
        { day: '2026-11-30', count: 1 },
      ],
      { count: '每日发现次数' },
    ) as Opt;
    expect(opt.xAxis).toMatchObject({ type: 'category', data: ['11-27', '11-28', '11-29', '11-30'] });
    expect(opt.series).toHaveLength(1);
    expect(opt.series[0]).toMatchObject({ name: '每日发现次数', type: 'bar', data: [3, 0, 0, 1] });
    expect(opt.yAxis.minInterval).toBe(1);
    // ECharts 6 keeps axis labels inside the grid with outerBounds; containLabel needs a legacy module.
    expect(opt).not.toHaveProperty('grid.containLabel');
  });

  it('orders days, sums duplicates, ignores malformed days and crosses month ends', () => {
    expect(
      fillSightingDays([
        { day: '2026-03-01', count: 2 },
        { day: '2026-02-27', count: 1 },
        { day: 'yesterday', count: 9 },
        { day: '2026-03-01', count: 1 },
      ]),
    ).toEqual([
      { day: '2026-02-27', count: 1 },
      { day: '2026-02-28', count: 0 },
      { day: '2026-03-01', count: 3 },
    ]);
  });

  it('keeps the year on the axis when the days span a new year', () => {
    const opt = buildSightingsOption(
      [
        { day: '2025-12-31', count: 1 },
        { day: '2026-01-01', count: 2 },
      ],
      { count: 'n' },
    ) as Opt;
    expect(opt.xAxis.data).toEqual(['2025-12-31', '2026-01-01']);
  });

  it('does not fill years of empty days between two far-apart sightings', () => {
    const days = fillSightingDays([
      { day: '2024-01-01', count: 1 },
      { day: '2026-01-01', count: 1 },
    ]);
    expect(days.map((d) => d.day)).toEqual(['2024-01-01', '2026-01-01']);
  });

  it('knows when there is nothing to draw', () => {
    expect(hasSightingData([])).toBe(false);
    expect(hasSightingData(null)).toBe(false);
    expect(hasSightingData([{ day: '2026-11-27', count: 0 }])).toBe(false);
    expect(hasSightingData([{ day: '2026-11-27', count: 1 }])).toBe(true);
    expect((buildSightingsOption([], { count: 'n' }) as Opt).series[0]!.data).toEqual([]);
  });
});
