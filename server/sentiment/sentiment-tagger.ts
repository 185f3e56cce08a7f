import type { ScoredSentiment } from '../contracts/item';
import { lexiconSentiment } from './lexicon-baseline';
import { predictSentiment, type SentimentModel } from './model';

/** Sentiment is read from the title and the start of the body: that is where a post says how it feels. */
const MAX_BODY_CHARS = 1_000;

export interface SentimentScorer {
  score(input: { title: string; body: string; normalised?: string }): ScoredSentiment;
}

/**
 * The item-level sentiment classifier: the trained model when there is one, the built-in word list
 * before that. Pure and shareable; the service around it decides which model is current.
 */
export function createSentimentScorer(model: SentimentModel | null): SentimentScorer {
  return {
    score({ title, body, normalised }) {
      if (!model) {
        const r = lexiconSentiment(normalised ?? `${title}\n${body.slice(0, MAX_BODY_CHARS)}`);
        return { label: r.label, confidence: r.confidence, source: 'lexicon' };
      }
      const p = predictSentiment(model, `${title}\n${body.slice(0, MAX_BODY_CHARS)}`);
      return { label: p.label, confidence: Math.round(p.probabilities[p.label] * 1000) / 1000, source: 'model' };
    },
  };
}
