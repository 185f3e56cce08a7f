import type { EChartsCoreOption } from 'echarts/core';
import type { Trends } from '../../../server/contracts/api';
import { PALETTE } from './trend-option';

export interface SourceTotal {
  key: string;
  label: string;
  total: number;
}

/** Items per source over the whole period, largest first; sources with nothing are kept (a silent source is news too). */
export function sourceTotals(trends: Trends): SourceTotal[] {
  return trends.bySource
    .map((s) => ({ key: s.key, label: s.label, total: s.counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'zh-CN'));
}

/**
 * A ranking of sources by volume as horizontal bars: easier to compare than a pie, and long Chinese
 * source names fit on the category axis. The largest source is drawn at the top.
 */
export function buildSourceOption(trends: Trends, labels: { total: string }): EChartsCoreOption {
  const totals = sourceTotals(trends).reverse();
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: totals.map((s) => s.label),
      axisLabel: { width: 120, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        name: labels.total,
        type: 'bar',
        data: totals.map((s) => s.total),
        barMaxWidth: 22,
        itemStyle: { color: PALETTE[0], borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right' },
      },
    ],
  };
}
