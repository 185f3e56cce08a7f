import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createItemsAnnouncer } from '../../../server/services/items-announcer';

beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-11-29T08:00:00Z') }));
afterEach(() => vi.useRealTimers());

function recorder(delay: number) {
  const sent: { atMs: number; n: number }[] = [];
  const start = Date.now();
  const a = createItemsAnnouncer((n) => sent.push({ atMs: Date.now() - start, n }), () => delay);
  return { a, sent };
}

describe('the items announcer', () => {
  it('announces each batch at once without a stale tolerance', () => {
    const { a, sent } = recorder(0);
    a.announce(3);
    a.announce(2);
    a.announce(0);
    expect(sent).toEqual([
      { atMs: 0, n: 3 },
      { atMs: 0, n: 2 },
    ]);
  });

  it('never announces writes sooner than the tolerance after them, and sums what waited', () => {
    const { a, sent } = recorder(1_000);
    a.announce(50);
    vi.advanceTimersByTime(400);
    a.announce(50);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(200); // t = 1,100: the first batch is 1,100 ms old, the second only 700
    expect(sent).toEqual([{ atMs: 1_001, n: 50 }]);
    vi.advanceTimersByTime(2_000);
    expect(sent.map((s) => s.n)).toEqual([50, 50]);
    expect(sent[1]!.atMs - 400).toBeGreaterThanOrEqual(1_000);
  });

  it('sends at most about one event per tolerance however often ingest commits', () => {
    const { a, sent } = recorder(1_000);
    for (let t = 0; t < 10_000; t += 100) {
      a.announce(50);
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(3_000);
    expect(sent.reduce((s, e) => s + e.n, 0)).toBe(100 * 50);
    expect(sent.length).toBeLessThanOrEqual(12);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.atMs - sent[i - 1]!.atMs).toBeGreaterThanOrEqual(1_000);
  });

  it('sends what is pending when closed', () => {
    const { a, sent } = recorder(1_000);
    a.announce(7);
    a.close();
    expect(sent).toEqual([{ atMs: 0, n: 7 }]);
    vi.advanceTimersByTime(5_000);
    expect(sent).toHaveLength(1);
  });
});
