import type { EChartsCoreOption } from 'echarts/core';
import type { Trends } from '../../../server/contracts/api';
import { formatDayShort } from '../format';

export const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];
export const TAG_COLORS: Record<string, string> = { 'rumor-suspect': '#dc2626', rebuttal: '#16a34a' };

export interface TrendLabels {
  total: string;
  /** Localised tag name for a tag key ("rumor-suspect" → "疑似谣言"). */
  tag: (key: string) => string;
}

/** Daily volume: all items as bars, each tag as a line. Pure: data and labels in, option out. */
export function buildTrendOption(trends: Trends, labels: TrendLabels): EChartsCoreOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'category', data: trends.days.map(formatDayShort), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.total, type: 'bar', data: trends.total, itemStyle: { color: '#93c5fd' }, barMaxWidth: 28 },
      ...trends.byTag.map((s) => ({
        name: labels.tag(s.key),
        type: 'line',
        smooth: true,
        symbolSize: 6,
        data: s.counts,
        ...(TAG_COLORS[s.key] ? { itemStyle: { color: TAG_COLORS[s.key] } } : {}),
      })),
    ],
  };
}

export function hasTrendData(trends: Trends | null): boolean {
  return !!trends && trends.total.some((n) => n > 0);
}
