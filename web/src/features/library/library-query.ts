import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { LibraryListParams, RebuttalChannel, RumourCategory } from '../../api/library';

/** Every category and channel of the server's contract, in the order the desk files them. */
export const CATEGORIES = ['health', 'epidemic', 'disaster', 'public-safety', 'prices', 'policy', 'education', 'other'] as const satisfies readonly RumourCategory[];
export const CHANNELS = [
  'own-media',
  'weibo',
  'wechat-group',
  'broadcast',
  'poster',
  'press-conference',
  'higher-media',
  'door-to-door',
  'other',
] as const satisfies readonly RebuttalChannel[];

// A category or channel added to the contract and not here fails the type-check.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const allCategories: Missing<RumourCategory, (typeof CATEGORIES)[number]> = true;
const allChannels: Missing<RebuttalChannel, (typeof CHANNELS)[number]> = true;
void allCategories;
void allChannels;

export const PAGE_SIZE = 20;

/** The list's view, kept in the URL so "health rumours about the water supply" can be shared. */
export interface LibraryFilters {
  q: string;
  category: RumourCategory | '';
  showMerged: boolean;
  page: number;
}

export const DEFAULT_FILTERS: LibraryFilters = { q: '', category: '', showMerged: false, page: 1 };

function one(v: unknown): string {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
}

export function isCategory(v: string): v is RumourCategory {
  return (CATEGORIES as readonly string[]).includes(v);
}

/** Route query → list view; anything unknown in a shared link falls back to the default. */
export function filtersFromQuery(q: LocationQuery): LibraryFilters {
  const category = one(q.category);
  const page = Number.parseInt(one(q.page), 10);
  return {
    q: one(q.q).trim().slice(0, 200),
    category: isCategory(category) ? category : '',
    showMerged: one(q.merged) === 'show',
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

/** List view → route query, leaving out defaults so links stay short. */
export function filtersToQuery(f: LibraryFilters): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  if (f.q.trim()) out.q = f.q.trim();
  if (f.category) out.category = f.category;
  if (f.showMerged) out.merged = 'show';
  if (f.page > 1) out.page = String(f.page);
  return out;
}

/** List view → the API's parameters. */
export function filtersToParams(f: LibraryFilters, pageSize = PAGE_SIZE): LibraryListParams {
  return { q: f.q, category: f.category, merged: f.showMerged ? 'show' : 'hide', page: f.page, pageSize };
}

export function hasFilters(f: LibraryFilters): boolean {
  return !!(f.q || f.category || f.showMerged);
}
