import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/** The search page's filters, kept in the URL so a view can be shared. */
export interface SearchFilters {
  q: string;
  source: string;
  kind: '' | 'notice' | 'news' | 'post';
  tag: '' | 'rumor-suspect' | 'known-rumor' | 'rebuttal' | 'price-gouging';
  from: string;
  to: string;
  sort: '' | 'newest' | 'oldest' | 'score' | 'relevance';
  page: number;
  /** Optional so links and views made before these filters existed compare equal. */
  sentiment?: '' | 'pos' | 'neutral' | 'neg';
  /** A monitoring topic's id, as text ('' for any). */
  topic?: string;
}

// sentiment/topic present (as undefined) so Object.assign(form, EMPTY_FILTERS) clears them too.
export const EMPTY_FILTERS: SearchFilters = { q: '', source: '', kind: '', tag: '', from: '', to: '', sort: '', page: 1, sentiment: undefined, topic: undefined };

const KINDS = ['notice', 'news', 'post'] as const;
const TAGS = ['rumor-suspect', 'known-rumor', 'rebuttal', 'price-gouging'] as const;
const SORTS = ['newest', 'oldest', 'score', 'relevance'] as const;
const SENTIMENTS = ['pos', 'neutral', 'neg'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The API refuses pages beyond this. */
export const MAX_PAGE = 10_000;

function one(v: LocationQuery[string] | undefined): string {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
}

function oneOf<T extends string>(v: string, allowed: readonly T[]): T | '' {
  return (allowed as readonly string[]).includes(v) ? (v as T) : '';
}

/** Route query → filters; anything unknown or malformed in a shared link is dropped, not trusted. */
export function filtersFromQuery(query: LocationQuery): SearchFilters {
  const page = Number.parseInt(one(query.page), 10);
  let from = DAY.test(one(query.from)) ? one(query.from) : '';
  let to = DAY.test(one(query.to)) ? one(query.to) : '';
  // A hand-edited link with the dates the wrong way round still means that range.
  if (from && to && from > to) [from, to] = [to, from];
  return {
    q: one(query.q).slice(0, 200),
    source: one(query.source).slice(0, 64),
    kind: oneOf(one(query.kind), KINDS),
    tag: oneOf(one(query.tag), TAGS),
    from,
    to,
    sort: oneOf(one(query.sort), SORTS),
    page: Number.isFinite(page) && page > 0 ? Math.min(page, MAX_PAGE) : 1,
    sentiment: oneOf(one(query.sentiment), SENTIMENTS) || undefined,
    topic: /^[1-9]\d{0,8}$/.test(one(query.topic)) ? one(query.topic) : undefined,
  };
}

/** Filters → route query, leaving out empty values and page 1 so links stay short. */
export function filtersToQuery(f: SearchFilters): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  for (const key of ['q', 'source', 'kind', 'tag', 'sentiment', 'topic', 'from', 'to', 'sort'] as const) {
    // A cleared Element Plus select or date picker may hand back undefined/null despite the type.
    const v = String(f[key] ?? '').trim();
    if (v) out[key] = v;
  }
  if (Number.isInteger(f.page) && f.page > 1) out.page = String(f.page);
  return out;
}

/** Filters → API query string for GET /api/items. */
export function filtersToApiParams(f: SearchFilters, pageSize: number): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filtersToQuery({ ...f, page: 1 }))) p.set(k, String(v));
  p.set('page', String(f.page));
  p.set('pageSize', String(pageSize));
  return p;
}
