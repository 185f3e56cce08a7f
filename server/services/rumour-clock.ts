import type { ClockReport, RumourClock } from '../contracts/library';

const HOUR_MS = 3_600_000;

export interface ClockInput {
  unit: string | null;
  firstSeenAt: string;
  confirmedAt: string;
  rebuttedAt: string | null;
}

function hoursBetween(from: string, to: string): number {
  // A verdict or rebuttal recorded before the first sighting (backfilled data) counts as instant.
  return Math.max(0, Math.round(((Date.parse(to) - Date.parse(from)) / HOUR_MS) * 10) / 10);
}

export function clockOf(c: Omit<ClockInput, 'unit'>): RumourClock {
  return {
    firstSeenAt: c.firstSeenAt,
    confirmedAt: c.confirmedAt,
    rebuttedAt: c.rebuttedAt,
    hoursToVerdict: hoursBetween(c.firstSeenAt, c.confirmedAt),
    hoursToRebuttal: c.rebuttedAt ? hoursBetween(c.firstSeenAt, c.rebuttedAt) : null,
  };
}

/** Nearest-rank quantile of sorted values (q in (0, 1]); null for none. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function durations(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, medianHours: quantile(sorted, 0.5), p90Hours: quantile(sorted, 0.9) };
}

function summarise(clocks: RumourClock[]) {
  return {
    toVerdict: durations(clocks.map((c) => c.hoursToVerdict)),
    toRebuttal: durations(clocks.flatMap((c) => (c.hoursToRebuttal === null ? [] : [c.hoursToRebuttal]))),
    unanswered: clocks.filter((c) => c.hoursToRebuttal === null).length,
  };
}

/** Median and p90 of first sighting → verdict and → rebuttal, overall and per unit (null: no unit given). */
export function clockReport(rows: readonly ClockInput[]): ClockReport {
  const all = rows.map((r) => ({ unit: r.unit?.trim() || null, clock: clockOf(r) }));
  const byUnit = new Map<string | null, RumourClock[]>();
  for (const r of all) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r.clock]);
  return {
    overall: summarise(all.map((r) => r.clock)),
    byUnit: [...byUnit]
      .map(([unit, clocks]) => ({ unit, ...summarise(clocks) }))
      .sort((a, b) => b.toVerdict.n - a.toVerdict.n || (a.unit ?? '\uffff').localeCompare(b.unit ?? '\uffff', 'zh-CN')),
  };
}
