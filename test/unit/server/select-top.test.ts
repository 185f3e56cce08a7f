import { describe, expect, it } from 'vitest';
import { selectTop } from '../../../server/lib/select-top';
import { createRng } from '../../support/rng';

describe('selectTop', () => {
  it('gives exactly what sorting everything and taking the first k gives, ties included', () => {
    const r = createRng(7);
    for (const [n, k] of [[0, 5], [3, 5], [20, 5], [1_000, 1], [1_000, 60], [5_000, 80]] as const) {
      const rows = Array.from({ length: n }, (_, id) => ({ id, score: r.int(50) }));
      const compare = (a: (typeof rows)[number], b: (typeof rows)[number]) => b.score - a.score || a.id - b.id;
      expect(selectTop(rows, k, compare), `${n} rows, top ${k}`).toEqual([...rows].sort(compare).slice(0, k));
    }
  });

  it('gives nothing for k below 1 and leaves the rows as they were', () => {
    const rows = [3, 1, 2];
    expect(selectTop(rows, 0, (a, b) => a - b)).toEqual([]);
    expect(selectTop(rows, 2, (a, b) => a - b)).toEqual([1, 2]);
    expect(rows).toEqual([3, 1, 2]);
  });
});
