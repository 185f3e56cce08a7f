import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawItem, rssSource } from '../support/factories';
import { startTestMeili } from '../support/meili';
import { startTestRuntime } from '../support/runtime';
import type { Runtime } from '../../server/runtime';

/**
 * A TCP proxy in front of the real Meilisearch that can "stall": it keeps accepting connections and
 * reading requests but never answers (a hung engine, a half-open network) — worse than "down", where
 * connections are refused at once.
 */
async function stallableProxy(target: string) {
  const up = new URL(target);
  let stalled = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const upstream = net.connect(Number(up.port), up.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    // Bytes are dropped while stalled, in both directions: kept-alive connections hang too.
    client.on('data', (b) => void (stalled || upstream.write(b)));
    upstream.on('data', (b) => void (stalled || client.write(b)));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stall(on: boolean) {
      stalled = on;
      // Connections that carried half a conversation are useless afterwards; the client reconnects.
      if (!on) for (const s of sockets) s.destroy();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

let meili: Awaited<ReturnType<typeof startTestMeili>>;
let proxy: Awaited<ReturnType<typeof stallableProxy>>;
let runtime: Runtime;

beforeAll(async () => {
  meili = await startTestMeili();
  proxy = await stallableProxy(meili.url);
  ({ runtime } = await startTestRuntime({ meili: { url: proxy.url, masterKey: meili.masterKey }, sources: [rssSource('forum')] }));
});

afterAll(async () => {
  proxy?.stall(false);
  await runtime?.close();
  await proxy?.close();
  await meili?.stop();
});

async function search(q: string) {
  const started = performance.now();
  const res = await runtime.app.request(`/api/items?q=${encodeURIComponent(q)}&pageSize=100`);
  const ms = performance.now() - started;
  return { status: res.status, ms, body: (await res.json()) as { total: number; engine: string; code?: string; items: { id: number }[] } };
}

describe('Meilisearch that accepts connections but never answers', () => {
  it('search gives up and answers from SQLite; ingest goes on; the index catches up once the engine answers again', async () => {
    await runtime.crawl.sink.ingest(
      Array.from({ length: 5 }, (_, i) => rawItem({ sourceId: 'forum', title: `停电检修通知 第${i + 1}号`, body: '供电公司计划检修线路' })),
    );
    expect(await runtime.sync.flush(20_000)).toBe(true);
    expect((await search('停电')).body).toMatchObject({ engine: 'search', total: 5 });

    proxy.stall(true);
    // Ingest never waits for the search engine: items go to SQLite and the outbox.
    const during = await runtime.crawl.sink.ingest(
      Array.from({ length: 12 }, (_, i) => rawItem({ sourceId: 'forum', title: `停电抢修进展 第${i + 1}批`, body: '抢修队伍已到场' })),
    );
    expect(during).toEqual({ new: 12, duplicate: 0 });
    expect(runtime.itemsRepo.countItems()).toBe(17);

    // The request is bounded by the client's timeout, then falls back (vitest's test timeout is the
    // bound asserted here; the time taken is printed, never asserted).
    const degraded = await search('停电');
    process.stdout.write(`search with a stalled engine answered ${degraded.status} in ${Math.round(degraded.ms)} ms\n`);
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ engine: 'database', total: 17 });

    const health = await runtime.app.request('/api/health');
    expect(health.status).toBeLessThan(600);
    expect(((await health.json()) as { search: string }).search).toBe('unavailable');

    // A plain listing never touches the engine.
    const list = await runtime.app.request('/api/items?pageSize=5');
    expect(list.status).toBe(200);

    proxy.stall(false);
    expect(await runtime.sync.flush(40_000)).toBe(true);
    const back = await search('停电');
    expect(back.body.engine).toBe('search');
    expect(back.body.total).toBe(17);
    expect(new Set(back.body.items.map((i) => i.id)).size).toBe(17);
  }, 90_000);
});
