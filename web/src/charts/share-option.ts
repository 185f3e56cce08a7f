import type { EChartsCoreOption } from 'echarts/core';
import type { TrendResult } from '../../../server/contracts/trends';
import { PALETTE } from './trend-option';

/** Parts of a whole (e.g. sentiment over the period) as a ring: one slice per series total. Pure. */
export function buildShareOption(result: TrendResult, opts: { name: (key: string, label: string) => string; colors?: Record<string, string>; order?: readonly string[] }): EChartsCoreOption {
  const rank = (k: string) => (opts.order?.includes(k) ? opts.order.indexOf(k) : Number.MAX_SAFE_INTEGER);
  const lines = [...result.series].filter((l) => l.total > 0).sort((a, b) => rank(a.key) - rank(b.key) || b.total - a.total);
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)', confine: true },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['42%', '70%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        // Rounded percentages inside the ring: the legend names the slices, and nothing clips at the edge.
        label: { position: 'inside', color: '#fff', fontWeight: 'bold', formatter: (p: { percent?: number }) => (p.percent && p.percent >= 4 ? `${Math.round(p.percent)}%` : '') },
        data: lines.map((l) => ({
          name: opts.name(l.key, l.label),
          value: l.total,
          ...(opts.colors?.[l.key] ? { itemStyle: { color: opts.colors[l.key] } } : {}),
        })),
      },
    ],
  };
}

export function hasShareData(result: TrendResult | null): boolean {
  return !!result && result.series.some((l) => l.total > 0);
}
