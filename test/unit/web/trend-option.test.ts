import { describe, expect, it } from 'vitest';
import { buildSourceOption, buildTrendOption, hasTrendData } from '../../../web/src/charts/trend-option';
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
  });

  it('stacks one bar series per source', () => {
    const opt = buildSourceOption(trends) as { series: { name: string; stack: string; data: number[] }[] };
    expect(opt.series.map((s) => s.name)).toEqual(['区政府', '论坛']);
    expect(new Set(opt.series.map((s) => s.stack)).size).toBe(1);
  });

  it('knows when there is nothing to draw', () => {
    expect(hasTrendData(trends)).toBe(true);
    expect(hasTrendData({ ...trends, total: [0, 0] })).toBe(false);
    expect(hasTrendData(null)).toBe(false);
  });
});
