import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { pick, queryString, rangeFromQuery, rangeToQuery, type TrendRange } from '../../trend-query';

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 4;

export interface CompareView extends TrendRange {
  ids: number[];
  mode: 'count' | 'share';
}

/** "1,2,3" → [1, 2, 3]: positive integers, unique, in order, at most MAX_COMPARE. */
export function parseIds(raw: string): number[] {
  const out: number[] = [];
  for (const s of raw.split(',')) {
    const t = s.trim();
    if (!/^[1-9]\d{0,8}$/.test(t)) continue;
    const n = Number(t);
    if (!out.includes(n)) out.push(n);
    if (out.length === MAX_COMPARE) break;
  }
  return out;
}

export function compareFromQuery(query: LocationQuery): CompareView {
  return { ...rangeFromQuery(query), ids: parseIds(queryString(query.ids)), mode: pick(queryString(query.mode), ['count', 'share'] as const, 'count') };
}

export function compareToQuery(v: CompareView): LocationQueryRaw {
  const out: LocationQueryRaw = { ids: v.ids.join(','), ...rangeToQuery(v) };
  if (v.mode === 'share') out.mode = 'share';
  return out;
}

/** Whether a selection may be compared. */
export const canCompare = (ids: readonly number[]) => ids.length >= MIN_COMPARE && ids.length <= MAX_COMPARE;

/** Ticking a topic: adds it unless the selection is full, unticking removes it. */
export function toggleSelection(ids: readonly number[], id: number, on: boolean): number[] {
  if (!on) return ids.filter((x) => x !== id);
  if (ids.includes(id) || ids.length >= MAX_COMPARE) return [...ids];
  return [...ids, id];
}
