/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, from zero: full batch, deterministic.
 * Shared by the rumour classifier (logistic.ts) and the sentiment softmax.
 */

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

const HISTORY = 10;

/** Minimises f by L-BFGS from zero; `evaluate` returns f and fills grad. */
export function lbfgs(
  size: number,
  evaluate: (theta: Float64Array, grad: Float64Array) => number,
  opts: { maxIter: number; tolerance: number; onIteration?: (iteration: number, maxIter: number) => void },
): { theta: Float64Array; f: number; iterations: number } {
  let theta = new Float64Array(size);
  let grad = new Float64Array(size);
  let f = evaluate(theta, grad);
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const alpha = new Float64Array(HISTORY);
  const dir = new Float64Array(size);
  let next = new Float64Array(size);
  let nextGrad = new Float64Array(size);
  let iterations = 0;
  for (let it = 0; it < opts.maxIter; it++) {
    let gmax = 0;
    for (let i = 0; i < size; i++) gmax = Math.max(gmax, Math.abs(grad[i]!));
    if (gmax < opts.tolerance) break;
    for (let i = 0; i < size; i++) dir[i] = -grad[i]!;
    for (let h = sHist.length - 1; h >= 0; h--) {
      const a = rhoHist[h]! * dot(sHist[h]!, dir);
      alpha[h] = a;
      const yh = yHist[h]!;
      for (let i = 0; i < size; i++) dir[i]! -= a * yh[i]!;
    }
    if (sHist.length > 0) {
      const last = sHist.length - 1;
      const gamma = dot(sHist[last]!, yHist[last]!) / dot(yHist[last]!, yHist[last]!);
      for (let i = 0; i < size; i++) dir[i]! *= gamma;
    }
    for (let h = 0; h < sHist.length; h++) {
      const beta = rhoHist[h]! * dot(yHist[h]!, dir);
      const sh = sHist[h]!;
      const a = alpha[h]!;
      for (let i = 0; i < size; i++) dir[i]! += (a - beta) * sh[i]!;
    }
    let slope = dot(dir, grad);
    if (!(slope < 0)) {
      sHist.length = 0;
      yHist.length = 0;
      rhoHist.length = 0;
      for (let i = 0; i < size; i++) dir[i] = -grad[i]!;
      slope = dot(dir, grad);
    }
    let step = sHist.length === 0 ? 1 / Math.max(1e-12, Math.sqrt(-slope)) : 1;
    let fNext = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < size; i++) next[i] = theta[i]! + step * dir[i]!;
      fNext = evaluate(next, nextGrad);
      if (fNext <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNext < f)) break;
    const sVec = new Float64Array(size);
    const yVec = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      sVec[i] = next[i]! - theta[i]!;
      yVec[i] = nextGrad[i]! - grad[i]!;
    }
    const sy = dot(sVec, yVec);
    if (sy > 1e-12) {
      if (sHist.length === HISTORY) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
      sHist.push(sVec);
      yHist.push(yVec);
      rhoHist.push(1 / sy);
    }
    [theta, next] = [next, theta];
    [grad, nextGrad] = [nextGrad, grad];
    const improvement = (f - fNext) / Math.max(Math.abs(f), 1e-12);
    f = fNext;
    iterations = it + 1;
    opts.onIteration?.(iterations, opts.maxIter);
    if (improvement < 1e-9) break;
  }
  return { theta, f, iterations };
}
