/**
 * The generate form's period presets, worked out from today's day in Asia/Shanghai (YYYY-MM-DD, as
 * shanghaiToday() gives it). Weeks start on Monday. A period still running ends today: a report
 * never covers days that have not happened yet.
 */
export const PERIOD_PRESETS = ['thisWeek', 'lastWeek', 'thisMonth', 'lastMonth', 'thisQuarter', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => toDay(new Date(toDate(day).getTime() + n * DAY_MS));

/** Monday of the week the day falls in. */
export function weekStart(day: string): string {
  const dow = toDate(day).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

const monthFirst = (y: number, m0: number) => toDay(new Date(Date.UTC(y, m0, 1)));

/** The period a preset stands for on `today`; null for custom (the form's own dates). */
export function presetPeriod(preset: PeriodPreset, today: string): Period | null {
  const d = toDate(today);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (preset) {
    case 'thisWeek':
      return { from: weekStart(today), to: today };
    case 'lastWeek': {
      const from = addDays(weekStart(today), -7);
      return { from, to: addDays(from, 6) };
    }
    case 'thisMonth':
      return { from: monthFirst(y, m), to: today };
    case 'lastMonth':
      return { from: monthFirst(y, m - 1), to: addDays(monthFirst(y, m), -1) };
    case 'thisQuarter':
      return { from: monthFirst(y, m - (m % 3)), to: today };
    default:
      return null;
  }
}

/** Which preset (if any) a period is, so a report row or a URL can say 上周 rather than two dates. */
export function presetOf(period: Period, today: string): PeriodPreset {
  for (const p of PERIOD_PRESETS) {
    const q = presetPeriod(p, today);
    if (q && q.from === period.from && q.to === period.to) return p;
  }
  return 'custom';
}
