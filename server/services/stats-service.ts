import type { Overview, Trends, TrendSeries } from '../contracts/api';
import type { StatsRepo } from '../repositories/stats-repo';
import type { SourcesRepo } from '../repositories/sources-repo';
import { lastShanghaiDays, shanghaiDay } from '../lib/time';

const TAG_LABELS: Record<string, string> = { 'rumor-suspect': '疑似谣言', rebuttal: '辟谣' };

function toSeries(days: string[], rows: { day: string; key: string; label?: string; n: number }[]): TrendSeries[] {
  const pos = new Map(days.map((d, i) => [d, i]));
  const series = new Map<string, TrendSeries>();
  for (const r of rows) {
    const i = pos.get(r.day);
    if (i === undefined) continue;
    let s = series.get(r.key);
    if (!s) {
      s = { key: r.key, label: r.label ?? TAG_LABELS[r.key] ?? r.key, counts: days.map(() => 0) };
      series.set(r.key, s);
    }
    s.counts[i] = r.n;
  }
  return [...series.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function createStatsService(deps: { stats: StatsRepo; sources: SourcesRepo; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    trends(dayCount: number): Trends {
      const days = lastShanghaiDays(dayCount, now());
      const from = days[0]!;
      const totals = new Map(deps.stats.countByDay(from).map((r) => [r.day, r.n]));
      return {
        days,
        total: days.map((d) => totals.get(d) ?? 0),
        byTag: toSeries(days, deps.stats.countByDayAndTag(from)),
        bySource: toSeries(days, deps.stats.countByDayAndSource(from)),
      };
    },
    overview(): Overview {
      return { ...deps.stats.overviewCounts(shanghaiDay(now())), lastCrawlAt: deps.sources.lastFinishedAt() };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
