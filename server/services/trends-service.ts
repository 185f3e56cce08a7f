import type { RumourTrend, TrendBy, TrendLine, TrendQuery, TrendResult } from '../contracts/trends';
import { ValidationError, fieldFailures } from '../errors';
import { shanghaiDay } from '../lib/time';
import { mayServeStale, type Freshness } from '../repositories/change-version';
import { hourKey, type TrendDim, type TrendsRepo } from '../repositories/trends-repo';
import { parseBounds } from './date-bounds';

/** A window with more buckets than a chart can show. */
const tooManyBuckets = (limit: number, interval: 'hour' | 'day') =>
  fieldFailures.periodTooLong('from', limit, interval, 'choose a shorter one or interval=day');

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MAX_BUCKETS = { hour: 24 * 31, day: 366 * 2 } as const;
/**
 * Identical queries share one answer while nothing changed (no dirty hour) and for at most this
 * long (a default window ends "now"): a whole department opening the dashboard at once costs one query.
 */
const CACHE_MS = 2_000;

const LABELS: Record<string, Record<string, string>> = {
  kind: { notice: '官方通报', news: '新闻', post: '网帖' },
  tag: { 'rumor-suspect': '疑似谣言', 'known-rumor': '已知谣言', rebuttal: '辟谣', 'price-gouging': '哄抬物价线索' },
  sentiment: { pos: '正面', neutral: '中性', neg: '负面' },
};

interface Window {
  fromIso: string;
  toIso: string;
  interval: 'hour' | 'day';
  buckets: string[];
  bucketOf: (hour: string) => number;
}

const parsedHours = new Map<string, number>();
/** Milliseconds of an 'YYYY-MM-DDTHH' hour key (memoised: the same hours are read by every request). */
function hourMsOf(hour: string): number {
  let ms = parsedHours.get(hour);
  if (ms === undefined) {
    ms = Date.parse(`${hour}:00:00.000Z`);
    if (parsedHours.size > 50_000) parsedHours.clear();
    parsedHours.set(hour, ms);
  }
  return ms;
}

function windowOf(query: Pick<TrendQuery, 'from' | 'to' | 'interval'>, now: Date): Window {
  const bounds = parseBounds(query.from, query.to);
  const toIso = bounds.toIso ?? new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  const fromIso = bounds.fromIso ?? new Date(Date.parse(toIso) - 7 * DAY_MS).toISOString();
  if (fromIso >= toIso) throw fieldFailures.periodReversed('from');
  const interval = query.interval;
  const buckets: string[] = [];
  // The rollup counts whole hours, so the window is widened to whole hours (in UTC and in
  // Asia/Shanghai alike); a day bucket is then the sum of its 24 hours.
  const start = Math.floor(Date.parse(fromIso) / HOUR_MS) * HOUR_MS;
  const end = Math.ceil(Date.parse(toIso) / HOUR_MS) * HOUR_MS;
  const limit = MAX_BUCKETS[interval];
  if ((end - start) / (interval === 'hour' ? HOUR_MS : DAY_MS) > limit + 1) {
    throw tooManyBuckets(limit, interval);
  }
  // Buckets are labelled once per bucket; a row's bucket is arithmetic on its hour (no per-hour
  // map: this runs on every request, and a 90-day window has 2,160 hours but ~100 rows per key).
  const SHANGHAI_MS = 8 * HOUR_MS;
  const localDayIndex = (ms: number) => Math.floor((ms + SHANGHAI_MS) / DAY_MS);
  if (interval === 'hour') {
    for (let t = start; t < end; t += HOUR_MS) buckets.push(new Date(t).toISOString());
  } else {
    for (let d = localDayIndex(start); d <= localDayIndex(end - 1); d++) buckets.push(shanghaiDay(d * DAY_MS));
  }
  if (buckets.length > limit) {
    throw tooManyBuckets(limit, interval);
  }
  const firstDay = localDayIndex(start);
  const bucketOf = (hour: string) => {
    const ms = hourMsOf(hour);
    if (ms < start || ms >= end) return -1;
    return interval === 'hour' ? (ms - start) / HOUR_MS : localDayIndex(ms) - firstDay;
  };
  return { fromIso: new Date(start).toISOString(), toIso: new Date(end).toISOString(), interval, buckets, bucketOf };
}

function dimsFor(by: TrendBy, topic: number | undefined): { total: TrendDim; series: TrendDim | null; prefix?: string } {
  if (topic !== undefined) {
    if (by !== 'all' && by !== 'sentiment') {
      throw new ValidationError('with topic, by must be all or sentiment', [{ path: 'by', message: 'with topic, by must be all or sentiment' }]);
    }
    return { total: 'topic', series: by === 'sentiment' ? 'topic-sentiment' : null, prefix: `${topic}:` };
  }
  return { total: 'all', series: by === 'all' ? null : by };
}

