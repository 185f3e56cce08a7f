import type { LedgerTarget } from '../../api/ledger';

export { BEHIND_SLACK, elapsedShare, targetPercent, targetTone, TONE_COLOR, type TargetTone } from '../../target-progress';

/** Targets whose period shares at least a day with from…to (all YYYY-MM-DD). */
export const overlapsRange = (t: Pick<LedgerTarget, 'periodStart' | 'periodEnd'>, from: string, to: string) => t.periodStart <= to && t.periodEnd >= from;

/** The panel's rows: overlapping targets, those ending first on top, then by category. */
export function targetsForRange(targets: readonly LedgerTarget[], from: string, to: string): LedgerTarget[] {
  return targets
    .filter((t) => overlapsRange(t, from, to))
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.categoryKey.localeCompare(b.categoryKey) || (a.unitId ?? 0) - (b.unitId ?? 0));
}
