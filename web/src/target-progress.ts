/**
 * How a target stands against the calendar, shared by the ledger's targets panel and the big
 * screen (features never import each other, so the pure logic lives here).
 */

/** Reached, on track, behind the elapsed share, or missed (period over). */
export type TargetTone = 'reached' | 'onTrack' | 'behind' | 'missed';

/** Slack before a target counts as behind: 5 percentage points under the share of the period gone. */
export const BEHIND_SLACK = 0.05;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** Share of the period gone by the end of `today` (days counted whole): 0 before it starts, 1 once it is over. */
export function elapsedShare(periodStart: string, periodEnd: string, today: string): number {
  const start = dayNumber(periodStart);
  const end = dayNumber(periodEnd);
  const now = dayNumber(today);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return 0;
  if (now < start) return 0;
  if (now >= end) return 1;
  return (now - start + 1) / (end - start + 1);
}

/** ratio = done / target (from the API); elapsed = elapsedShare(). */
export function targetTone(ratio: number, elapsed: number): TargetTone {
  if (ratio >= 1) return 'reached';
  if (elapsed >= 1) return 'missed';
  return ratio + BEHIND_SLACK < elapsed ? 'behind' : 'onTrack';
}

export const TONE_COLOR: Record<TargetTone, string> = {
  reached: '#16a34a',
  onTrack: '#2563eb',
  behind: '#d97706',
  missed: '#dc2626',
};

/** A ratio as a whole percentage for the bar's text (may pass 100) and its fill (capped at 100). */
export function targetPercent(ratio: number): { text: number; fill: number } {
  const pct = Number.isFinite(ratio) ? Math.max(0, Math.round(ratio * 100)) : 0;
  return { text: pct, fill: Math.min(100, pct) };
}
