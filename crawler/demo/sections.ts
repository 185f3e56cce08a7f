import type { SectionKey } from './compose';
import type { SectionTimeline } from './timeline';

const MIN = 60_000;

export interface Section extends SectionTimeline {
  key: SectionKey;
  pageSize: number;
}

/**
 * Rates chosen so a first crawl finds roughly 110 items over 14 days, and the forum then gains a
 * post every 2 minutes, the news every half hour, the rebuttal feed every hour.
 */
export const SECTIONS: Record<SectionKey, Section> = {
  forum: { key: 'forum', slotMs: 2 * MIN, backlogWindow: 360, liveWindow: 1, leadSlots: 15, pageSize: 15 },
  news: { key: 'news', slotMs: 5 * MIN, backlogWindow: 168, liveWindow: 6, leadSlots: 24, pageSize: 10 },
  notices: { key: 'notices', slotMs: 5 * MIN, backlogWindow: 168, liveWindow: 48, leadSlots: 0, pageSize: 8 },
  piyao: { key: 'piyao', slotMs: 5 * MIN, backlogWindow: 216, liveWindow: 12, leadSlots: 24, pageSize: 50 },
};
