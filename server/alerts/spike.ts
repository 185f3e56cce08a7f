/**
 * Spike detection on a count series (items per window, oldest first, the last value the window just
 * ended). The expectation is a straight line fitted to the baseline windows, so a steady rise is
 * expected and does not fire; the spread combines the line's prediction error and the Poisson noise
 * of the expected count, so neither noise nor a quiet series with one stray item fires.
 */

export interface SpikeOptions {
  /** Standard deviations above the expectation needed to fire. */
  z: number;
  /** Items needed in the current window, whatever the z-score: three posts are never a crisis. */
  minCount: number;
  /** Baseline windows used for the fit (the ones before the current one). */
  baselineWindows: number;
}

export const DEFAULT_SPIKE: SpikeOptions = { z: 3, minCount: 5, baselineWindows: 24 };

export interface SpikeResult {
  fired: boolean;
  current: number;
  expected: number;
  z: number;
}

export function detectSpike(series: readonly number[], opts: SpikeOptions = DEFAULT_SPIKE): SpikeResult {
  const current = series[series.length - 1] ?? 0;
  const base = series.slice(Math.max(0, series.length - 1 - opts.baselineWindows), series.length - 1);
  if (base.length < 3) return { fired: false, current, expected: 0, z: 0 };
  const n = base.length;
  const meanX = (n - 1) / 2;
  const meanY = base.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - meanX) * (base[i]! - meanY);
    sxx += (i - meanX) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = meanY - slope * meanX;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (base[i]! - (intercept + slope * i)) ** 2;
  const residualVar = sse / Math.max(1, n - 2);
  const expected = Math.max(0, intercept + slope * n);
  // The uncertainty of the extrapolated line (prediction variance) plus the Poisson noise of the
  // count itself: counting both is conservative on purpose — a false alarm at 3 a.m. costs trust.
  const predictionVar = residualVar * (1 + 1 / n + (n - meanX) ** 2 / Math.max(sxx, 1));
  const spread = Math.sqrt(predictionVar + Math.max(expected, 1));
  const z = (current - expected) / spread;
  return { fired: current >= opts.minCount && z >= opts.z, current, expected: Math.round(expected * 100) / 100, z: Math.round(z * 100) / 100 };
}
