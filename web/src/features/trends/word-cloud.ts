export interface CloudWord {
  word: string;
  count: number;
  /** Font size in px. */
  size: number;
  /** 0 (least frequent shown) … 1 (most frequent). */
  weight: number;
}

/**
 * A weighted tag cloud in plain HTML: font size on a log scale between min and max px, the biggest
 * words in the middle of the run (order: …4 2 0 1 3…) so the cloud reads as a cloud, not a ranking.
 * Pure and deterministic.
 */
export function cloudLayout(words: readonly { word: string; count: number }[], opts: { min?: number; max?: number; limit?: number } = {}): CloudWord[] {
  const min = opts.min ?? 13;
  const max = opts.max ?? 34;
  const ranked = [...words]
    .filter((w) => w.count > 0 && w.word.trim())
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, opts.limit ?? 60);
  if (ranked.length === 0) return [];
  const hi = Math.log(ranked[0]!.count + 1);
  const lo = Math.log(ranked[ranked.length - 1]!.count + 1);
  const sized = ranked.map((w) => {
    const weight = hi === lo ? 1 : (Math.log(w.count + 1) - lo) / (hi - lo);
    return { word: w.word, count: w.count, weight: Math.round(weight * 100) / 100, size: Math.round(min + weight * (max - min)) };
  });
  const left: CloudWord[] = [];
  const right: CloudWord[] = [];
  sized.forEach((w, i) => (i % 2 === 0 ? left : right).push(w));
  return [...left.reverse(), ...right];
}
