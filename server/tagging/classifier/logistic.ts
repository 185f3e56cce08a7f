import { lbfgs } from './lbfgs';

/**
 * L2-regularised logistic regression (or a squared-hinge linear SVM) on sparse rows, fitted by L-BFGS to the optimum (full batch,
 * deterministic: the same examples give the same model). The objective is
 *
 *   f(w, b) = (1/S) Σ s_n [log(1 + e^{m_n}) − y_n m_n] + (λ/2) ‖w‖²,   m_n = w·x_n + b,  S = Σ s_n
 *
 * with per-example weights s_n (class balancing), the bias unregularised. Only the buckets some row
 * touches are optimised (the others stay exactly 0), so a 2^20-bucket space costs what the data costs.
 *
 * After the fit it returns the diagonal of the Hessian of the unnormalised objective, the precision
 * of a Laplace approximation to the posterior over weights: online.ts uses it to learn from a new
 * verdict with steps that respect how much evidence each weight already rests on.
 */

/** Rows in compressed sparse row form. */
export interface SparseRows {
  rowPtr: Int32Array;
  col: Int32Array;
  val: Float32Array;
}

export interface LogisticOptions {
  lambda: number;
  /** 'logistic' (default) or 'squared-hinge': s_n·max(0, 1 − t_n m_n)², t_n = ±1, a linear SVM. */
  loss?: 'logistic' | 'squared-hinge';
  /**
   * Multiplies the fitted weights and bias (default 1): a squared-hinge margin is not a log-odds, and
   * the caller who measured what one is worth (train-tagger-model.ts, out of fold) scales it into one.
   * The precision is then that of the logistic model with these weights (prior λ/scale²).
   */
  marginScale?: number;
  maxIter: number;
  /** Stop when the largest gradient component falls below this. */
  tolerance: number;
  onIteration?: (iteration: number, maxIter: number) => void;
}

export interface LogisticFit {
  weights: Float64Array;
  bias: number;
  /** Diagonal of the unnormalised Hessian at the optimum, λS included. */
  precision: Float64Array;
  precisionBias: number;
  iterations: number;
  /** Final value of f. */
  loss: number;
}

export function sigmoid(m: number): number {
  return m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
}

/** log(1 + e^m) without overflow. */
function softplus(m: number): number {
  return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
}


/**
 * Fits the model. `dim` is the size of the bucket space; columns in `rows` are bucket numbers.
 */
export function fitLogistic(rows: SparseRows, y: Uint8Array, s: Float64Array, dim: number, opts: LogisticOptions): LogisticFit {
  const n = y.length;
  // Compact the touched columns: the optimiser works on k ≤ dim coordinates plus the bias (last).
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
  const k = touched.length;
  const size = k + 1;
  let S = 0;
  for (let i = 0; i < n; i++) S += s[i]!;
  const invS = S > 0 ? 1 / S : 0;
  const { lambda } = opts;
  const hinge = opts.loss === 'squared-hinge';
  const margins = new Float64Array(n);

  /** f at theta; fills grad. */
  const evaluate = (theta: Float64Array, grad: Float64Array): number => {
    const b = theta[k]!;
    let loss = 0;
    grad.fill(0);
    let gb = 0;
    for (let r = 0; r < n; r++) {
      let m = b;
      const end = rows.rowPtr[r + 1]!;
      for (let j = rows.rowPtr[r]!; j < end; j++) m += theta[col[j]!]! * rows.val[j]!;
      margins[r] = m;
      const yr = y[r]!;
      const sr = s[r]! * invS;
      let g: number;
      if (hinge) {
        const t = yr ? 1 : -1;
        const z = 1 - t * m;
        if (z > 0) {
          loss += sr * z * z;
          g = -2 * sr * t * z;
        } else g = 0;
      } else {
        loss += sr * (softplus(m) - yr * m);
        g = sr * (sigmoid(m) - yr);
      }
      gb += g;
      for (let j = rows.rowPtr[r]!; j < end; j++) grad[col[j]!]! += g * rows.val[j]!;
    }
    let reg = 0;
    for (let c = 0; c < k; c++) {
      const w = theta[c]!;
      reg += w * w;
      grad[c]! += lambda * w;
    }
    grad[k] = gb;
    return loss + 0.5 * lambda * reg;
  };

  const { theta, f, iterations } = lbfgs(size, evaluate, opts);
  const grad = new Float64Array(size);
  evaluate(theta, grad);

  const scale = opts.marginScale ?? 1;
  if (!(scale > 0 && Number.isFinite(scale))) throw new RangeError(`marginScale must be a positive number, got ${scale}`);
  for (let j = 0; j <= k; j++) theta[j]! *= scale;
  for (let r = 0; r < n; r++) margins[r]! *= scale;
  const priorPrecision = lambda / (scale * scale);

  // Laplace precision, unnormalised: λS + Σ s_n p_n(1 − p_n) x².
  const precision = new Float64Array(dim).fill(priorPrecision * S);
  let precisionBias = 0;
  for (let r = 0; r < n; r++) {
    const p = sigmoid(margins[r]!);
    const h = s[r]! * p * (1 - p);
    precisionBias += h;
    for (let j = rows.rowPtr[r]!; j < rows.rowPtr[r + 1]!; j++) {
      const v = rows.val[j]!;
      precision[rows.col[j]!]! += h * v * v;
    }
  }
  const weights = new Float64Array(dim);
  for (let c = 0; c < k; c++) weights[touched[c]!] = theta[c]!;
  return { weights, bias: theta[k]!, precision, precisionBias: Math.max(precisionBias, 1e-6), iterations, loss: f };
}

