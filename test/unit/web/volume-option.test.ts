import { describe, expect, it } from 'vitest';
import { SENTIMENT_COLORS, buildRumourOption, buildVolumeOption, hasVolumeData, volumeLines } from '../../../web/src/charts/volume-option';
import { sparklinePoints } from '../../../web/src/charts/sparkline';
import type { TrendLine, TrendResult } from '../../../server/contracts/trends';

const line = (key: string, counts: number[], share: number[] = counts.map(() => 0.1), previousTotal = 0): TrendLine => ({
  key,
  label: `L${key}`,
  counts,
  share,
  total: counts.reduce((a, b) => a + b, 0),
  previousTotal,
});
const result = (series: TrendLine[], extra: Partial<TrendResult> = {}): TrendResult => ({
  interval: 'day',
  by: 'source',
  from: '2026-11-26T16:00:00.000Z',
  to: '2026-11-28T16:00:00.000Z',
  buckets: ['2026-11-27', '2026-11-28'],
  all: [10, 20],
  total: 30,
  previousTotal: 12,
  series,
  ...extra,
});
const labels = { all: '全部', other: '其他' };
type Opt = { xAxis: { data: string[] }; yAxis: { axisLabel?: { formatter: string } }; legend: { show: boolean }; series: { name: string; data: number[]; stack?: string; itemStyle?: { color: string } }[] };

describe('volume chart option', () => {
  it('draws the total as one line when there are no series', () => {
    const opt = buildVolumeOption(result([], { by: 'all' }), labels) as unknown as Opt;
    expect(opt.series.map((s) => [s.name, s.data])).toEqual([['全部', [10, 20]]]);
    expect(opt.xAxis.data).toEqual(['11-27', '11-28']);
    expect(opt.legend.show).toBe(false);
  });

  it('draws shares as percentages with a % axis', () => {
    const opt = buildVolumeOption(result([line('1', [1, 5], [0.1, 0.25])]), labels, { mode: 'share' }) as unknown as Opt;
    expect(opt.series[0]!.data).toEqual([10, 25]);
    expect(opt.yAxis.axisLabel?.formatter).toBe('{value}%');
  });

  it('stacks and colours sentiment lines, with localised names', () => {
    const opt = buildVolumeOption(result([line('neg', [1, 2]), line('pos', [3, 4])]), { ...labels, series: (l) => `情感${l.key}` }, { stack: true, colors: SENTIMENT_COLORS }) as unknown as Opt;
    expect(opt.series.map((s) => s.name)).toEqual(['情感pos', '情感neg']);
    expect(opt.series.every((s) => s.stack === 'total')).toBe(true);
    expect(opt.series[1]!.itemStyle?.color).toBe(SENTIMENT_COLORS.neg);
  });

  it('labels hourly buckets in Beijing time', () => {
    const opt = buildVolumeOption(result([], { interval: 'hour', buckets: ['2026-11-28T01:00:00.000Z'], all: [3] }), labels) as unknown as Opt;
    expect(opt.xAxis.data).toEqual(['11-28 09:00']);
  });

  it('sums the lines beyond the limit into "other"', () => {
    const lines = volumeLines(result([line('a', [5, 5]), line('b', [1, 0], [0.1, 0], 4), line('c', [0, 2], [0, 0.1], 1)]), labels, 2);
    expect(lines.map((l) => l.key)).toEqual(['a', '__other']);
    expect(lines[1]).toMatchObject({ label: '其他', counts: [1, 2], total: 3, previousTotal: 5, share: [0.1, 0.1] });
  });

  it('knows when there is nothing to draw', () => {
    expect(hasVolumeData(null)).toBe(false);
    expect(hasVolumeData(result([], { all: [0, 0] }))).toBe(false);
    expect(hasVolumeData(result([]))).toBe(true);
  });
});

describe('rumour chart option', () => {
  it('draws found and rebutted as bars per bucket', () => {
    const opt = buildRumourOption(
      { interval: 'day', buckets: ['2026-11-27', '2026-11-28'], found: [1, 0], rebutted: [0, 2], foundTotal: 1, rebuttedTotal: 2 },
      { found: '发现', rebutted: '辟谣' },
    ) as unknown as Opt;
    expect(opt.series.map((s) => [s.name, s.data])).toEqual([
      ['发现', [1, 0]],
      ['辟谣', [0, 2]],
    ]);
  });
});

describe('sparkline', () => {
  it('scales values into the box, highest at the top', () => {
    expect(sparklinePoints([0, 2, 4], 102, 22)).toBe('1,21 51,11 101,1');
    expect(sparklinePoints([], 100, 20)).toBe('');
    expect(sparklinePoints([0, 0], 12, 12)).toBe('1,11 11,11');
    expect(sparklinePoints([5], 40, 10)).toBe('20,1');
  });
});

describe('line order', () => {
  it('follows a given key order (picked topics, sentiment stack) before size', () => {
    const lines = volumeLines(result([line('pos', [9, 9]), line('neg', [1, 0]), line('neutral', [2, 2])]), labels, 8, ['neg', 'neutral', 'pos']);
    expect(lines.map((l) => l.key)).toEqual(['neg', 'neutral', 'pos']);
  });
});
