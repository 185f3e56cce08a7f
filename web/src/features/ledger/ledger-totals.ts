import type { LedgerTotals } from '../../api/ledger';

type Basis = LedgerTotals['totals'][number]['basis'];

/** The API listing the records behind an automatic figure: every figure's first link. */
const RECORDS = /^\/api\/ledger\/totals\/[^/?]+\/records(\?|$)/;
export const isRecordsLink = (link: string): boolean => RECORDS.test(link);

/** Whether the figure can list its records (the "明细" toggle): it has a records link. */
export const hasRecords = (basis: Basis): boolean => !!basis && basis.links.some(isRecordsLink);

/**
 * Where an automatic figure's records can be seen on the dashboard. Besides the records API (shown
 * in place by the "明细" toggle, never here), the API gives item queries per own-media source
 * ("/api/items?source=…&from=…&to=…"), which the search page reads with the same filter names;
 * rebuttals come as ids only, so they lead to the rumour library.
 */
export function basisLinks(basis: Basis): { to: string; label: string }[] {
  if (!basis) return [];
  if (basis.kind === 'rebuttals') return basis.ids.length ? [{ to: '/library', label: '' }] : [];
  const out: { to: string; label: string }[] = [];
  for (const link of basis.links) {
    if (isRecordsLink(link)) continue;
    const q = link.indexOf('?');
    if (!/^\/api\/items(\?|$)/.test(link) || q < 0) continue;
    const params = new URLSearchParams(link.slice(q + 1));
    const keep = new URLSearchParams();
    for (const k of ['source', 'from', 'to']) {
      const v = params.get(k);
      if (v) keep.set(k, v);
    }
    out.push({ to: `/search?${keep.toString()}`, label: params.get('source') ?? '' });
  }
  return out;
}

/** Where a listed record leads on the dashboard: an item's page, or the rumour library for a rebuttal. */
export const recordTarget = (kind: 'rebuttals' | 'items', id: number): string => (kind === 'items' ? `/items/${id}` : '/library');
