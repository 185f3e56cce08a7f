import { hash32 } from './rng';

/**
 * When demo items exist. Time is cut into slots; a slot's number is its item's id, so ids and
 * timestamps are the same for everyone, across restarts. Long ago the site is quiet (one item
 * per backlog window); from shortly before the demo site started it is busy (one per live
 * window), so the first crawl finds two weeks of history and every later crawl finds news.
 */
export interface SectionTimeline {
  key: string;
  slotMs: number;
  /** One item per this many slots before the busy period. */
  backlogWindow: number;
  /** One item per this many slots once busy. */
  liveWindow: number;
  /** How many slots before the start the busy period begins, so a first crawl sees some. */
  leadSlots: number;
}

export interface TimelineEntry {
  id: number;
  publishedMs: number;
}

export const HISTORY_MS = 14 * 86_400_000;

function chosenSlot(t: SectionTimeline, window: number, windowIndex: number, regime: string): number {
  return windowIndex * window + (hash32(`${t.key}:${regime}:${windowIndex}`) % window);
}

/** A moment inside the slot, so items do not all land on round minutes. */
export function publishedAt(t: SectionTimeline, id: number): number {
  return id * t.slotMs + (hash32(`${t.key}:at:${id}`) % t.slotMs);
}

/** True when `id` is an item of this section under either regime; detail pages use it so links
 * stay valid after a restart moved the start of the busy period. */
export function exists(t: SectionTimeline, id: number, nowMs: number): boolean {
  if (!Number.isSafeInteger(id) || id < 0 || publishedAt(t, id) > nowMs) return false;
  return (
    chosenSlot(t, t.backlogWindow, Math.floor(id / t.backlogWindow), 'backlog') === id ||
    chosenSlot(t, t.liveWindow, Math.floor(id / t.liveWindow), 'live') === id
  );
}

/** The items listed at `nowMs`, newest first, covering the last 14 days. */
export function listEntries(t: SectionTimeline, startedMs: number, nowMs: number): TimelineEntry[] {
  const nowSlot = Math.floor(nowMs / t.slotMs);
  const oldest = Math.floor((nowMs - HISTORY_MS) / t.slotMs);
  const busyFrom = Math.floor(startedMs / t.slotMs) - t.leadSlots;
  const ids: number[] = [];
  for (let w = Math.floor(nowSlot / t.liveWindow); w * t.liveWindow + t.liveWindow > busyFrom; w--) {
    const id = chosenSlot(t, t.liveWindow, w, 'live');
    if (id >= busyFrom && id <= nowSlot) ids.push(id);
  }
  const lastBacklog = Math.min(busyFrom - 1, nowSlot);
  for (let w = Math.floor(lastBacklog / t.backlogWindow); w * t.backlogWindow + t.backlogWindow > oldest; w--) {
    const id = chosenSlot(t, t.backlogWindow, w, 'backlog');
    if (id < busyFrom && id >= oldest && id <= nowSlot) ids.push(id);
  }
  return ids
    .map((id) => ({ id, publishedMs: publishedAt(t, id) }))
    .filter((e) => e.publishedMs <= nowMs && e.publishedMs >= nowMs - HISTORY_MS)
    .sort((a, b) => b.publishedMs - a.publishedMs);
}
