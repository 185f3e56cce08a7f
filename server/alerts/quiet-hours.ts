/** Quiet hours in Asia/Shanghai local time ("22:00"–"07:00" spans midnight). */

const SHANGHAI_OFFSET_MIN = 8 * 60;
const DAY_MIN = 24 * 60;

export interface QuietHours {
  start: string;
  end: string;
}

function minutes(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day (HH:MM): ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function localMinute(at: Date): number {
  return (Math.floor(at.getTime() / 60_000) + SHANGHAI_OFFSET_MIN) % DAY_MIN;
}

export function inQuietHours(at: Date, q: QuietHours | null): boolean {
  if (!q) return false;
  const s = minutes(q.start);
  const e = minutes(q.end);
  if (s === e) return false;
  const m = localMinute(at);
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** When the quiet period containing `at` ends (the instant the digest goes out). */
export function quietEnd(at: Date, q: QuietHours): Date {
  const e = minutes(q.end);
  const m = localMinute(at);
  const ahead = (e - m + DAY_MIN) % DAY_MIN || DAY_MIN;
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000 + ahead * 60_000);
}
