import type { LedgerTarget, LedgerTotals } from '../../api/ledger';
import { formatCount, type Locale } from '../../format';
import { elapsedShare, targetPercent, targetTone, type TargetTone } from '../../target-progress';

export interface OutreachLine {
  key: string;
  text: string;
  aside: string;
}

/** "12.3万张" in Chinese, "123,000 张" in English (the measure words are the ledger's own). */
export const outreachFigure = (quantity: number, measure: string, locale: Locale): string =>
  locale === 'zh-CN' ? `${formatCount(quantity, locale)}${measure}` : `${formatCount(quantity, locale)} ${measure}`;

/**
 * The month's outreach for the wall: categories with work done, at most `limit`. Categories in
 * `pinned` (those with a district target running) come first, even at zero: a target with nothing
 * done is what a leader must see. The automatic figures (rebuttals, own-media news, outside
 * reports, press conferences) stay in next; typed ones fill the rest, largest first. Shown in the
 * ledger's own category order.
 */
export function outreachLines(
  totals: LedgerTotals['totals'],
  locale: Locale,
  limit = 6,
  pinned: ReadonlySet<string> = new Set(),
): { count: number; lines: OutreachLine[] } {
  const finite = totals.filter((t) => Number.isFinite(t.quantity));
  const done = finite.filter((t) => t.quantity > 0);
  const pin = finite.filter((t) => pinned.has(t.key)).slice(0, limit);
  const auto = done.filter((t) => t.automatic && !pinned.has(t.key)).slice(0, Math.max(0, limit - pin.length));
  const typed = done
    .filter((t) => !t.automatic && !pinned.has(t.key))
    .sort((a, b) => b.quantity - a.quantity)
    .slice(0, Math.max(0, limit - pin.length - auto.length));
  const keep = new Set([...pin, ...auto, ...typed].map((t) => t.key));
  const lines = finite.filter((t) => keep.has(t.key)).map((t) => ({ key: t.key, text: t.name, aside: outreachFigure(t.quantity, t.measure, locale) }));
  return { count: done.length, lines };
}

/** A district-wide target's standing for the wall: percentage (text may pass 100, fill capped), tone, the target and its last day. */
export interface OutreachTarget {
  categoryKey: string;
  pct: { text: number; fill: number };
  tone: TargetTone;
  /** "1,000张" / "1,000 张". */
  target: string;
  /** The period's last day as MM-DD (the year is the current one on a wall). */
  end: string;
}

/**
 * District-wide targets (unitId null) whose period covers today, one per category: the one ending
 * first when several do (the most pressing). Progress is over the target's own period, which may
 * be longer than the tile's month.
 */
export function outreachTargets(
  targets: readonly LedgerTarget[],
  totals: LedgerTotals['totals'],
  today: string,
  locale: Locale,
): Map<string, OutreachTarget> {
  const chosen = new Map<string, LedgerTarget>();
  for (const tg of targets) {
    if (tg.unitId !== null || tg.periodStart > today || tg.periodEnd < today) continue;
    const had = chosen.get(tg.categoryKey);
    if (!had || tg.periodEnd < had.periodEnd || (tg.periodEnd === had.periodEnd && tg.id < had.id)) chosen.set(tg.categoryKey, tg);
  }
  const out = new Map<string, OutreachTarget>();
  for (const [key, tg] of chosen) {
    const measure = totals.find((c) => c.key === key)?.measure ?? '';
    out.set(key, {
      categoryKey: key,
      pct: targetPercent(tg.progress.ratio),
      tone: targetTone(tg.progress.ratio, elapsedShare(tg.periodStart, tg.periodEnd, today)),
      target: outreachFigure(tg.quantity, measure, locale),
      end: tg.periodEnd.slice(5),
    });
  }
  return out;
}

/** Tone colours readable on the wall's dark tiles (the ledger page's are for white). */
export const SCREEN_TONE_COLOR: Record<TargetTone, string> = {
  reached: '#4ade80',
  onTrack: '#60a5fa',
  behind: '#fbbf24',
  missed: '#f87171',
};
