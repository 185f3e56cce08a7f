import { describe, expect, it } from 'vitest';
import { createHourSums, createInterner, HOUR_MS, hourCounts } from '../../../server/services/hour-sums';
import { resetIfMostlyDead } from '../../../server/services/insight-hours';

const T0 = Date.parse('2026-11-22T00:00:00Z');

/** Every hour holds id 1 once and id (hour number + 10) `loads` times: reloads are visible in the sums. */
function setup(opts: { ttl?: number; maxHours?: number } = {}) {
  let nowMs = T0 + 5.5 * HOUR_MS; // inside hour 5
  const loads: number[] = [];
  const versions = new Map<number, number>();
  const sums = createHourSums({
    load: (start) => {
      loads.push((start - T0) / HOUR_MS);
      const h = (start - T0) / HOUR_MS;
      return hourCounts([
        { id: 1, n: 1 },
        { id: h + 10, n: loads.filter((x) => x === h).length },
      ]);
    },
    versions: (from, to) => {
      const out = new Map<number, number>();
      for (let start = from; start < to; start += HOUR_MS) out.set(start, versions.get((start - T0) / HOUR_MS) ?? 0);
      return out;
    },
    closedTtlMs: opts.ttl ?? 60_000,
    maxHours: opts.maxHours ?? 100,
    now: () => nowMs,
  });
  const total = (from: number, to: number) => {
    const out = new Map<number, number>();
    for (const { ids, counts } of sums.read(T0 + from * HOUR_MS, T0 + to * HOUR_MS).hours) ids.forEach((id, i) => out.set(id, (out.get(id) ?? 0) + counts[i]!));
    return out;
  };
  return { sums, loads, total, advance: (ms: number) => (nowMs += ms), versions };
}

describe('hour sums', () => {
  it('sums every hour of a window, reading each closed hour once for all windows that cover it', () => {
    const { loads, total } = setup();
    expect(total(0, 5)).toEqual(new Map([[1, 5], [10, 1], [11, 1], [12, 1], [13, 1], [14, 1]]));
    expect(total(2, 5).get(1)).toBe(3);
    expect(total(3, 4)).toEqual(new Map([[1, 1], [13, 1]]));
    expect(loads).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads the hour in progress again on every call', () => {
    const { loads, total } = setup();
    total(4, 6);
    expect(total(4, 6).get(15)).toBe(2); // hour 5's second load
    expect(loads).toEqual([4, 5, 5]);
  });

  it('reads a closed hour again once it has been kept for the time allowed (spread between once and twice that over hours)', () => {
    const { loads, total, advance } = setup({ ttl: 60_000 });
    total(0, 5);
    advance(59_000);
    total(0, 5);
    expect(loads).toEqual([0, 1, 2, 3, 4]);
    advance(30_000); // 89 s: some hours are due, not all
    total(0, 5);
    const reread = loads.slice(5);
    expect(reread.length).toBeGreaterThan(0);
    expect(reread.length).toBeLessThan(5);
    advance(31_000); // 120 s: every hour is due
    expect(total(0, 5).get(10)).toBeGreaterThanOrEqual(2);
    expect(new Set(loads.slice(5 + reread.length))).toEqual(new Set([0, 1, 2, 3, 4].filter((h) => !reread.includes(h))));
  });

  it('reads a kept hour again as soon as its version moves', () => {
    const { loads, total, versions } = setup();
    total(0, 3);
    versions.set(1, 7); // a late post in hour 1
    expect(total(0, 3).get(11)).toBe(2);
    expect(loads).toEqual([0, 1, 2, 1]);
    total(0, 3);
    expect(loads).toEqual([0, 1, 2, 1]);
  });

  it('keeps at most maxHours, dropping the one loaded longest ago', () => {
    const { sums, loads, total } = setup({ maxHours: 3 });
    total(0, 3); // keeps 0, 1, 2
    total(0, 1); // 0 kept: no load
    total(3, 4); // keeps 3, drops 0 (the oldest read)
    expect(sums.size()).toBe(3);
    expect(loads).toEqual([0, 1, 2, 3]);
    total(0, 1);
    expect(loads).toEqual([0, 1, 2, 3, 0]);
  });
});

describe('interned ids', () => {
  it('gives each key one small id, in first-seen order, and the key back', () => {
    const words = createInterner<string>();
    expect(['停水', '地铁', '停水'].map((w) => words.id(w))).toEqual([0, 1, 0]);
    expect(words.key(1)).toBe('地铁');
    expect(words.size()).toBe(2);
  });

  it('starts over only when there are many and most no longer occur in the kept hours', () => {
    const ids = createInterner<number>();
    for (let k = 0; k < 10; k++) ids.id(k * 7);
    let cleared = 0;
    const sums = (entries: number) => ({ entries: () => entries, clear: () => void cleared++ });
    expect(resetIfMostlyDead(ids, sums(6), 5)).toBe(false); // 10 ids, 6 still held: most alive
    expect(resetIfMostlyDead(ids, sums(4), 20)).toBe(false); // few ids in all
    expect(resetIfMostlyDead(ids, sums(4), 5)).toBe(true);
    expect(cleared).toBe(1);
    expect(ids.size()).toBe(0);
    expect(ids.id(99)).toBe(0);
  });
});
