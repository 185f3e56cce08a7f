import { describe, expect, it } from 'vitest';
import { assessSourceHealth, type HealthInput } from '../../../server/services/source-health';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const iso = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();
const run = (status: string, hoursAgo: number, fetched = 10, failed = 0, lastError: string | null = null) => ({
  status,
  endedAt: iso(hoursAgo),
  fetched,
  failed,
  lastError,
});

function input(over: Partial<HealthInput>): HealthInput {
  return {
    now: NOW,
    days: ['2026-11-27', '2026-11-28'],
    collectedPerDay: new Map(),
    runs: [],
    firstRunEndedAt: null,
    timedItems: [],
    recentCollections: [],
    ...over,
  };
}

describe('source health', () => {
  it('reports last success, items per day and the page error rate', () => {
    const h = assessSourceHealth(
      input({
        collectedPerDay: new Map([['2026-11-28', 4]]),
        runs: [run('partial', 1, 9, 1, 'GET https://a/1: 404'), run('ok', 2, 10, 0)],
      }),
    );
    expect(h.lastSuccessAt).toBe(iso(1));
    expect(h.itemsPerDay).toEqual([0, 4]);
    expect(h.errorRate).toBeCloseTo(1 / 20);
    expect(h.recentErrors).toEqual([{ at: iso(1), message: 'GET https://a/1: 404' }]);
    expect(h.flags).toEqual([]);
  });

  it('flags a source whose last three runs failed', () => {
    const h = assessSourceHealth(input({ runs: [run('failed', 1, 0, 1, 'x'), run('failed', 2, 0, 1, 'y'), run('failed', 3, 0, 1, 'z'), run('ok', 4)] }));
    expect(h.flags).toContain('failing');
    expect(h.lastSuccessAt).toBe(iso(4));
    expect(h.recentErrors.map((e) => e.message)).toEqual(['x', 'y', 'z']);
  });

  it('flags a source that used to yield hourly and has been silent for over a day', () => {
    const hourly = Array.from({ length: 10 }, (_, i) => iso(30 + i));
    expect(assessSourceHealth(input({ recentCollections: hourly })).flags).toEqual(['silent']);
    const fresh = Array.from({ length: 10 }, (_, i) => iso(1 + i));
    expect(assessSourceHealth(input({ recentCollections: fresh })).flags).toEqual([]);
  });

  it('measures the publish → collect delay only on items found after the first crawl', () => {
    const timedItems = [
      { publishedAt: iso(2), collectedAt: iso(1.5) }, // 30 min
      { publishedAt: iso(5), collectedAt: iso(4.9) }, // 6 min
      { publishedAt: iso(8), collectedAt: iso(7.8) }, // 12 min
      { publishedAt: iso(400), collectedAt: iso(100) }, // backlog from the first crawl: ignored
    ];
    const h = assessSourceHealth(input({ firstRunEndedAt: iso(50), timedItems }));
    expect(h.medianDelayMinutes).toBe(12);
    expect(assessSourceHealth(input({ firstRunEndedAt: iso(50), timedItems: timedItems.slice(0, 2) })).medianDelayMinutes).toBeNull();
  });
});
