import type { ScoredSentiment } from '../contracts/item';
import { lexiconSentiment } from './lexicon-baseline';
import { predictSentiment, predictSentimentNormalised, prepareSentimentModel, type SentimentModel } from './model';

/**
 * Sentiment is read from the title and the start of the body: that is where a post says how it feels
 * and an article sets its tone, and what the model learnt from (Weibo posts, 99 % under 300
 * characters). It also bounds the cost: a whole article cost up to ten times a post.
 */
export const MAX_BODY_CHARS = 500;

export interface SentimentScorer {
  /** `normalised`, when given, is normaliseText(`${title}\n${body}`) (at least its first MAX_BODY_CHARS of body). */
  score(input: { title: string; body: string; normalised?: string }): ScoredSentiment;
}

/**
 * The item-level sentiment classifier: the trained model when there is one, the built-in word list
 * before that. Pure and shareable; the service around it decides which model is current. The model's
 * lookup table is built here, when the model is put to use, not in the first ingest batch.
 */
export function createSentimentScorer(model: SentimentModel | null): SentimentScorer {
  if (model) prepareSentimentModel(model);
  return {
    score({ title, body, normalised }) {
      // The tagger's normalised text (title, line break, body) cut to the same length: normalising
      // rarely changes a text's length, and a long article is not normalised a second time.
      const read = normalised?.slice(0, title.length + 1 + MAX_BODY_CHARS);
      if (!model) {
        const r = lexiconSentiment(read ?? `${title}\n${body.slice(0, MAX_BODY_CHARS)}`);
        return { label: r.label, confidence: r.confidence, source: 'lexicon' };
      }
      const p = read !== undefined
        ? predictSentimentNormalised(model, read)
        : predictSentiment(model, `${title}\n${body.slice(0, MAX_BODY_CHARS)}`);
      return { label: p.label, confidence: Math.round(p.probabilities[p.label] * 1000) / 1000, source: 'model' };
    },
  };
}
