import { describe, expect, it } from 'vitest';
import { RetryableError } from '../../../../crawler/errors';
import { createFetcher } from '../../../../crawler/fetch/fetcher';
import { startFullBacklogPort, startMisbehavingServer } from '../../../support/fixture-site';

/**
 * Connect, read (idle) and total timeouts against servers that misbehave on 127.0.0.1. Each
 * timeout is retryable and says which one fired. undici times connecting and the response head
 * with a coarse timer (about half a second of slack), so the bounds below are loose on purpose.
 */
const LOCAL = { allowPrivateNetwork: true, ownSite: true, delayMs: 0, retries: 0 };

async function timed<T>(run: () => Promise<T>): Promise<{ err: unknown; ms: number }> {
  const start = Date.now();
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  return { err, ms: Date.now() - start };
}

describe('fetch timeouts', () => {
  it('read timeout: a server that accepts the connection and never answers', async () => {
    const server = await startMisbehavingServer('silent');
    try {
      const { err, ms } = await timed(() => createFetcher().fetchPage(`${server.url}/`, { ...LOCAL, timeoutMs: 500 }));
      expect(err).toBeInstanceOf(RetryableError);
      expect((err as Error).message).toBe('timed out after 500 ms with no data (read timeout)');
      expect(ms).toBeGreaterThanOrEqual(450);
      expect(ms).toBeLessThan(5_000);
      // Retryable, so retried: one request per attempt.
      await createFetcher({ retryBaseMs: 1 }).fetchPage(`${server.url}/`, { ...LOCAL, timeoutMs: 500, retries: 1 }).catch(() => undefined);
      expect(server.requests()).toBe(3);
    } finally {
      await server.close();
    }
  });

  it('read timeout: a body that stops halfway', async () => {
    const server = await startMisbehavingServer('stall');
    try {
      const { err, ms } = await timed(() => createFetcher().fetchPage(`${server.url}/`, { ...LOCAL, timeoutMs: 500 }));
      expect(err).toBeInstanceOf(RetryableError);
      expect((err as Error).message).toBe('timed out after 500 ms with no data (read timeout)');
      expect(ms).toBeGreaterThanOrEqual(450);
      expect(ms).toBeLessThan(5_000);
    } finally {
      await server.close();
    }
  });

  it('total cap: a server dripping a byte every 100 ms never trips the read timeout, and still ends', async () => {
    const server = await startMisbehavingServer('drip', { dripEveryMs: 100 });
    try {
      const fetcher = createFetcher({ totalTimeoutMs: 1_500 });
      const { err, ms } = await timed(() => fetcher.fetchPage(`${server.url}/`, { ...LOCAL, timeoutMs: 500 }));
      expect(err).toBeInstanceOf(RetryableError);
      expect((err as Error).message).toBe('timed out after 1500 ms in total (the response was still arriving)');
      expect(ms).toBeGreaterThanOrEqual(1_450);
      expect(ms).toBeLessThan(5_000);
      // The crawler hung up rather than leaving the connection open.
      await expect.poll(() => server.hangUps()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('connect timeout: a port whose accept queue is full never completes the handshake', async () => {
    const port = await startFullBacklogPort();
    try {
      const { err, ms } = await timed(() => createFetcher().fetchPage(`http://127.0.0.1:${port.port}/`, { ...LOCAL, connectTimeoutMs: 500, timeoutMs: 10_000 }));
      expect(err).toBeInstanceOf(RetryableError);
      expect((err as Error).message).toBe('connect timed out after 500 ms');
      expect(ms).toBeGreaterThanOrEqual(450);
      expect(ms).toBeLessThan(5_000);
    } finally {
      await port.close();
    }
  });

  it('connect timeout: a name whose lookup never answers (the timer covers the lookup too)', async () => {
    const fetcher = createFetcher({ resolveHost: () => new Promise<string[]>(() => undefined) });
    const { err, ms } = await timed(() => fetcher.fetchPage('http://stuck-dns.test:8080/', { ...LOCAL, connectTimeoutMs: 500 }));
    expect(err).toBeInstanceOf(RetryableError);
    expect((err as Error).message).toBe('connect timed out after 500 ms');
    expect(ms).toBeLessThan(5_000);
  });

  it('a custom HTTP client gets the read timeout and the total cap from the fetcher', async () => {
    const server = await startMisbehavingServer('silent');
    try {
      const fetcher = createFetcher({ fetch: (input, init) => fetch(input, init) });
      const { err, ms } = await timed(() => fetcher.fetchPage(`${server.url}/`, { ...LOCAL, timeoutMs: 500 }));
      expect((err as Error).message).toBe('timed out after 500 ms with no data (read timeout)');
      expect(ms).toBeLessThan(2_000);
    } finally {
      await server.close();
    }
  });
});
