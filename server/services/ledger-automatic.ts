import type { AutomaticBasis } from '../contracts/ledger';
import { shanghaiDayStart } from '../lib/time';
import type { LedgerRepo } from '../repositories/ledger-repo';

const DAY_MS = 86_400_000;
/** Ids listed with a figure; the link lists them all when there are more. */
export const BASIS_IDS = 1_000;

type Counts = Pick<LedgerRepo, 'rebuttalIds' | 'ownMediaSourceIds' | 'itemIds'>;

const basis = (kind: AutomaticBasis['kind'], ids: number[], links: string[]): AutomaticBasis => ({
  kind,
  ids: ids.slice(0, BASIS_IDS),
  truncated: ids.length > BASIS_IDS,
  links,
});

/**
 * The figure of an automatic category for Asia/Shanghai days from..to, with what it is made of;
 * null for an automatic category that has no counter yet.
 *
 * - rebuttals: rows of the rumour desk's `rebuttals` table by published_at.
 * - own-media-news: items of own-media sources (config_json `"ownMedia": true`, or the department's
 *   own site, `"ownSite": true`, unless `"ownMedia": false`), by the item's day.
 */
export function automaticFigure(repo: Counts, key: string, from: string, to: string): { quantity: number; basis: AutomaticBasis } | null {
  if (key === 'rebuttals') {
    const start = shanghaiDayStart(from).toISOString();
    const end = new Date(shanghaiDayStart(to).getTime() + DAY_MS).toISOString();
    const ids = repo.rebuttalIds(start, end);
    return { quantity: ids.length, basis: basis('rebuttals', ids, []) };
  }
  if (key === 'own-media-news') {
    const sources = repo.ownMediaSourceIds();
    const ids = repo.itemIds(sources, from, to);
    const links = sources.map((s) => `/api/items?source=${encodeURIComponent(s)}&from=${from}&to=${to}`);
    return { quantity: ids.length, basis: basis('items', ids, links) };
  }
  return null;
}