/** Trend lines from the hourly rollup: volume by dimension, share of all items, and the previous period. */
export function createTrendsService(deps: {
  trends: TrendsRepo;
  now?: () => Date;
  freshness?: Freshness;
  /** Moves whenever the database may have changed (createChangeVersion): new items are counted at insert. */
  version: () => string;
}) {
  const now = deps.now ?? (() => new Date());
  const freshness: Freshness = deps.freshness ?? { staleMs: 0, epoch: 0 };
  const version = deps.version;
  const cache = new Map<string, { at: number; epoch: number; version: string; value: unknown }>();

  function cached<T>(key: string, compute: () => T): T {
    // Real elapsed time, not the injectable business clock.
    const t = Date.now();
    const hit = cache.get(key);
    // Any write (new items are counted into the rollup as they are stored) ends the reuse, unless the
    // stale tolerance allows it for a moment (see change-version.ts).
    const v = version();
    if (hit && t - hit.at < CACHE_MS && t >= hit.at) {
      const unchanged = hit.version === v && !deps.trends.hasDirty();
      if (unchanged || mayServeStale(freshness, hit.at, hit.epoch, t)) return hit.value as T;
    }
    const value = compute();
    if (cache.size > 200) cache.clear();
    cache.set(key, { at: t, epoch: freshness.epoch, version: v, value });
    return value;
  }

  function sumInto(rows: { hour: string; key: string; n: number }[], w: Window, keyOf: (k: string) => string | null) {
    const out = new Map<string, number[]>();
    for (const r of rows) {
      const i = w.bucketOf(r.hour);
      const key = keyOf(r.key);
      if (i < 0 || key === null) continue;
      let counts = out.get(key);
      if (!counts) out.set(key, (counts = w.buckets.map(() => 0)));
      counts[i]! += r.n;
    }
    return out;
  }

  function totals(dim: TrendDim, fromIso: string, toIso: string, keyOf: (k: string) => string | null, prefix?: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const [k, n] of deps.trends.sums(dim, hourKey(fromIso), hourKey(toIso), prefix)) {
      const key = keyOf(k);
      if (key !== null) out.set(key, (out.get(key) ?? 0) + n);
    }
    return out;
  }

  return {
    volume(query: TrendQuery): TrendResult {
      return cached(`v:${JSON.stringify(query)}`, () => {
        deps.trends.refresh();
        const w = windowOf(query, now());
        const dims = dimsFor(query.by, query.topic);
        const span = Date.parse(w.toIso) - Date.parse(w.fromIso);
        const prevFrom = new Date(Date.parse(w.fromIso) - span).toISOString();
        const fromHour = hourKey(w.fromIso);
        const toHour = hourKey(w.toIso);
        const topicKey = query.topic !== undefined ? String(query.topic) : null;
        const totalKey = (k: string) => (topicKey === null || k === topicKey ? '' : null);
        const days = w.interval === 'day';
        const allCounts = sumInto(deps.trends.counts(dims.total, fromHour, toHour, undefined, days), w, totalKey).get('') ?? w.buckets.map(() => 0);
        const previousAll = totals(dims.total, prevFrom, w.fromIso, totalKey).get('') ?? 0;

        let series: TrendLine[] = [];
        if (dims.series) {
          const only = query.by === 'topic' && query.topics ? new Set(query.topics.split(',')) : null;
          const keyOf = (k: string) => {
            const key = dims.prefix ? k.slice(dims.prefix.length) : k;
            return only && !only.has(key) ? null : key;
          };
          const byKey = sumInto(deps.trends.counts(dims.series, fromHour, toHour, dims.prefix, days), w, keyOf);
          const prev = totals(dims.series, prevFrom, w.fromIso, keyOf, dims.prefix);
          if (only) for (const k of only) if (!byKey.has(k)) byKey.set(k, w.buckets.map(() => 0));
          const labels = deps.trends.labels();
          const labelOf = (k: string) =>
            (query.by === 'source' ? labels.sources.get(k) : query.by === 'topic' ? labels.topics.get(k) : LABELS[query.topic ? 'sentiment' : query.by]?.[k]) ?? k;
          series = [...byKey.entries()]
            .map(([key, counts]) => ({
              key,
              label: labelOf(key),
              counts,
              share: counts.map((n, i) => (allCounts[i] ? Math.round((n / allCounts[i]!) * 10_000) / 10_000 : 0)),
              total: counts.reduce((a, b) => a + b, 0),
              previousTotal: prev.get(key) ?? 0,
            }))
            .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
        }
        return {
          interval: w.interval,
          by: query.by,
          from: w.fromIso,
          to: w.toIso,
          buckets: w.buckets,
          all: allCounts,
          total: allCounts.reduce((a, b) => a + b, 0),
          previousTotal: previousAll,
          series,
        };
      });
    },

    rumours(query: Pick<TrendQuery, 'from' | 'to' | 'interval'>): RumourTrend {
      return cached(`r:${JSON.stringify(query)}`, () => {
        const w = windowOf(query, now());
        const { found, rebutted } = deps.trends.rumourClock(w.fromIso, w.toIso);
        const fill = (rows: { hour: string; n: number }[]) => {
          const counts = w.buckets.map(() => 0);
          for (const r of rows) {
            const i = w.bucketOf(r.hour);
            if (i >= 0) counts[i]! += r.n;
          }
          return counts;
        };
        const f = fill(found);
        const r = fill(rebutted);
        return {
          interval: w.interval,
          buckets: w.buckets,
          found: f,
          rebutted: r,
          foundTotal: f.reduce((a, b) => a + b, 0),
          rebuttedTotal: r.reduce((a, b) => a + b, 0),
        };
      });
    },
  };
}

export type TrendsService = ReturnType<typeof createTrendsService>;
