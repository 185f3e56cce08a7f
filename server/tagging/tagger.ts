import type { ItemKind } from '../contracts/item';
import { normaliseText } from '../nlp/normalise';
import { analyseNormalised } from './classifier/explain';
import type { ClassifierModel } from './classifier/model';
import { collectEvidence } from './evidence';
import { findPriceGouging, priceGougingReason } from './price-gouging';
import { scoreEvidence, type TagResult } from './score';

export type { TagResult } from './score';

export interface TagInput {
  title: string;
  body: string;
  kind: ItemKind;
}

export interface TaggerOptions {
  /** Rumour score at or above which 'rumor-suspect' is set. Default 0.5. */
  threshold?: number;
  /** Rebuttal score at or above which 'rebuttal' is set. Default 0.5. */
  rebuttalThreshold?: number;
  /**
   * A trained statistical model (classifier/). With it the score blends the model's probability with
   * the lexicon and a 'classifier' reason names the n-grams behind it; without it the tagger is the
   * lexicon alone, exactly as before models existed.
   */
  classifier?: ClassifierModel;
}

export interface Tagger {
  /** Also returns the normalised text it read, for the steps after it (claim matching). */
  tag(input: TagInput): TagResult & { normalised: string };
}

export const DEFAULT_THRESHOLD = 0.5;
export const DEFAULT_REBUTTAL_THRESHOLD = 0.5;

/**
 * Rumours and their debunks say what they are near the top; long bodies are articles whose tail
 * adds noise and time, not evidence. The bound keeps tagging cost flat on 100 k-character items.
 */
export const MAX_ANALYSED_BODY_CHARS = 20_000;

/**
 * Below this probability the classifier's reason carries no phrases: nobody reads why an item was
 * cleared, and most items are cleared, so they skip building the strings.
 */
const EXPLAIN_FROM = 0.2;

/**
 * The text the tagger reads for an item, before normalisation. Training on editors' verdicts must
 * use it too, so the model learns from exactly what it will later be asked about.
 * A line break between title and body keeps a phrase from being matched across the two.
 */
export function taggedText(title: string, body: string): string {
  return `${title}\n${body.slice(0, MAX_ANALYSED_BODY_CHARS)}`;
}

function checkThreshold(name: string, value: number): number {
  if (!(value > 0 && value <= 1)) throw new RangeError(`${name} must be in (0, 1], got ${value}`);
  return value;
}

/** The rumour tagger: pure (text in, result out), deterministic, safe to share between requests. */
export function createTagger(options: TaggerOptions = {}): Tagger {
  const opts = {
    threshold: checkThreshold('threshold', options.threshold ?? DEFAULT_THRESHOLD),
    rebuttalThreshold: checkThreshold('rebuttalThreshold', options.rebuttalThreshold ?? DEFAULT_REBUTTAL_THRESHOLD),
  };
  const model = options.classifier;
  return {
    tag({ title, body, kind }: TagInput): TagResult & { normalised: string } {
      const text = normaliseText(taggedText(title, body));
      const evidence = collectEvidence(text);
      let result: TagResult;
      if (!model) result = scoreEvidence(evidence, kind, opts);
      else {
        const { probability, ngrams } = analyseNormalised(model, text, EXPLAIN_FROM);
        result = scoreEvidence(evidence, kind, opts, { probability, ngrams, blend: model.blend });
      }
      const gouging = findPriceGouging(text, kind);
      if (gouging.length === 0) return { ...result, normalised: text };
      return { ...result, tags: [...result.tags, 'price-gouging'], reasons: [...result.reasons, priceGougingReason(gouging)], normalised: text };
    },
  };
}
