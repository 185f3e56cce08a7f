import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSink, IngestApiError } from '../../../crawler/http-sink';

const TOKEN = 't'.repeat(32);
const requests: { method: string; path: string; auth: string | undefined; body: unknown }[] = [];
let failNext = 0;
let server: http.Server;
let apiUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      requests.push({ method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization, body });
      const json = (status: number, value: unknown, type = 'application/json') => res.writeHead(status, { 'content-type': type }).end(JSON.stringify(value));
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { code: 'unauthorized', detail: 'a valid ingest token is required' }, 'application/problem+json');
      if (failNext > 0) {
        failNext--;
        return json(503, { code: 'unavailable', detail: 'try later' });
      }
      if (req.url === '/api/ingest/filter-unknown') return json(200, { urls: (body?.urls as string[]).filter((u) => !u.endsWith('/known')) });
      if (req.url === '/api/ingest/items') return json(200, { new: (body?.items as unknown[]).length, duplicate: 0 });
      if (req.url === '/api/ingest/runs') return json(200, { id: 42 });
      if (req.url === '/api/ingest/runs/42/finish') return json(200, { ok: true });
      return json(404, { code: 'not-found', detail: 'no route' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const sink = () => createHttpSink({ apiUrl, token: TOKEN, sleep: async () => undefined });

describe('createHttpSink', () => {
  it('speaks the ingest routes with a bearer token', async () => {
    requests.length = 0;
    const s = sink();
    expect(await s.startRun('gov')).toBe(42);
    expect(await s.filterUnknownUrls('gov', ['https://a.cn/known', 'https://a.cn/new'])).toEqual(['https://a.cn/new']);
    const item = { sourceId: 'gov', url: 'https://a.cn/new', title: 't', body: 'b', publishedAt: null, author: null, contentHash: 'a'.repeat(64), fetchedAt: '2023-06-04T10:00:00.000Z' };
    expect(await s.ingest([item])).toEqual({ new: 1, duplicate: 0 });
    const stats = { fetched: 1, new: 1, duplicate: 0, failed: 0, lastError: null };
    await s.finishRun(42, stats);
    expect(requests).toEqual([
      { method: 'POST', path: '/api/ingest/runs', auth: `Bearer ${TOKEN}`, body: { sourceId: 'gov' } },
      { method: 'POST', path: '/api/ingest/filter-unknown', auth: `Bearer ${TOKEN}`, body: { sourceId: 'gov', urls: ['https://a.cn/known', 'https://a.cn/new'] } },
      { method: 'POST', path: '/api/ingest/items', auth: `Bearer ${TOKEN}`, body: { items: [item] } },
      { method: 'POST', path: '/api/ingest/runs/42/finish', auth: `Bearer ${TOKEN}`, body: { stats } },
    ]);
  });

  it('splits large URL lists to stay under the server limit', async () => {
    requests.length = 0;
    const urls = Array.from({ length: 2_500 }, (_, i) => `https://a.cn/${i}`);
    expect(await sink().filterUnknownUrls('gov', urls)).toHaveLength(2_500);
    expect(requests.map((r) => (r.body as { urls: string[] }).urls.length)).toEqual([1_000, 1_000, 500]);
  });

  it('retries a 5xx, then succeeds', async () => {
    failNext = 1;
    expect(await sink().startRun('gov')).toBe(42);
  });

  it('surfaces the problem detail of a refused request', async () => {
    const bad = createHttpSink({ apiUrl, token: 'wrong-token-wrong-token', sleep: async () => undefined });
    const err = await bad.startRun('gov').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestApiError);
    expect((err as IngestApiError).status).toBe(401);
    expect((err as Error).message).toContain('unauthorized a valid ingest token is required');
  });
});
