import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/contracts/auth';
import type { Runtime } from '../../server/runtime';
import { generate } from '../bench/aggregates/generate';
import { runLoad } from '../bench/load/load';
import { signIn } from '../support/authed-app';
import { rssSource } from '../support/factories';
import { startTestMeili } from '../support/meili';
import { startTestRuntime } from '../support/runtime';

/**
 * The load benchmark (test/bench/load/run.ts) in small: 20 connections for 5 s over the dashboard's
 * mix with 100 items/s ingested meanwhile. It asserts correctness under concurrency only — no errors,
 * no 5xx, every ingested item stored — never latency (that is the benchmark's to show).
 */
let meili: Awaited<ReturnType<typeof startTestMeili>>;
let runtime: Runtime;
let http: ServerType;
let baseUrl: string;
let token: string;

beforeAll(async () => {
  meili = await startTestMeili();
  ({ runtime } = await startTestRuntime({ meili, sources: [rssSource('load')] }));
  generate(runtime.db, 3_000, Math.floor(Date.now() / 3_600_000) * 3_600_000);
  runtime.outbox.enqueueMany([...runtime.itemsRepo.iterateIds(5_000)].flat(), new Date().toISOString());
  expect(await runtime.sync.flush(60_000)).toBe(true);
  const created = await runtime.app.request('/api/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'load smoke', scopes: ['ingest'] }),
  });
  token = ((await created.json()) as { token: string }).token;
  http = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => http.once('listening', r));
  baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  http?.close();
  await runtime?.close();
  await meili?.stop();
});

describe('dashboard load while ingesting', () => {
  it('20 users (live-event streams open, 2 requests/s each) for 5 s with 100 items/s ingested: no errors, no 5xx, every acknowledged item stored', async () => {
    const roles: Role[] = ['leader', 'analyst', 'editor', 'admin'];
    const sessions = roles.flatMap((role) =>
      [0, 1].map((i) => ({ role, headers: signIn(runtime.db, runtime.services.auth, role, { username: `smoke-${role}-${i}` }).headers })),
    );
    const before = runtime.itemsRepo.countItems();
    const r = await runLoad({
      baseUrl,
      sessions,
      connections: 20,
      seconds: 5,
      ingestRate: 100,
      ingestToken: token,
      sourceId: 'load',
      ratePerConnection: 2,
      eventStreams: 20,
    });
    process.stdout.write(`load smoke: ${JSON.stringify({ http: { ...r.http, statuses: r.http.statuses }, ingest: r.ingest })}\n`);
    expect(r.http.total).toBeGreaterThan(0);
    // Paced users: about 2 requests per second each, never back to back.
    expect(r.http.total).toBeLessThanOrEqual(20 * 2 * 6);
    expect(r.events).toMatchObject({ opened: 20, failed: 0 });
    // The stored items were announced on every stream (at least once each, coalesced).
    expect(r.events.itemsEvents).toBeGreaterThanOrEqual(20);
    expect(r.http.errors).toBe(0);
    expect(r.http.timeouts).toBe(0);
    expect(r.http.fivexx).toBe(0);
    expect(r.http.non2xx).toBe(0);
    expect(r.ingest.failed).toBe(0);
    expect(r.ingest.acked).toBeGreaterThan(0);
    expect(r.ingest.acked).toBe(r.ingest.sent);
    expect(runtime.itemsRepo.countItems()).toBe(before + r.ingest.acked);
  }, 60_000);
});
