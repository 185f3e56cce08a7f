import { describe, expect, it } from 'vitest';
import { buildTrendOption, hasTrendData } from '../../../web/src/charts/trend-option';
import { buildSourceOption, sourceTotals } from '../../../web/src/charts/source-option';
import type { Trends } from '../../../server/contracts/api';

const trends: Trends = {
  days: ['2026-11-27', '2026-11-28'],
  total: [5, 8],
  byTag: [
    { key: 'rebuttal', label: '辟谣', counts: [1, 2] },
    { key: 'rumor-suspect', label: '疑似谣言', counts: [0, 3] },
  ],
  bySource: [
    { key: 'a', label: '区政府', counts: [2, 3] },
    { key: 'b', label: '论坛', counts: [3, 5] },
  ],
};

describe('trend chart options', () => {
  it('draws totals as bars and each tag as a line, with localised names and short day labels', () => {
    const opt = buildTrendOption(trends, { total: '全部', tag: (k) => (k === 'rebuttal' ? '辟谣' : '疑似谣言') }) as {
      xAxis: { data: string[] };
      series: { name: string; type: string; data: number[] }[];
    };
    expect(opt.xAxis.data).toEqual(['11-27', '11-28']);
    expect(opt.series.map((s) => [s.name, s.type])).toEqual([
      ['全部', 'bar'],
      ['辟谣', 'line'],
      ['疑似谣言', 'line'],
    ]);
    expect(opt.series[2]!.data).toEqual([0, 3]);
    // ECharts 6 keeps axis labels inside the grid with outerBounds; containLabel needs a legacy module.
    expect(opt).not.toHaveProperty('grid.containLabel');
  });

  it('colours known tags and leaves unknown ones to the palette', () => {
    const opt = buildTrendOption({ ...trends, byTag: [{ key: 'new-tag', label: 'x', counts: [1, 1] }] }, { total: 'All', tag: (k) => k }) as {
      series: { itemStyle?: { color?: string } }[];
    };
    expect(opt.series[1]!.itemStyle).toBeUndefined();
  });

  it('ranks sources by their total over the period, largest at the top of the bar chart', () => {
    expect(sourceTotals(trends).map((s) => [s.label, s.total])).toEqual([
      ['论坛', 8],
      ['区政府', 5],
    ]);
    const opt = buildSourceOption(trends, { total: '收录量' }) as {
      yAxis: { type: string; data: string[] };
      series: { name: string; type: string; data: number[] }[];
    };
    // ECharts draws the first category at the bottom of a vertical category axis.
    expect(opt.yAxis).toMatchObject({ type: 'category', data: ['区政府', '论坛'] });
    expect(opt.series).toHaveLength(1);
    expect(opt.series[0]).toMatchObject({ name: '收录量', type: 'bar', data: [5, 8] });
  });

  it('keeps a source with nothing collected in the ranking', () => {
    const quiet = { ...trends, bySource: [...trends.bySource, { key: 'c', label: '微博', counts: [0, 0] }] };
    expect(sourceTotals(quiet).at(-1)).toEqual({ key: 'c', label: '微博', total: 0 });
  });

  it('knows when there is nothing to draw', () => {
    expect(hasTrendData(trends)).toBe(true);
    expect(hasTrendData({ ...trends, total: [0, 0] })).toBe(false);
    expect(hasTrendData(null)).toBe(false);
  });
});
