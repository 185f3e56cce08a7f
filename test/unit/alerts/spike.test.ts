import { describe, expect, it } from 'vitest';
import { DEFAULT_SPIKE, detectSpike } from '../../../server/alerts/spike';

/** A seeded Poisson-ish noise generator, so the test is the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
function poisson(mean: number, r: () => number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

/** How many times a rule evaluated once per window would fire on its rising edge over the series. */
function risingEdges(series: number[]): number {
  let inAlert = false;
  let fired = 0;
  for (let end = DEFAULT_SPIKE.baselineWindows + 1; end <= series.length; end++) {
    const { fired: now } = detectSpike(series.slice(0, end));
    if (now && !inAlert) fired++;
    inAlert = now;
  }
  return fired;
}

describe('spike detection', () => {
  it('fires once on a spike that lasts several windows', () => {
    const r = rng(7);
    const series = Array.from({ length: 60 }, () => poisson(4, r));
    for (let i = 40; i < 44; i++) series[i] = 40 + i;
    expect(risingEdges(series)).toBe(1);
  });

  it('does not fire on noise, over many seeds', () => {
    let fired = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const r = rng(seed);
      fired += risingEdges(Array.from({ length: 60 }, () => poisson(6, r)));
    }
    expect(fired).toBe(0);
  });

  it('does not fire on a steady rise, even a steep one', () => {
    const r = rng(3);
    const series = Array.from({ length: 60 }, (_, i) => 5 + 2 * i + poisson(2, r));
    expect(risingEdges(series)).toBe(0);
  });

  it('needs the minimum count: one post after silence is no spike', () => {
    const series = [...Array(24).fill(0), 3];
    expect(detectSpike(series).fired).toBe(false);
    expect(detectSpike([...Array(24).fill(0), 8]).fired).toBe(true);
  });

  it('reports the expectation and z-score it decided on', () => {
    const s = detectSpike([...Array(24).fill(10), 40]);
    expect(s.expected).toBe(10);
    expect(s.z).toBeGreaterThan(9);
  });
});
