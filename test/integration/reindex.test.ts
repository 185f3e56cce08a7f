import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../server/runtime';
import { createSearchIndex, ITEMS_INDEX } from '../../server/repositories/search-index';
import { reindexAll } from '../../server/services/reindex';
import { normaliseText } from '../../server/nlp/normalise';
import { rawItem, rssSource } from '../support/factories';
import { startTestMeili } from '../support/meili';
import { startTestRuntime } from '../support/runtime';

let meili: Awaited<ReturnType<typeof startTestMeili>>;
let runtime: Runtime;

beforeAll(async () => {
  meili = await startTestMeili();
  ({ runtime } = await startTestRuntime({ meili, sources: [rssSource('forum')] }));
});
afterAll(async () => {
  await runtime?.close();
  await meili?.stop();
});

describe('reindex from SQLite', () => {
  it('rebuilds a wiped index into a fresh one, swaps it in, and reports progress', async () => {
    await runtime.crawl.sink.ingest(
      Array.from({ length: 1_234 }, (_, i) => rawItem({ sourceId: 'forum', title: `社区通知 ${i}`, body: `第${i}条 垃圾分类宣传` })),
    );
    expect(await runtime.sync.flush(60_000)).toBe(true);
    const live = createSearchIndex({ url: meili.url, apiKey: meili.masterKey, indexUid: ITEMS_INDEX });
    await live.deleteAll();
    expect(await live.documentCount()).toBe(0);

    const progress: [number, number][] = [];
    const { indexed } = await reindexAll({
      items: runtime.itemsRepo,
      outbox: runtime.outbox,
      live,
      scratch: createSearchIndex({ url: meili.url, apiKey: meili.masterKey, indexUid: `${ITEMS_INDEX}_rebuild` }),
      normalise: normaliseText,
      batchSize: 500,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(indexed).toBe(1_234);
    expect(progress.map((p) => p[0])).toEqual([0, 500, 1_000, 1_234]);
    expect(await live.documentCount()).toBe(1_234);
    const res = await runtime.app.request(`/api/items?q=${encodeURIComponent('垃圾分类')}`);
    expect(((await res.json()) as { total: number; engine: string }).total).toBe(1_234);
  });
});
