import type { LedgerTotals } from '../../api/ledger';

/**
 * Where an automatic figure's records can be seen on the dashboard. The API gives item queries
 * ("/api/items?source=…&from=…&to=…"), which the search page reads with the same filter names;
 * rebuttals come as ids only, so they lead to the rumour library.
 */
export function basisLinks(basis: LedgerTotals['totals'][number]['basis']): { to: string; label: string }[] {
  if (!basis) return [];
  if (basis.kind === 'rebuttals') return basis.ids.length ? [{ to: '/library', label: '' }] : [];
  const out: { to: string; label: string }[] = [];
  for (const link of basis.links) {
    const q = link.indexOf('?');
    if (!link.startsWith('/api/items') || q < 0) continue;
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
