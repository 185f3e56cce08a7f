import type { HotWords, InsightQuery, StoryEvent, StoryEvents } from '../contracts/insights';
import { rankBurstWords, rankByCount } from '../nlp/hot-words';
import type { KeywordExtractor } from '../nlp/keywords';
import type { EventsRepo } from '../repositories/events-repo';
import type { KeywordsRepo } from '../repositories/keywords-repo';
import { groupRelated } from '../nlp/related-stories';
import { HOUR_MS } from './hour-sums';
import { createClusterHours, createKeywordHours } from './insight-hours';

/** Two related stories as one event, led by the first (the stronger). */
function mergeStories(lead: StoryEvent, other: StoryEvent): StoryEvent {
  const sources = [...new Set([...lead.sources, ...other.sources])];
  return {
    ...lead,
    clusters: [...lead.clusters, ...other.clusters],
    firstSeenAt: lead.firstSeenAt < other.firstSeenAt ? lead.firstSeenAt : other.firstSeenAt,
    lastSeenAt: lead.lastSeenAt > other.lastSeenAt ? lead.lastSeenAt : other.lastSeenAt,
    size: lead.size + other.size,
    recent: lead.recent + other.recent,
    previous: lead.previous + other.previous,
    sourceCount: Math.max(lead.sourceCount, other.sourceCount, sources.length),
    sources: sources.slice(0, 5),
    curve: lead.curve.map((n, i) => n + (other.curve[i] ?? 0)),
  };
}

const BASELINE_HOURS = 24 * 7;
/** Keywords are read from the title and the lede; the rest of an article adds cost, not topic. */
const KEYWORD_CHARS = 240;
const KEYWORDS_PER_ITEM = 8;
/** Hot words and events move over hours: answers are reused for this long. */
const CACHE_MS = 30_000;
/** An event is a story repeated: at least this many items of one cluster in the window. */
const MIN_EVENT_ITEMS = 2;

/** What ingest asks: the keywords of an item, and storing them with it. */
export interface KeywordStep {
  extract(input: { title: string; body: string; normalised?: string }): string[];
  record(words: string[], sortAt: string): void;
}

/** Answers kept for a while, at most `max` of them (all dropped when full: windows move on hourly anyway). */
function createTtlCache(max: number, defaultTtlMs: number) {
  const cache = new Map<string, { at: number; value: unknown }>();
  return function cached<T>(key: string, compute: () => T, ttlMs = defaultTtlMs): T {
    const t = performance.now();
    const hit = cache.get(key);
    if (hit && t - hit.at < ttlMs) return hit.value as T;
    const value = compute();
    if (cache.size >= max) cache.clear();
    cache.set(key, { at: t, value });
    return value;
  };
}

/** Hot words (keywords rising against their baseline, and a word cloud) and events (growing clusters). */
export function createInsightsService(deps: {
  keywords: KeywordsRepo;
  events: EventsRepo;
  extractor: KeywordExtractor;
  /** Brings the hourly item counts up to date (items per window, and which hours changed). */
  refreshCounts: () => void;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const iso = (ms: number) => new Date(ms).toISOString();
  const itemsPerHour = (fromMs: number, toMs: number) => deps.keywords.itemsPerHour(iso(fromMs), iso(toMs));
  const keywordHours = createKeywordHours(deps.keywords, itemsPerHour, () => now().getTime());
  const clusterHours = createClusterHours(deps.events, itemsPerHour, () => now().getTime());
  // Bounded: windows are whole hours up to two weeks (336), times a few limits.
  const cached = createTtlCache(2_000, CACHE_MS);
  // A story's lead item (its title, excerpt, keywords) never changes; its size and sources grow, and
  // are reused as long as a window's answer is.
  const perStory = createTtlCache(5_000, CACHE_MS);
  /** Windows end at the next whole hour, so they line up with the hourly counts. */
  const windowEnd = () => Math.ceil(now().getTime() / HOUR_MS) * HOUR_MS;

  const step: KeywordStep = {
    extract({ title, body, normalised }) {
      const text = normalised ?? `${title}\n${body}`;
      return deps.extractor.extract(text.slice(0, KEYWORD_CHARS), KEYWORDS_PER_ITEM).map((k) => k.word);
    },
    record: (words, sortAt) => deps.keywords.record(words, sortAt),
  };

  return {
    step,
    hotWords(q: InsightQuery): HotWords {
      return cached(`h:${q.hours}:${windowEnd()}`, () => {
        deps.refreshCounts();
        const to = windowEnd();
        const from = to - q.hours * HOUR_MS;
        const baselineFrom = from - BASELINE_HOURS * HOUR_MS;
        // Summed from per-hour counts shared by every window (insight-hours.ts): only the hour in
        // progress is read again on every refresh.
        const current = keywordHours.window(from, to);
        const baseline = keywordHours.window(baselineFrom, from);
        return {
          from: iso(from),
          to: iso(to),
          baselineFrom: iso(baselineFrom),
          cloud: rankByCount(current.counts, { limit: 80, minCount: 2 }),
          rising: rankBurstWords(current, baseline, { limit: 30 }).map((w) => ({
            word: w.word,
            count: w.count,
            baselineCount: w.baselineCount,
            ratio: Math.round(w.ratio * 100) / 100,
            score: Math.round(w.score * 1000) / 1000,
          })),
        };
      });
    },

    events(q: InsightQuery & { limit?: number }): StoryEvents {
      const limit = q.limit ?? 20;
      return cached(`e:${q.hours}:${limit}:${windowEnd()}`, () => {
        deps.refreshCounts(); // the hours' item counts tell which kept hours changed
        const to = windowEnd();
        const mid = to - q.hours * HOUR_MS;
        const from = mid - q.hours * HOUR_MS;
        // Growth: items now, discounted by what the story already had before: a new story of 10
        // ranks above an old one that went from 40 to 45.
        const growth = (recent: number, previous: number) => recent * Math.log1p(recent / (previous + 1));
        // Candidates beyond the limit: related stories folded together free places further down.
        const ranked = clusterHours.top(from, mid, to, MIN_EVENT_ITEMS, limit * 3, growth);
        const stories = new Map<number, StoryEvent>();
        const storyWords = new Map<number, string[]>();
        for (const r of ranked) {
          const d = perStory(`d:${r.id}`, () => deps.events.detail(r.id));
          if (!d) continue;
          stories.set(r.id, {
            id: d.id,
            clusters: [d.id],
            title: d.title,
            excerpt: d.body,
            firstSeenAt: d.first_seen,
            lastSeenAt: d.last_seen,
            size: d.size,
            recent: r.recent,
            previous: r.previous,
            sourceCount: d.source_count,
            sources: JSON.parse(d.sources) as string[],
            curve: r.curve,
          });
          storyWords.set(r.id, perStory(`w:${r.id}`, () => step.extract({ title: d.title, body: d.body }), 60 * 60_000));
        }
        // An event is a story and the stories closely related to it (same keywords, other words).
        const groups = groupRelated([...stories.keys()].map((id) => ({ id, words: storyWords.get(id)! })));
        const events = groups
          .map((ids) => ids.map((id) => stories.get(id)!).reduce(mergeStories))
          .sort((a, b) => growth(b.recent, b.previous) - growth(a.recent, a.previous) || b.recent - a.recent || a.id - b.id)
          .slice(0, limit);
        return { from: iso(mid), to: iso(to), events };
      });
    },
  };
}

export type InsightsService = ReturnType<typeof createInsightsService>;
