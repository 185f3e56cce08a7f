import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchUnavailableError } from '../../server/errors';
import { createSearchIndex } from '../../server/repositories/search-index';

/** An overloaded engine answers 408 (its own request timeout) or 429: unavailable, so the API falls back, never a 500. */
let server: http.Server;
let status = 408;
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'overloaded', code: status === 408 ? 'timeout' : 'too_many_search_requests', type: 'system', link: '' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('an overloaded search engine', () => {
  it.each([408, 429, 503])('answering %i is "unavailable", not an error of ours', async (code) => {
    status = code;
    const index = createSearchIndex({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: null });
    await expect(index.search({ q: '停水', page: 1, pageSize: 20 } as never)).rejects.toBeInstanceOf(SearchUnavailableError);
  });
});
