import type { SparseRows } from '../tagging/classifier/logistic';

/**
 * L2-regularised multinomial logistic regression (softmax) on sparse rows, fitted by L-BFGS, full
 * batch and deterministic. The objective is
 *
 *   f(W, b) = (1/S) Σ s_n [logΣ_k e^{m_nk} − m_{n,y_n}] + (λ/2) ‖W‖²,   m_nk = w_k·x_n + b_k
 *
 * with per-example weights s_n and the biases unregularised. Only buckets some row touches are
 * optimised; the rest stay 0.
 */

export interface SoftmaxOptions {
  lambda: number;
  maxIter: number;
  tolerance: number;
  onIteration?: (iteration: number, maxIter: number) => void;
}

export interface SoftmaxFit {
  /** weights[k] is class k's dense weight vector over the whole bucket space. */
  weights: Float64Array[];
  biases: number[];
  iterations: number;
  loss: number;
}

function dot(a: Float64Array, b: Float64Array): number {
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

/** Fits K-class softmax; `y[n]` in [0, K). */
export function fitSoftmax(rows: SparseRows, y: Int32Array, K: number, s: Float64Array, dim: number, opts: SoftmaxOptions): SoftmaxFit {
  const n = y.length;
  const compact = new Int32Array(dim).fill(-1);
  const touched: number[] = [];
  const col = new Int32Array(rows.col.length);
  for (let j = 0; j < rows.col.length; j++) {
    const c = rows.col[j]!;
    let k = compact[c]!;
    if (k < 0) {
      k = touched.length;
      compact[c] = k;
      touched.push(c);
    }
    col[j] = k;
  }
  const d = touched.length;
  // Layout: theta[k * d + j] weights, theta[K * d + k] biases.
  const size = K * d + K;
  let S = 0;
  for (let i = 0; i < n; i++) S += s[i]!;
  const invS = S > 0 ? 1 / S : 0;
  const { lambda } = opts;
  const m = new Float64Array(K);
  const evaluate = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let r = 0; r < n; r++) {
      const start = rows.rowPtr[r]!;
      const end = rows.rowPtr[r + 1]!;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let v = theta[K * d + k]!;
        const off = k * d;
        for (let j = start; j < end; j++) v += theta[off + col[j]!]! * rows.val[j]!;
        m[k] = v;
        if (v > max) max = v;
      }
      let z = 0;
      for (let k = 0; k < K; k++) {
        m[k] = Math.exp(m[k]! - max);
        z += m[k]!;
      }
      const sr = s[r]! * invS;
      const yr = y[r]!;
      loss += sr * -Math.log(m[yr]! / z);
      for (let k = 0; k < K; k++) {
        const g = sr * (m[k]! / z - (k === yr ? 1 : 0));
        grad[K * d + k]! += g;
        const off = k * d;
        for (let j = start; j < end; j++) grad[off + col[j]!]! += g * rows.val[j]!;
      }
    }
    let reg = 0;
    for (let i = 0; i < K * d; i++) {
      const w = theta[i]!;
      reg += w * w;
      grad[i]! += lambda * w;
    }
    return loss + 0.5 * lambda * reg;
  };
  const { theta, f, iterations } = lbfgs(size, evaluate, opts);
  const weights: Float64Array[] = [];
  for (let k = 0; k < K; k++) {
    const w = new Float64Array(dim);
    for (let j = 0; j < d; j++) w[touched[j]!] = theta[k * d + j]!;
    weights.push(w);
  }
  const biases = Array.from({ length: K }, (_, k) => theta[K * d + k]!);
  return { weights, biases, iterations, loss: f };
}
