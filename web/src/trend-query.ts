import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/**
 * The time range of a trend view, kept in the URL (shared by the topic, comparison and trend pages).
 * Empty dates leave the default to the server: the 7 days up to now.
 */
export interface TrendRange {
  interval: 'day' | 'hour';
  from: string;
  to: string;
}

export const DEFAULT_RANGE: TrendRange = { interval: 'day', from: '', to: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The first value of a query key as a string ('' when absent). */
export function queryString(v: LocationQuery[string] | undefined): string {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
}

/** A value from a fixed list, or the fallback. */
export function pick<T extends string>(v: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

export function rangeFromQuery(query: LocationQuery): TrendRange {
  let from = DAY.test(queryString(query.from)) ? queryString(query.from) : '';
  let to = DAY.test(queryString(query.to)) ? queryString(query.to) : '';
  if (from && to && from > to) [from, to] = [to, from];
  return { interval: queryString(query.interval) === 'hour' ? 'hour' : 'day', from, to };
}

/** Only what differs from the defaults, so links stay short. */
export function rangeToQuery(r: TrendRange): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  if (r.interval === 'hour') out.interval = 'hour';
  if (r.from) out.from = r.from;
  if (r.to) out.to = r.to;
  return out;
}

/** GET /api/trends parameters for a range plus the view's own (by, topic, topics). */
export function volumeParams(r: TrendRange, extra: Record<string, string | number | undefined> = {}): URLSearchParams {
  const p = new URLSearchParams();
  p.set('interval', r.interval);
  if (r.from) p.set('from', r.from);
  if (r.to) p.set('to', r.to);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p;
}

/** The days a range covers for an item search (/search?from=&to=), defaulting like the server. */
export function rangeDays(r: TrendRange, today: string): { from: string; to: string } {
  const to = r.to || today;
  if (r.from) return { from: r.from, to };
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 7);
  return { from: d.toISOString().slice(0, 10), to };
}
