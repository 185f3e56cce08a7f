import type { SourceFlag, SourceHealth } from '../contracts/source';

export interface HealthInput {
  now: number;
  /** Days (oldest first) and the items collected on each. */
  days: string[];
  collectedPerDay: Map<string, number>;
  /** Finished runs, newest first (at most 20). */
  runs: { status: string; endedAt: string | null; fetched: number; failed: number; lastError: string | null }[];
  /** When the source's first run ended: items collected before are the backlog, not fresh finds. */
  firstRunEndedAt: string | null;
  /** Recent items (publishedAt with minute precision or finer, collectedAt), newest first. */
  timedItems: { publishedAt: string; collectedAt: string }[];
  /** Collection times of the source's latest items, newest first (up to 50). */
  recentCollections: string[];
}

const HOUR = 3_600_000;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Pure judgement of a source's health. "failing": its last three runs failed. "silent": it used to
 * yield items regularly and has yielded none for five times its usual gap (at least a day).
 */
export function assessSourceHealth(input: HealthInput): SourceHealth {
  const lastSuccess = input.runs.find((r) => r.status === 'ok' || r.status === 'partial');
  const fetched = input.runs.reduce((n, r) => n + r.fetched, 0);
  const failed = input.runs.reduce((n, r) => n + r.failed, 0);
  const recentErrors = input.runs
    .filter((r) => r.lastError)
    .slice(0, 3)
    .map((r) => ({ at: r.endedAt ?? '', message: r.lastError! }));

  const delays = input.timedItems
    .filter((i) => input.firstRunEndedAt && i.collectedAt > input.firstRunEndedAt)
    .map((i) => (Date.parse(i.collectedAt) - Date.parse(i.publishedAt)) / 60_000)
    .filter((m) => m >= 0);
  const medianDelay = delays.length >= 3 ? median(delays) : null;

  const flags: SourceFlag[] = [];
  const lastThree = input.runs.slice(0, 3);
  if (lastThree.length === 3 && lastThree.every((r) => r.status === 'failed')) flags.push('failing');
  if (input.recentCollections.length >= 5) {
    const times = input.recentCollections.map((t) => Date.parse(t));
    const gaps = times.slice(0, -1).map((t, i) => t - times[i + 1]!).filter((g) => g > 0);
    const usual = median(gaps) ?? 24 * HOUR;
    if (input.now - times[0]! > Math.max(24 * HOUR, 5 * usual)) flags.push('silent');
  }

  return {
    lastSuccessAt: lastSuccess?.endedAt ?? null,
    itemsPerDay: input.days.map((d) => input.collectedPerDay.get(d) ?? 0),
    errorRate: fetched + failed === 0 ? 0 : failed / (fetched + failed),
    recentErrors,
    medianDelayMinutes: medianDelay === null ? null : Math.round(medianDelay),
    flags,
  };
}
