/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Asia/Shanghai calendar day (YYYY-MM-DD) of an instant. */
export function shanghaiDay(instant: Date | string | number): string {
  const ms = new Date(instant).getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant at which an Asia/Shanghai day starts. */
export function shanghaiDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS);
}

/** The last `count` Asia/Shanghai days ending with the day of `now`, oldest first. */
export function lastShanghaiDays(count: number, now: Date = new Date()): string[] {
  const today = shanghaiDayStart(shanghaiDay(now)).getTime();
  const days: string[] = [];
  for (let i = count - 1; i >= 0; i--) days.push(shanghaiDay(today - i * DAY_MS));
  return days;
}

/** A real calendar day as YYYY-MM-DD (2026-02-30 is not one, though Date.parse rolls it over). */
export function isDayString(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

/** Normalises an ISO instant with any offset to UTC ISO (lexicographically sortable). */
export function toUtcIso(instant: string | Date): string {
  return new Date(instant).toISOString();
}

/** "11月22日 12:30", Asia/Shanghai: how a time reads in a message sent to a phone. */
export function shanghaiShort(instant: Date | string | number): string {
  const d = new Date(new Date(instant).getTime() + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
