import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { queryString } from '../../trend-query';
import { PERIOD_PRESETS, presetPeriod, type PeriodPreset } from './report-periods';

export const KIND_FILTERS = ['all', 'weekly', 'monthly', 'custom'] as const;
export type KindFilter = (typeof KIND_FILTERS)[number];

/**
 * What the reports page shows, kept in the URL: the list's kind filter and the generate form's
 * period and unit. Defaults (all kinds, last week, the whole district) stay out of the URL.
 */
export interface ReportsView {
  kind: KindFilter;
  preset: PeriodPreset;
  /** The period: the preset's, or the typed one for custom. */
  from: string;
  to: string;
  unit: number | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const positive = (s: string): number | null => (/^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : null);
export const DEFAULT_PRESET: PeriodPreset = 'lastWeek';

export function reportsFromQuery(q: LocationQuery, today: string): ReportsView {
  const k = queryString(q.kind);
  const kind = (KIND_FILTERS as readonly string[]).includes(k) ? (k as KindFilter) : 'all';
  const p = queryString(q.period);
  let preset = (PERIOD_PRESETS as readonly string[]).includes(p) ? (p as PeriodPreset) : DEFAULT_PRESET;
  let period = presetPeriod(preset, today);
  if (!period) {
    let from = queryString(q.from);
    let to = queryString(q.to);
    if (isDay(from) && isDay(to) && from <= today) {
      if (to > today) to = today;
      if (from > to) [from, to] = [to, from];
      period = { from, to };
    } else {
      preset = DEFAULT_PRESET;
      period = presetPeriod(preset, today)!;
    }
  }
  return { kind, preset, from: period.from, to: period.to, unit: positive(queryString(q.unit)) };
}

export function reportsToQuery(v: ReportsView): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  if (v.kind !== 'all') out.kind = v.kind;
  if (v.preset !== DEFAULT_PRESET) out.period = v.preset;
  if (v.preset === 'custom') {
    out.from = v.from;
    out.to = v.to;
  }
  if (v.unit) out.unit = String(v.unit);
  return out;
}
