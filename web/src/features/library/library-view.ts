import type { LibraryEntry, RumourClock } from '../../../../server/contracts/library';
import type { Locale } from '../../format';

const HOUR_MS = 3_600_000;

/** Times an entry was actually seen again: confirmed matches and manual links (as the server's per-day counts). */
export function seenCount(entry: Pick<LibraryEntry, 'sightings'>): number {
  return entry.sightings.confirmed + entry.sightings.manual;
}

/** Hours from an instant to now, to one decimal as the server rounds its clock; never negative. */
export function hoursSince(iso: string, now: number = Date.now()): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return 0;
  return Math.max(0, Math.round(((now - ms) / HOUR_MS) * 10) / 10);
}

export type RebuttalState = { answered: true; hours: number } | { answered: false; waitingHours: number };

/** Answered: how long the rebuttal took. Unanswered: how long the rumour has gone without one. */
export function rebuttalState(clock: RumourClock, now: number = Date.now()): RebuttalState {
  if (clock.rebuttedAt && clock.hoursToRebuttal !== null) return { answered: true, hours: clock.hoursToRebuttal };
  return { answered: false, waitingHours: hoursSince(clock.firstSeenAt, now) };
}

const hourFormats = new Map<Locale, Intl.NumberFormat>();

/** "3.5", "1,234" / "1,234": hours as a number with at most one decimal, the locale's way. */
export function formatHours(h: number | null | undefined, locale: Locale = 'zh-CN'): string {
  if (h === null || h === undefined || !Number.isFinite(h)) return '—';
  let f = hourFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en', { maximumFractionDigits: 1 });
    hourFormats.set(locale, f);
  }
  return f.format(h);
}

/** From this many hours a duration reads better in days (148.1 小时 → 6.2 天). */
export const DAYS_FROM_HOURS = 72;

/** A duration in hours as the clock shows it: hours up to three days, days beyond. */
export function durationText(h: number, t: (key: string, values: Record<string, unknown>) => string, locale: Locale = 'zh-CN'): string {
  return h >= DAYS_FROM_HOURS ? t('library.days', { n: formatHours(h / 24, locale) }) : t('library.hours', { n: formatHours(h, locale) });
}

/** "0.93" → "93%". */
export function formatSimilarity(s: number): string {
  return `${Math.round(Math.max(0, Math.min(1, s)) * 100)}%`;
}

/** Only http(s) links leave the dashboard; anything else stays plain text. */
export function safeHttpUrl(u: string | null | undefined): string | null {
  if (!u || !/^https?:\/\//i.test(u.trim())) return null;
  try {
    return new URL(u.trim()).href;
  } catch {
    return null;
  }
}
