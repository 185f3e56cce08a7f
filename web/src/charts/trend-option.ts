import type { EChartsCoreOption } from 'echarts/core';
import type { Trends } from '../../../server/contracts/api';
import { formatDayShort } from '../format';

export const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];
const TAG_COLORS: Record<string, string> = { 'rumor-suspect': '#dc2626', rebuttal: '#16a34a' };

/** Daily volume: all items as bars, each tag as a line. Pure: data and labels in, option out. */
export function buildTrendOption(trends: Trends, labels: { total: string; tag: (key: string) => string }): EChartsCoreOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 40, right: 16, top: 36, bottom: 28, containLabel: true },
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
        itemStyle: { color: TAG_COLORS[s.key] },
      })),
    ],
  };
}

/** Items per source over the period, stacked by day. */
export function buildSourceOption(trends: Trends): EChartsCoreOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 40, right: 16, top: 36, bottom: 28, containLabel: true },
    xAxis: { type: 'category', data: trends.days.map(formatDayShort) },
    yAxis: { type: 'value', minInterval: 1 },
    series: trends.bySource.map((s) => ({ name: s.label, type: 'bar', stack: 'sources', data: s.counts, barMaxWidth: 28 })),
  };
}

export function hasTrendData(trends: Trends | null): boolean {
  return !!trends && trends.total.some((n) => n > 0);
}
