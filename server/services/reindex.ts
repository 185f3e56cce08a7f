import type { ItemsRepo } from '../repositories/items-repo';
import type { OutboxRepo } from '../repositories/outbox-repo';
import { toSearchDoc, type SearchIndex } from '../repositories/search-index';

/**
 * Rebuilds the search index from SQLite into a fresh index, then swaps it in atomically, so search
 * keeps answering during the rebuild. Items stored meanwhile are queued again for the live index.
 */
export async function reindexAll(deps: {
  items: ItemsRepo;
  outbox: OutboxRepo;
  live: SearchIndex;
  scratch: SearchIndex;
  normalise: (s: string) => string;
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}): Promise<{ indexed: number }> {
  const total = deps.items.countItems();
  await deps.live.ensureIndex();
  await deps.scratch.drop().catch(() => undefined);
  await deps.scratch.ensureIndex();
  let done = 0;
  let lastId = 0;
  deps.onProgress?.(0, total);
  for (const ids of deps.items.iterateIds(deps.batchSize ?? 1_000)) {
    const docs = deps.items.getItemsByIds(ids).map((it) => toSearchDoc(it, deps.normalise));
    await deps.scratch.upsert(docs, 600_000);
    done += docs.length;
    lastId = ids[ids.length - 1]!;
    deps.onProgress?.(done, Math.max(total, done));
  }
  await deps.live.swapWith(deps.scratch.uid);
  await deps.scratch.drop();
  for (const late of deps.items.iterateIds(1_000, lastId)) deps.outbox.enqueueMany(late, new Date().toISOString());
  return { indexed: done };
}
