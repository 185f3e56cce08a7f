import type { EChartsCoreOption } from 'echarts/core';
import { formatDayShort } from '../format';

export interface DayCount {
  day: string;
  count: number;
}

const DAY_MS = 86_400_000;
/** Beyond this span the bars stay sparse rather than drawing years of empty days. */
const MAX_FILLED_DAYS = 400;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The server lists only days with sightings; a quiet day is information too, so the days between
 * the first and the last are filled with zero (in order, duplicates summed).
 */
export function fillSightingDays(perDay: readonly DayCount[]): DayCount[] {
  const counts = new Map<string, number>();
  for (const d of perDay) if (DAY.test(d.day)) counts.set(d.day, (counts.get(d.day) ?? 0) + d.count);
  const days = [...counts.keys()].sort();
  if (days.length === 0) return [];
  const first = dayMs(days[0]!);
  const last = dayMs(days.at(-1)!);
  const span = Math.round((last - first) / DAY_MS) + 1;
  if (span > MAX_FILLED_DAYS) return days.map((day) => ({ day, count: counts.get(day)! }));
  return Array.from({ length: span }, (_, i) => {
    const day = new Date(first + i * DAY_MS).toISOString().slice(0, 10);
    return { day, count: counts.get(day) ?? 0 };
  });
}

export function hasSightingData(perDay: readonly DayCount[] | null | undefined): boolean {
  return !!perDay && perDay.some((d) => d.count > 0);
}

/** Sightings of one known rumour per day (Asia/Shanghai days), as bars. Pure: data and labels in, option out. */
export function buildSightingsOption(perDay: readonly DayCount[], labels: { count: string }): EChartsCoreOption {
  const days = fillSightingDays(perDay);
  // Month-day is enough within one year; across a new year the year is needed to read the axis.
  const oneYear = days.length > 0 && days[0]!.day.slice(0, 4) === days.at(-1)!.day.slice(0, 4);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'category',
      data: days.map((d) => (oneYear ? formatDayShort(d.day) : d.day)),
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: labels.count, type: 'bar', data: days.map((d) => d.count), itemStyle: { color: '#dc2626' }, barMaxWidth: 28 }],
  };
}
