import type { LocationQuery, LocationQueryRaw } from 'vue-router';

export const QUEUE_STATUSES = [
  'pending',
  'new',
  'in-progress',
  'needs-verification',
  'confirmed-rumor',
  'not-rumor',
  'duplicate',
  'decided',
  'all',
] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
export const QUEUE_SORTS = ['priority', 'score', 'spread', 'newest'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const QUEUE_TAGS = ['rumor-suspect', 'known-rumor', 'rebuttal', 'price-gouging'] as const;

/** The queue's view, kept in the URL so an editor can share "pending rumours from the forum this week". */
export interface QueueFilters {
  status: QueueStatus;
  source: string;
  tag: '' | (typeof QUEUE_TAGS)[number];
  /** A monitoring topic's id, or '' for every topic. */
  topic: string;
  from: string;
  to: string;
  sort: QueueSort;
  page: number;
}

export const DEFAULT_QUEUE: QueueFilters = { status: 'pending', source: '', tag: '', topic: '', from: '', to: '', sort: 'priority', page: 1 };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function one(v: unknown): string {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
}

function oneOf<T extends string>(v: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

export function pageFromQuery(v: unknown): number {
  const n = Number.parseInt(one(v) || String(v ?? ''), 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 10_000) : 1;
}

/** Route query → queue view; anything unknown in a shared link falls back to the default. */
export function queueFromQuery(q: LocationQuery): QueueFilters {
  let from = DAY.test(one(q.from)) ? one(q.from) : '';
  let to = DAY.test(one(q.to)) ? one(q.to) : '';
  if (from && to && from > to) [from, to] = [to, from];
  const tag = one(q.tag);
  return {
    status: oneOf(one(q.status), QUEUE_STATUSES, 'pending'),
    source: one(q.source).slice(0, 64),
    tag: (QUEUE_TAGS as readonly string[]).includes(tag) ? (tag as QueueFilters['tag']) : '',
    topic: /^[1-9]\d{0,9}$/.test(one(q.topic)) ? one(q.topic) : '',
    from,
    to,
    sort: oneOf(one(q.sort), QUEUE_SORTS, 'priority'),
    page: pageFromQuery(q.page),
  };
}

/** Queue view → route query, leaving out defaults so links stay short. */
export function queueToQuery(f: QueueFilters): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  for (const key of ['status', 'source', 'tag', 'topic', 'from', 'to', 'sort'] as const) {
    const v = String(f[key] ?? '').trim();
    if (v && v !== String(DEFAULT_QUEUE[key])) out[key] = v;
  }
  if (f.page > 1) out.page = String(f.page);
  return out;
}

/** Queue view → the API's query string. */
export function queueParams(f: QueueFilters, pageSize: number): URLSearchParams {
  const p = new URLSearchParams({ status: f.status, sort: f.sort, page: String(f.page), pageSize: String(pageSize) });
  for (const key of ['source', 'tag', 'topic', 'from', 'to'] as const) if (f[key]) p.set(key, f[key]);
  return p;
}

/** A default claim text for the library: the title, else the first sentence of the text, bounded. */
export function suggestClaim(title: string, excerpt: string): string {
  const base = title.trim().length >= 6 ? title.trim() : (excerpt.split(/[。！？!?\n]/)[0] ?? '').trim();
  return base.replace(/^(网传|转发[:：]?|【[^】]*】)\s*/u, '').slice(0, 120);
}

/** Keys the queue answers to when focus is on a card and not in a text field. */
export const SHORTCUTS = {
  next: ['j', 'ArrowDown'],
  prev: ['k', 'ArrowUp'],
  confirm: ['c'],
  reject: ['n'],
  verify: ['v'],
  duplicate: ['d'],
  claim: ['x'],
} as const;
export type ShortcutAction = keyof typeof SHORTCUTS;

export function shortcutFor(key: string): ShortcutAction | null {
  for (const [action, keys] of Object.entries(SHORTCUTS) as [ShortcutAction, readonly string[]][]) {
    if (keys.includes(key)) return action;
  }
  return null;
}
