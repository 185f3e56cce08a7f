/**
 * Which of a fixed set of terms occur anywhere in a text, overlaps included ("地铁" inside
 * "地铁站" counts for both), in one pass: terms are bucketed by their first UTF-16 unit, so each
 * position costs one map look-up plus a startsWith per term starting with that unit. Unlike the
 * leftmost-longest phrase matcher, nothing hides anything, which is what boolean topic rules need.
 */
export interface TermScanner {
  /** Ids (indexes into the term list) of the terms present, each once, ascending. */
  present(text: string): number[];
  readonly size: number;
}

export function createTermScanner(terms: readonly string[]): TermScanner {
  const buckets = new Map<number, number[]>();
  terms.forEach((t, id) => {
    if (t.length === 0) throw new Error('empty term');
    const key = t.charCodeAt(0);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(id);
    else buckets.set(key, [id]);
  });
  const seen = new Uint8Array(terms.length);

  return {
    size: terms.length,
    present(text: string): number[] {
      if (terms.length === 0) return [];
      const found: number[] = [];
      for (let i = 0; i < text.length; i++) {
        const bucket = buckets.get(text.charCodeAt(i));
        if (bucket === undefined) continue;
        for (const id of bucket) {
          if (seen[id] === 0 && text.startsWith(terms[id] as string, i)) {
            seen[id] = 1;
            found.push(id);
          }
        }
        if (found.length === terms.length) break;
      }
      for (const id of found) seen[id] = 0;
      return found.sort((a, b) => a - b);
    },
  };
}
