import type { LedgerTotals } from '../../api/ledger';
import { formatCount, type Locale } from '../../format';

export interface OutreachLine {
  key: string;
  text: string;
  aside: string;
}

/** "12.3万张" in Chinese, "123,000 张" in English (the measure words are the ledger's own). */
export const outreachFigure = (quantity: number, measure: string, locale: Locale): string =>
  locale === 'zh-CN' ? `${formatCount(quantity, locale)}${measure}` : `${formatCount(quantity, locale)} ${measure}`;

/**
 * The month's outreach for the wall: categories with work done, at most `limit`. The automatic
 * figures (rebuttals, own-media news, outside reports, press conferences) always stay in; typed
 * ones fill the rest, largest first. Shown in the ledger's own category order.
 */
export function outreachLines(totals: LedgerTotals['totals'], locale: Locale, limit = 6): { count: number; lines: OutreachLine[] } {
  const done = totals.filter((t) => t.quantity > 0 && Number.isFinite(t.quantity));
  const auto = done.filter((t) => t.automatic).slice(0, limit);
  const typed = done
    .filter((t) => !t.automatic)
    .sort((a, b) => b.quantity - a.quantity)
    .slice(0, Math.max(0, limit - auto.length));
  const keep = new Set([...auto, ...typed].map((t) => t.key));
  const lines = done.filter((t) => keep.has(t.key)).map((t) => ({ key: t.key, text: t.name, aside: outreachFigure(t.quantity, t.measure, locale) }));
  return { count: done.length, lines };
}
