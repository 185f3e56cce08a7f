import { SENTIMENT_LABELS, type SentimentLabel } from './model';

/** Accuracy and macro-F1 over the labels present in gold or predictions (pure). */
export interface SentimentScores {
  n: number;
  accuracy: number;
  macroF1: number;
  f1: Partial<Record<SentimentLabel, number>>;
}

export function scoreSentiment(pairs: readonly { gold: SentimentLabel; predicted: SentimentLabel }[]): SentimentScores {
  const n = pairs.length;
  let correct = 0;
  const f1: Partial<Record<SentimentLabel, number>> = {};
  for (const p of pairs) if (p.gold === p.predicted) correct++;
  const scores: number[] = [];
  for (const label of SENTIMENT_LABELS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const p of pairs) {
      if (p.predicted === label && p.gold === label) tp++;
      else if (p.predicted === label) fp++;
      else if (p.gold === label) fn++;
    }
    if (tp + fp + fn === 0) continue;
    const v = (2 * tp) / (2 * tp + fp + fn);
    f1[label] = v;
    scores.push(v);
  }
  return { n, accuracy: n ? correct / n : 0, macroF1: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0, f1 };
}
