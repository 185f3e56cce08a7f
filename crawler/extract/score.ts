/**
 * The extraction scorer, as the shared data's README defines it so figures compare across tools:
 * body = F1 of character-bigram multisets after removing whitespace; publish time = correct at the
 * precision of the truth value; title = bigram F1 ≥ 0.9; author = one contains the other after
 * removing whitespace. A null truth field is not scored. Pure: no I/O.
 */

/** The four fields, as written to --out and as read from truth files. Times are local wall-clock. */
export interface ExtractionRecord {
  title: string | null;
  /** "2023", "2023-06", "2023-06-04", "2023-06-04T18:45" or with seconds: as precise as known. */
  publish_time: string | null;
  author_or_source: string | null;
  body_text: string | null;
}

export interface PageScore {
  title?: boolean;
  publishTime?: boolean;
  author?: boolean;
  bodyF1?: number;
}

export function removeWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Character bigrams with counts; a one-character string counts as its own unigram. */
export function bigramCounts(text: string): Map<string, number> {
  const chars = Array.from(removeWhitespace(text));
  const counts = new Map<string, number>();
  if (chars.length === 1) counts.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const key = chars[i]! + chars[i + 1]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Precision and recall of the predicted bigram multiset against the truth's (for diagnosis: too
 * much text or too little). Both 1 when both texts are empty, 0 when only one is.
 */
export function bigramPrecisionRecall(predicted: string, truth: string): { precision: number; recall: number } {
  const p = bigramCounts(predicted);
  const t = bigramCounts(truth);
  let pTotal = 0;
  let tTotal = 0;
  let overlap = 0;
  for (const n of p.values()) pTotal += n;
  for (const [key, n] of t) {
    tTotal += n;
    overlap += Math.min(n, p.get(key) ?? 0);
  }
  if (pTotal === 0 && tTotal === 0) return { precision: 1, recall: 1 };
  return { precision: pTotal === 0 ? 0 : overlap / pTotal, recall: tTotal === 0 ? 0 : overlap / tTotal };
}

/** F1 of the two bigram multisets; 1 when both are empty, 0 when only one is. */
export function bigramF1(predicted: string, truth: string): number {
  const { precision, recall } = bigramPrecisionRecall(predicted, truth);
  if (precision === 0 || recall === 0) return 0;
  return (2 * precision * recall) / (precision + recall);
}

export function titleCorrect(predicted: string | null, truth: string): boolean {
  return bigramF1(predicted ?? '', truth) >= 0.9;
}

export function authorCorrect(predicted: string | null, truth: string): boolean {
  const p = removeWhitespace(predicted ?? '');
  const t = removeWhitespace(truth);
  if (!p || !t) return false;
  return p.includes(t) || t.includes(p);
}

/**
 * Truth times are local ("2005-07-31T12:30") at the annotator's precision: a year, a month, a day
 * or a minute. Seconds in a truth value are compared at the minute, as the data's README describes
 * its precisions as year, day or minute. A prediction less precise than the truth is wrong.
 */
export function publishTimeCorrect(predicted: string | null, truth: string): boolean {
  if (!predicted) return false;
  const n = truth.length >= 16 ? 16 : truth.length >= 10 ? 10 : truth.length >= 7 ? 7 : 4;
  const p = predicted.replace(' ', 'T');
  return p.length >= n && p.slice(0, n) === truth.replace(' ', 'T').slice(0, n);
}

export function scorePage(predicted: ExtractionRecord, truth: ExtractionRecord): PageScore {
  const score: PageScore = {};
  if (truth.title !== null) score.title = titleCorrect(predicted.title, truth.title);
  if (truth.publish_time !== null) score.publishTime = publishTimeCorrect(predicted.publish_time, truth.publish_time);
  if (truth.author_or_source !== null) score.author = authorCorrect(predicted.author_or_source, truth.author_or_source);
  if (truth.body_text !== null) score.bodyF1 = bigramF1(predicted.body_text ?? '', truth.body_text);
  return score;
}

export interface FieldSummary {
  /** Pages where the truth gave this field. */
  n: number;
  /** Accuracy (title, time, author) or mean F1 (body); null when n = 0. */
  value: number | null;
}

export interface ScoreSummary {
  pages: number;
  title: FieldSummary;
  publishTime: FieldSummary;
  author: FieldSummary;
  bodyF1: FieldSummary;
}

function mean(values: number[]): FieldSummary {
  if (values.length === 0) return { n: 0, value: null };
  return { n: values.length, value: values.reduce((a, b) => a + b, 0) / values.length };
}

const asNumber = (b: boolean): number => (b ? 1 : 0);

export function summarise(scores: readonly PageScore[]): ScoreSummary {
  const pick = <K extends keyof PageScore>(key: K): NonNullable<PageScore[K]>[] =>
    scores.map((s) => s[key]).filter((v): v is NonNullable<PageScore[K]> => v !== undefined);
  return {
    pages: scores.length,
    title: mean(pick('title').map(asNumber)),
    publishTime: mean(pick('publishTime').map(asNumber)),
    author: mean(pick('author').map(asNumber)),
    bodyF1: mean(pick('bodyF1')),
  };
}
