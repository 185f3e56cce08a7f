/**
 * The windowed part of claim similarity: given where each of a claim's bigrams occurs in an item,
 * the largest total weight of distinct claim bigrams inside any stretch of the item of a given
 * length. One sort and one two-pointer sweep; scratch arrays are reused across calls.
 */
export interface ClaimWindow {
  /** Starts a claim with `count` distinct bigrams. */
  reset(count: number): void;
  /** Bigram j of the claim, with its two weights, occurs at item bigram position pos. */
  push(pos: number, j: number, a: number, b: number): void;
  /**
   * The best min(found a-weight / totalA, found b-weight / totalB) over windows of `units`
   * consecutive units; sets span.
   */
  best(units: number, totalA: number, totalB: number): number;
  /** Bigram positions of the first and last occurrence inside the best window. */
  readonly span: { from: number; to: number };
}

export function createClaimWindow(): ClaimWindow {
  let keys = new Float64Array(256);
  let wa = new Float64Array(64);
  let wb = new Float64Array(64);
  let counts = new Int32Array(64);
  let n = 0;
  const span = { from: 0, to: 0 };

  return {
    span,
    reset(count) {
      n = 0;
      if (wa.length < count) {
        wa = new Float64Array(count * 2);
        wb = new Float64Array(count * 2);
        counts = new Int32Array(count * 2);
      }
      counts.fill(0, 0, count);
    },
    push(pos, j, a, b) {
      if (n === keys.length) {
        const k = new Float64Array(n * 2);
        k.set(keys);
        keys = k;
      }
      // j < 65,536 (claims are capped well below): one number sorts by position, then bigram.
      keys[n++] = pos * 65_536 + j;
      wa[j] = a;
      wb[j] = b;
    },
    best(units, totalA, totalB) {
      const maxSpan = Math.max(0, units - 2); // a bigram at p covers units p and p + 1
      const ev = keys.subarray(0, n).sort();
      let massA = 0;
      let massB = 0;
      let best = 0;
      let lo = 0;
      span.from = 0;
      span.to = 0;
      for (let hi = 0; hi < n; hi++) {
        const k = ev[hi]!;
        const pos = Math.floor(k / 65_536);
        const j = k - pos * 65_536;
        if (counts[j]!++ === 0) {
          massA += wa[j]!;
          massB += wb[j]!;
        }
        while (pos - Math.floor(ev[lo]! / 65_536) > maxSpan) {
          const kl = ev[lo++]!;
          const jl = kl - Math.floor(kl / 65_536) * 65_536;
          if (--counts[jl]! === 0) {
            massA -= wa[jl]!;
            massB -= wb[jl]!;
          }
        }
        const score = Math.min(massA / totalA, massB / totalB);
        if (score > best + 1e-12) {
          best = score;
          span.from = Math.floor(ev[lo]! / 65_536);
          span.to = pos;
        }
      }
      // Sums taken in another order than the totals differ in the last bits: 0.9999999999999997 is 1.
      return Math.min(1, Math.round(best * 1e9) / 1e9);
    },
  };
}

/** The k slots with the highest scores offered, by a min-heap (ties: the lower slot wins). */
export interface TopK {
  clear(): void;
  offer(slot: number, score: number): void;
  /** The kept slots, in no particular order. */
  slots(): Int32Array;
}

export function createTopK(k: number): TopK {
  const slots = new Int32Array(k);
  const scores = new Float64Array(k);
  let n = 0;
  const less = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && slots[a]! > slots[b]!);
  const swap = (a: number, b: number) => {
    const s = slots[a]!;
    slots[a] = slots[b]!;
    slots[b] = s;
    const v = scores[a]!;
    scores[a] = scores[b]!;
    scores[b] = v;
  };
  function down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && less(l, m)) m = l;
      if (r < n && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  }
  return {
    clear() {
      n = 0;
    },
    offer(slot, score) {
      if (n < k) {
        slots[n] = slot;
        scores[n] = score;
        for (let i = n++; i > 0; ) {
          const p = (i - 1) >> 1;
          if (!less(i, p)) break;
          swap(i, p);
          i = p;
        }
        return;
      }
      if (score < scores[0]! || (score === scores[0] && slot > slots[0]!)) return;
      slots[0] = slot;
      scores[0] = score;
      down(0);
    },
    slots: () => slots.subarray(0, n),
  };
}
