import type { ItemPage, VerdictBody } from '../contracts/api';
import type { Item } from '../contracts/item';
import type { ItemsRepo } from '../repositories/items-repo';
import { NotFoundError } from '../errors';
import type { EventBus } from './event-bus';
import { summarise } from './items-service';

export type QueueStatus = 'pending' | 'decided' | 'all';

/** The rumour desk's queue and verdicts. */
export function createReviewService(deps: {
  items: ItemsRepo;
  events?: EventBus;
  onChanged?: () => void;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return {
    /** Suspected rumours, most likely first, then newest. */
    queue(status: QueueStatus, page: number, pageSize: number): ItemPage {
      const decided = status === 'all' ? undefined : status === 'decided';
      const { items, total } = deps.items.listItems(
        { tag: 'rumor-suspect', decided },
        'score',
        pageSize,
        (page - 1) * pageSize,
      );
      return { items: items.map((it) => summarise(it, null)), total, page, pageSize, engine: 'database' };
    },

    recordVerdict(id: number, body: VerdictBody): Item {
      if (!deps.items.getItem(id)) throw new NotFoundError('item', id);
      deps.items.recordVerdict(id, body.verdict, body.reviewer, body.note?.trim() || null, now().toISOString());
      deps.events?.emit('verdict', { itemId: id });
      deps.onChanged?.();
      return deps.items.getItem(id)!;
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
