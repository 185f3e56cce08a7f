import type { SparseRows } from '../tagging/classifier/logistic';
import { lbfgs } from '../tagging/classifier/lbfgs';

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
