import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { pick, queryString, rangeFromQuery, rangeToQuery, type TrendRange } from '../../trend-query';

export const SPLITS = ['all', 'source', 'kind', 'tag', 'sentiment'] as const;
export type Split = (typeof SPLITS)[number];
export const WINDOWS = [6, 24, 72, 168] as const;
export type WindowHours = (typeof WINDOWS)[number];

/** The trend page's view: the volume range and split, and the hot-word/event window. */
export interface TrendsView extends TrendRange {
  by: Split;
  hours: WindowHours;
}

export function trendsFromQuery(query: LocationQuery): TrendsView {
  const h = Number(queryString(query.hours));
  return {
    ...rangeFromQuery(query),
    by: pick(queryString(query.by), SPLITS, 'all'),
    hours: (WINDOWS as readonly number[]).includes(h) ? (h as WindowHours) : 24,
  };
}

export function trendsToQuery(v: TrendsView): LocationQueryRaw {
  const out: LocationQueryRaw = { ...rangeToQuery(v) };
  if (v.by !== 'all') out.by = v.by;
  if (v.hours !== 24) out.hours = String(v.hours);
  return out;
}
