import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CriticalError, NonRetryableError, RetryableError } from '../../../../crawler/errors';
import { createFetcher, DEFAULT_USER_AGENT } from '../../../../crawler/fetch/fetcher';
import { startFixtureServer, type FixtureServer } from '../../../fixtures/crawler/fixture-server';

const LOCAL = { allowPrivateNetwork: true, delayMs: 0, timeoutMs: 2_000, retries: 2 };
const OK = '<html><body>ok</body></html>';

let site: FixtureServer;
const waits: number[] = [];
// Recorded, not slept: retry tests check the chosen delays without spending them.
const fetcher = createFetcher({ retryBaseMs: 10, retryMaxDelayMs: 40, sleep: async (ms) => void waits.push(ms), random: () => 0.5 });

beforeAll(async () => {
  site = await startFixtureServer({
    '/ok': { body: OK },
    '/flaky': (hit) => (hit === 1 ? { status: 500, body: 'oops' } : { body: '<p>第二次成功</p>' }),
    '/busy': (hit) => (hit === 1 ? { status: 429, headers: { 'retry-after': '120' }, body: '' } : { body: OK }),
    '/down': { status: 503, body: 'down' },
    '/missing': { status: 404, body: 'nope' },
    '/forbidden': { status: 403, body: 'no' },
    '/r1': { status: 301, headers: { location: '/r2' } },
    '/r2': { status: 302, headers: { location: `/final?x=1` } },
    '/final': { body: '<p>终点</p>' },
    '/loop': { status: 302, headers: { location: '/loop' } },
    '/big': { body: 'x'.repeat(3_000) },
    '/big-declared': { body: 'x'.repeat(3_000), headers: { 'content-length': '3000' } },
    '/image': { body: Buffer.from([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' },
    '/feed': { body: '<rss/>', contentType: 'application/rss+xml' },
    // Far longer than the read timeout below: undici times the response head with a coarse (~0.5 s) clock.
    '/slow': { body: OK, delayMs: 3_000 },
    '/gbk': { body: '<html><head><meta charset="gbk"></head><body>区政府通知公告</body></html>', charset: 'gbk', contentType: 'text/html' },
    '/spaced': { body: OK },
  });
});
afterAll(() => site.close());

describe('createFetcher', () => {
  it('fetches, decodes and sends a User-Agent', async () => {
    const page = await fetcher.fetchPage(`${site.url}/ok`, LOCAL);
    expect(page).toMatchObject({ status: 200, text: OK, charset: 'utf-8', url: `${site.url}/ok` });
    expect(site.log.find((l) => l.path === '/ok')?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
  });

  it('decodes a GBK page declared by <meta> only', async () => {
    const page = await fetcher.fetchPage(`${site.url}/gbk`, LOCAL);
    expect(page.text).toContain('区政府通知公告');
    expect(page).toMatchObject({ charset: 'gb18030', charsetSource: 'meta' });
  });

  it('retries a 500 and succeeds on the second attempt, after a jittered backoff', async () => {
    waits.length = 0;
    const page = await fetcher.fetchPage(`${site.url}/flaky`, LOCAL);
    expect(page.text).toContain('第二次成功');
    expect(site.hits.get('/flaky')).toBe(2);
    expect(waits).toEqual([8]); // base 10 × 2^0, equal jitter at random()=0.5 → 5 + 2.5, rounded
  });

  it('honours Retry-After on 429, capped, by holding the whole host', async () => {
    waits.length = 0;
    await fetcher.fetchPage(`${site.url}/busy`, LOCAL);
    expect(site.hits.get('/busy')).toBe(2);
    // The host queue does the waiting (so other requests to the host wait too): 40 ms less the time since the 429.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(20);
    expect(waits[0]).toBeLessThanOrEqual(40);
  });

  it('gives up after the configured retries with a RetryableError', async () => {
    const err = await fetcher.fetchPage(`${site.url}/down`, { ...LOCAL, retries: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ status: 503, url: `${site.url}/down` });
    expect(site.hits.get('/down')).toBe(3);
  });

  it('does not retry a 404 or 403', async () => {
    const err = await fetcher.fetchPage(`${site.url}/missing`, LOCAL).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetryableError);
    expect((err as NonRetryableError).status).toBe(404);
    expect(site.hits.get('/missing')).toBe(1);
    await expect(fetcher.fetchPage(`${site.url}/forbidden`, LOCAL)).rejects.toThrow(/HTTP 403/);
    expect(site.hits.get('/forbidden')).toBe(1);
  });

  it('follows redirects by hand and reports the final URL', async () => {
    const page = await fetcher.fetchPage(`${site.url}/r1`, LOCAL);
    expect(page.text).toContain('终点');
    expect(page.url).toBe(`${site.url}/final?x=1`);
    expect(page.requestedUrl).toBe(`${site.url}/r1`);
  });

  it('stops after 5 redirects', async () => {
    await expect(fetcher.fetchPage(`${site.url}/loop`, LOCAL)).rejects.toThrow(/too many redirects/);
    expect(site.hits.get('/loop')).toBe(6);
  });

  it('aborts bodies over the size limit, declared or streamed', async () => {
    const small = createFetcher({ maxBodyBytes: 1_000 });
    await expect(small.fetchPage(`${site.url}/big`, LOCAL)).rejects.toThrow(/too big: more than 1000 bytes/);
    await expect(small.fetchPage(`${site.url}/big-declared`, LOCAL)).rejects.toThrow(/too big: 3000 bytes/);
    await expect(small.fetchPage(`${site.url}/ok`, LOCAL)).resolves.toMatchObject({ status: 200 });
  });

  it('skips content that is neither HTML nor XML, but reads feeds', async () => {
    const err = await fetcher.fetchPage(`${site.url}/image`, LOCAL).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetryableError);
    expect((err as Error).message).toMatch(/content type image\/png is not HTML or XML/);
    await expect(fetcher.fetchPage(`${site.url}/feed`, LOCAL)).resolves.toMatchObject({ text: '<rss/>' });
  });

  it('times out slow responses as retryable, saying which timeout fired', async () => {
    const err = await fetcher.fetchPage(`${site.url}/slow`, { ...LOCAL, timeoutMs: 100, retries: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect((err as Error).message).toBe('timed out after 100 ms with no data (read timeout)');
  });

  it('classifies a refused connection as retryable', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    // ownSite: no robots.txt request first, so the page request itself meets the refused connection.
    const err = await fetcher.fetchPage(`http://127.0.0.1:${port}/`, { ...LOCAL, retries: 0, ownSite: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect((err as Error).message).toMatch(/network error/);
    // Otherwise robots.txt is asked first, cannot be read, and the host stays closed for now.
    const viaRobots = await fetcher.fetchPage(`http://127.0.0.1:${port}/`, { ...LOCAL, retries: 0 }).catch((e: unknown) => e);
    expect((viaRobots as Error).message).toMatch(/robots\.txt could not be read \(network error/);
  });

  it('refuses loopback and private hosts unless the source allows them', async () => {
    const before = site.hits.get('/ok');
    await expect(fetcher.fetchPage(`${site.url}/ok`, { ...LOCAL, allowPrivateNetwork: false })).rejects.toThrow(/loopback\/private/);
    await expect(fetcher.fetchPage(site.url.replace('127.0.0.1', 'localhost') + '/ok', { ...LOCAL, allowPrivateNetwork: false })).rejects.toThrow(NonRetryableError);
    expect(site.hits.get('/ok')).toBe(before);
    const tricked = createFetcher({ resolveHost: async () => ['93.184.216.34', '169.254.169.254'] });
    await expect(tricked.fetchPage('http://metadata.example.com/latest', { ...LOCAL, allowPrivateNetwork: false })).rejects.toThrow(/169\.254\.169\.254/);
  });

  it('refuses a non-http URL as a configuration error', async () => {
    await expect(fetcher.fetchPage('file:///etc/passwd', LOCAL)).rejects.toBeInstanceOf(CriticalError);
  });

  it('spaces requests to one host by delayMs, one at a time', async () => {
    const polite = createFetcher();
    const start = site.log.length;
    await Promise.all([1, 2, 3].map(() => polite.fetchPage(`${site.url}/spaced`, { ...LOCAL, delayMs: 60 })));
    const times = site.log.slice(start).filter((l) => l.path === '/spaced').map((l) => l.at);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(55);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(55);
  });
});

