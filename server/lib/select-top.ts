/**
 * The k smallest rows under `compare`, in order, without sorting them all: ranking a few dozen out of
 * thousands (stories, words) is a pass with a short sorted buffer. Same result as sort + slice.
 */
export function selectTop<T>(rows: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k < 1) return [];
  if (rows.length <= k * 4) return [...rows].sort(compare).slice(0, k);
  const best: T[] = [];
  for (const row of rows) {
    if (best.length === k && compare(row, best[k - 1]!) >= 0) continue;
    let i = best.length;
    while (i > 0 && compare(row, best[i - 1]!) < 0) i--;
    best.splice(i, 0, row);
    if (best.length > k) best.pop();
  }
  return best;
}
