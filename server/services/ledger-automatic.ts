import type { AutomaticBasis } from '../contracts/ledger';
import { shanghaiDayStart } from '../lib/time';
import { districtNeedles, needleProbes } from '../nlp/district-mention';
import type { LedgerRepo } from '../repositories/ledger-repo';
import { pressCandidates } from './ledger-press';

const DAY_MS = 86_400_000;
/** Ids listed with a figure; the link lists them all when there are more. */
export const BASIS_IDS = 1_000;

/** The API listing the records behind an automatic figure (every figure carries it, first). */
export const recordsLink = (key: string, from: string, to: string) => `/api/ledger/totals/${key}/records?from=${from}&to=${to}`;

export type AutomaticCounts = Pick<
  LedgerRepo,
  'rebuttalIds' | 'ownMediaSourceIds' | 'itemIds' | 'getDistrict' | 'externalSourceIds' | 'mentionItemIds' | 'pressRows'
>;

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
 * - higher-media: news and notice items (not forum posts) of outside sources (neither own media nor
 *   own site) whose title or body mentions the district's name or an alias, by the item's day. No
 *   district profile: 0, with reason 'no-district-profile'. Ids only: no item filter says "mentions".
 * - press-conferences: conferences recognised (or confirmed) in the period, one per near-duplicate
 *   cluster, rejected ones left out; the ids are one item per conference (see pressCandidates).
 */
export function automaticFigure(repo: AutomaticCounts, key: string, from: string, to: string): { quantity: number; basis: AutomaticBasis } | null {
  if (key === 'rebuttals') {
    const start = shanghaiDayStart(from).toISOString();
    const end = new Date(shanghaiDayStart(to).getTime() + DAY_MS).toISOString();
    const ids = repo.rebuttalIds(start, end);
    return { quantity: ids.length, basis: basis('rebuttals', ids, [recordsLink(key, from, to)]) };
  }
  if (key === 'own-media-news') {
    const sources = repo.ownMediaSourceIds();
    const ids = repo.itemIds(sources, from, to);
    const links = [recordsLink(key, from, to), ...sources.map((s) => `/api/items?source=${encodeURIComponent(s)}&from=${from}&to=${to}`)];
    return { quantity: ids.length, basis: basis('items', ids, links) };
  }
  if (key === 'higher-media') {
    const district = repo.getDistrict();
    if (!district) return { quantity: 0, basis: { ...basis('items', [], [recordsLink(key, from, to)]), reason: 'no-district-profile' } };
    const needles = districtNeedles(district);
    const ids = repo.mentionItemIds(repo.externalSourceIds(), { needles, probes: needleProbes(needles) }, from, to);
    return { quantity: ids.length, basis: basis('items', ids, [recordsLink(key, from, to)]) };
  }
  if (key === 'press-conferences') {
    const district = repo.getDistrict();
    const needles = district ? districtNeedles(district) : [];
    const ids = pressCandidates(repo.pressRows(from, to), needles).filter((c) => c.counted).map((c) => c.itemId);
    return { quantity: ids.length, basis: basis('items', ids, [recordsLink(key, from, to), `/api/ledger/press-conferences?from=${from}&to=${to}`]) };
  }
  return null;
}
