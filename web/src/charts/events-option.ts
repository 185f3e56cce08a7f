import type { EChartsCoreOption } from 'echarts/core';
import type { StoryEvent } from '../../../server/contracts/insights';

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The fastest-growing events as horizontal bars (items in the window), largest on top. Pure. */
export function buildEventsOption(events: readonly StoryEvent[], labels: { recent: string }, opts: { max?: number; titleChars?: number } = {}): EChartsCoreOption {
  const top = [...events].slice(0, opts.max ?? 6).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: { left: 8, right: 24, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((e) => short(e.title || `#${e.id}`, opts.titleChars ?? 14)) },
    series: [{ name: labels.recent, type: 'bar', data: top.map((e) => e.recent), itemStyle: { color: '#f59e0b' }, barMaxWidth: 22, label: { show: true, position: 'right' } }],
  };
}
