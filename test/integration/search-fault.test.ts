import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startManagedMeili } from '../../server/search/meili-process';
import { rawItem, rssSource } from '../support/factories';
import { startTestMeili } from '../support/meili';
import { startTestRuntime } from '../support/runtime';
import type { Runtime } from '../../server/runtime';

let meili: Awaited<ReturnType<typeof startTestMeili>>;
let restarted: Awaited<ReturnType<typeof startManagedMeili>> | null = null;
let runtime: Runtime;

async function search(q: string) {
  const res = await runtime.app.request(`/api/items?q=${encodeURIComponent(q)}&pageSize=100`);
  return (await res.json()) as { total: number; engine: string; items: { id: number; title: string }[] };
}

beforeAll(async () => {
  meili = await startTestMeili();
  ({ runtime } = await startTestRuntime({ meili, sources: [rssSource('forum')] }));
});

afterAll(async () => {
  await runtime?.close();
  await restarted?.stop();
  await meili?.stop();
});

describe('Meilisearch stopped while items are ingested', () => {
  it('keeps every item in SQLite, then indexes all of them once it is back: none lost, none duplicated', async () => {
    await runtime.crawl.sink.ingest(
      Array.from({ length: 5 }, (_, i) => rawItem({ sourceId: 'forum', title: `防汛值班安排 第${i + 1}号`, body: '各街道做好防汛准备' })),
    );
    expect(await runtime.sync.flush(20_000)).toBe(true);
    expect((await search('防汛')).total).toBe(5);

    const port = Number(new URL(meili.url).port);
    await meili.stop();
    const during = await runtime.crawl.sink.ingest(
      Array.from({ length: 20 }, (_, i) => rawItem({ sourceId: 'forum', title: `防汛物资发放 第${i + 1}批`, body: '社区发放沙袋' })),
    );
    expect(during).toEqual({ new: 20, duplicate: 0 });
    expect(runtime.itemsRepo.countItems()).toBe(25);
    await runtime.sync.drainOnce();
    expect(runtime.outbox.pendingCount()).toBe(20);

    // Search still answers, from SQLite, and says so.
    const degraded = await search('防汛');
    expect(degraded.engine).toBe('database');
    expect(degraded.total).toBe(25);
    const health = (await (await runtime.app.request('/api/health')).json()) as { status: string; search: string; outboxPending: number };
    expect(health).toMatchObject({ status: 'degraded', search: 'unavailable', outboxPending: 20 });

    restarted = await startManagedMeili({ dataDir: meili.dir, port });
    expect(await runtime.sync.flush(30_000)).toBe(true);
    const back = await search('防汛');
    expect(back.engine).toBe('search');
    expect(back.total).toBe(25);
    expect(new Set(back.items.map((i) => i.id)).size).toBe(25);
    expect(await runtime.search.index.documentCount()).toBe(25);
  });
});
