import type { EChartsCoreOption } from 'echarts/core';
import type { RumourTrend, TrendLine, TrendResult } from '../../../server/contracts/trends';
import { formatBucket } from '../format';
import { PALETTE } from './trend-option';

export const SENTIMENT_COLORS: Record<string, string> = { pos: '#16a34a', neutral: '#94a3b8', neg: '#dc2626' };
/** Negative at the bottom of a stack, where it is read first. */
export const SENTIMENT_ORDER = ['neg', 'neutral', 'pos'] as const;

export type VolumeMode = 'count' | 'share';

export interface VolumeLabels {
  /** The name of the single line when the result has no series (by=all, or a topic's own volume). */
  all: string;
  /** The name of the line that gathers the series beyond `maxSeries`. */
  other: string;
  /** A series' display name (defaults to the server's label). */
  series?: (line: TrendLine) => string;
}

export interface VolumeOptionOpts {
  mode?: VolumeMode;
  /** Stacked areas (parts of a whole, e.g. sentiment) instead of separate lines. */
  stack?: boolean;
  /** Colours by series key (e.g. sentiment); others take the palette. */
  colors?: Record<string, string>;
  /** Lines beyond this many (largest first) are summed into one "other" line. */
  maxSeries?: number;
  /** Draw lines in this order of keys (e.g. the topics as picked, or neg → neutral → pos) instead of largest first. */
  order?: readonly string[];
}

const pct = (share: number) => Math.round(share * 1000) / 10;

/**
 * The lines to draw: the result's series (largest first, the tail summed into "other"), or the
 * total as one line when there are none.
 */
export function volumeLines(result: TrendResult, labels: VolumeLabels, maxSeries = 8, order?: readonly string[]): TrendLine[] {
  if (result.series.length === 0) {
    return [
      {
        key: 'all',
        label: labels.all,
        counts: result.all,
        share: result.all.map((n) => (n > 0 ? 1 : 0)),
        total: result.total,
        previousTotal: result.previousTotal,
      },
    ];
  }
  const rank = (k: string) => (order && order.includes(k) ? order.indexOf(k) : Number.MAX_SAFE_INTEGER);
  const sorted = [...result.series].sort((a, b) => (order ? rank(a.key) - rank(b.key) : 0) || b.total - a.total);
  if (sorted.length <= maxSeries) return sorted;
  const head = sorted.slice(0, maxSeries - 1);
  const tail = sorted.slice(maxSeries - 1);
  const counts = result.buckets.map((_, i) => tail.reduce((s, l) => s + (l.counts[i] ?? 0), 0));
  return [
    ...head,
    {
      key: '__other',
      label: labels.other,
      counts,
      share: tail[0]!.share.map((_, i) => Math.round(tail.reduce((s, l) => s + (l.share[i] ?? 0), 0) * 10_000) / 10_000),
      total: tail.reduce((s, l) => s + l.total, 0),
      previousTotal: tail.reduce((s, l) => s + l.previousTotal, 0),
    },
  ];
}

/** Volume over time: one line per series, counts or share of all items (%), optionally stacked. Pure. */
export function buildVolumeOption(result: TrendResult, labels: VolumeLabels, opts: VolumeOptionOpts = {}): EChartsCoreOption {
  const mode = opts.mode ?? 'count';
  const lines = volumeLines(result, labels, opts.maxSeries, opts.order);
  const share = mode === 'share';
  // A lone sentiment line still needs its name; only the plain total goes without a legend.
  const legend = result.series.length > 0;
  const valueFormatter = (v: unknown) => (share ? `${String(v)}%` : String(v));
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', valueFormatter, confine: true },
    legend: { top: 0, type: 'scroll', show: legend },
    grid: { left: 8, right: 16, top: legend ? 36 : 12, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: result.buckets.map((b) => formatBucket(b, result.interval)),
    },
    yAxis: share ? { type: 'value', axisLabel: { formatter: '{value}%' } } : { type: 'value', minInterval: 1 },
    series: lines.map((l) => ({
      name: labels.series && l.key !== 'all' && l.key !== '__other' ? labels.series(l) : l.label,
      type: 'line',
      // Straight segments: a smoothed curve of small counts overshoots below zero.
      showSymbol: result.buckets.length <= 31,
      symbolSize: 5,
      data: share ? l.share.map(pct) : l.counts,
      ...(opts.stack ? { stack: 'total', areaStyle: { opacity: 0.35 } } : {}),
      ...(opts.colors?.[l.key] ? { itemStyle: { color: opts.colors[l.key] }, lineStyle: { color: opts.colors[l.key] } } : {}),
    })),
  };
}

export function hasVolumeData(result: TrendResult | null): boolean {
  return !!result && (result.all.some((n) => n > 0) || result.series.some((s) => s.total > 0));
}

/** Rumours confirmed against rebuttals published, as grouped bars per bucket. Pure. */
export function buildRumourOption(r: RumourTrend, labels: { found: string; rebutted: string }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', confine: true },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'category', data: r.buckets.map((b) => formatBucket(b, r.interval)), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.found, type: 'bar', data: r.found, itemStyle: { color: '#dc2626' }, barMaxWidth: 18 },
      { name: labels.rebutted, type: 'bar', data: r.rebutted, itemStyle: { color: '#16a34a' }, barMaxWidth: 18 },
    ],
  };
}
