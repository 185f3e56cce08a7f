import type { Item, SentimentLabel } from '../contracts/item';
import { NotFoundError } from '../errors';
import type { SentimentRepo } from '../repositories/sentiment-repo';
import type { EventBus } from './event-bus';

/** Analysts correcting an item's sentiment: the label sticks, spreads to the item's copies, and teaches the model. */
export function createSentimentService(deps: {
  sentiment: Pick<SentimentRepo, 'correct'>;
  getItem: (id: number) => Item | null;
  events?: EventBus;
  onChanged?: () => void;
  /** The corrected text and label, for the model to learn from. */
  onLearn?: (example: { itemId: number; label: SentimentLabel }) => void;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return {
    correct(itemId: number, label: SentimentLabel, actor: string): { item: Item; changed: number[] } {
      const changed = deps.sentiment.correct(itemId, label, actor, now().toISOString());
      if (!changed) throw new NotFoundError('item', itemId);
      deps.onChanged?.();
      deps.events?.emit('sentiment', { itemIds: changed });
      deps.onLearn?.({ itemId, label });
      return { item: deps.getItem(itemId)!, changed };
    },
  };
}

export type SentimentService = ReturnType<typeof createSentimentService>;
