import type { ItemKind } from '../contracts/item';
import { normaliseText } from '../nlp/normalise';
import { collectEvidence } from './evidence';
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
}

export interface Tagger {
  tag(input: TagInput): TagResult;
}

export const DEFAULT_THRESHOLD = 0.5;
export const DEFAULT_REBUTTAL_THRESHOLD = 0.5;

/**
 * Rumours and their debunks say what they are near the top; long bodies are articles whose tail
 * adds noise and time, not evidence. The bound keeps tagging cost flat on 100 k-character items.
 */
const MAX_ANALYSED_BODY_CHARS = 20_000;

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
  return {
    tag({ title, body, kind }: TagInput): TagResult {
      // A line break between title and body keeps a phrase from being matched across the two.
      const text = normaliseText(`${title}\n${body.slice(0, MAX_ANALYSED_BODY_CHARS)}`);
      return scoreEvidence(collectEvidence(text), kind, opts);
    },
  };
}
