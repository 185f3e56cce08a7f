import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { queryString } from '../../trend-query';

/**
 * What the ledger page shows, kept in the URL: the day and unit being reported, and the totals'
 * period and scope. Defaults (today, this month, the whole district) stay out of the URL.
 */
export interface LedgerView {
  /** The day entries are filed for (YYYY-MM-DD, Asia/Shanghai). */
  day: string;
  /** The reporting unit, or null (none chosen yet: the device's remembered one is used). */
  unit: number | null;
  /** The totals' period. */
  from: string;
  to: string;
  /** The totals' unit subtree; null = the whole district (the only scope with automatic figures). */
  scope: number | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const positive = (s: string): number | null => (/^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : null);

/** A real calendar day, not only the shape (2026-02-30 is refused). */
export function isDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The first of the month a day falls in. */
export const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;

export function defaultLedgerView(today: string): LedgerView {
  return { day: today, unit: null, from: monthStart(today), to: today, scope: null };
}

/** Reads the URL, distrusting odd values: future days fall back to today, a reversed period is swapped. */
export function ledgerFromQuery(q: LocationQuery, today: string): LedgerView {
  const d = defaultLedgerView(today);
  const dayOf = (v: string, fallback: string) => (isDay(v) && v <= today ? v : fallback);
  let from = dayOf(queryString(q.from), d.from);
  let to = dayOf(queryString(q.to), d.to);
  if (from > to) [from, to] = [to, from];
  return {
    day: dayOf(queryString(q.day), d.day),
    unit: positive(queryString(q.unit)),
    from,
    to,
    scope: positive(queryString(q.scope)),
  };
}

/** Only what differs from the default view, so links stay short. */
export function ledgerToQuery(v: LedgerView, today: string): LocationQueryRaw {
  const d = defaultLedgerView(today);
  const out: LocationQueryRaw = {};
  if (v.day !== d.day) out.day = v.day;
  if (v.unit) out.unit = String(v.unit);
  if (v.from !== d.from) out.from = v.from;
  if (v.to !== d.to) out.to = v.to;
  if (v.scope) out.scope = String(v.scope);
  return out;
}
