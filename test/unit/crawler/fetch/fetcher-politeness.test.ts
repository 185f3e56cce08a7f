import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { NonRetryableError, SkippedError } from '../../../../crawler/errors';
import { createFetcher, type FetcherOptions } from '../../../../crawler/fetch/fetcher';
import type { Validators, ValidatorStore } from '../../../../crawler/fetch/validators';
import { startVirtualWeb, type VirtualWeb } from '../../../fixtures/crawler/virtual-web';

const POLICY = { delayMs: 0, timeoutMs: 2_000, retries: 0, allowPrivateNetwork: false };
const PAGE = '<html><body><p>正文</p></body></html>';

let web: VirtualWeb;
let versions = 0;

beforeAll(async () => {
  web = await startVirtualWeb(
    {
      'gov.test': {
        '/robots.txt': { contentType: 'text/plain', body: 'User-agent: *\nDisallow: /internal/\nCrawl-delay: 0.15\n' },
        '/ok': { body: PAGE },
        '/internal/a': { body: PAGE },
        '/to-metadata': { status: 301, headers: { location: '/hop' } },
        '/hop': { status: 302, headers: { location: 'http://metadata.test/latest/meta-data/' } },
        '/to-lan': { status: 307, headers: { location: 'http://10.1.2.3/admin' } },
        '/to-disallowed': { status: 302, headers: { location: '/internal/a' } },
        '/report.pdf': { body: '%PDF-1.4', contentType: 'application/pdf' },
        '/garbled': { body: Buffer.from('<html><body>锟斤拷锟斤拷锟斤拷烫烫烫</body></html>'), contentType: 'text/html; charset=utf-8' },
      },
      'own.test': {
        '/robots.txt': { contentType: 'text/plain', body: 'User-agent: *\nDisallow: /\n' },
        '/notice': { body: PAGE },
      },
      'down.test': {
        '/robots.txt': { status: 503, body: 'maintenance' },
        '/page': { body: PAGE },
      },
      'cond.test': {
        '/list': (_hit, req) => {
          const etag = `"v${versions}"`;
          if (req.headers['if-none-match'] === etag) return { status: 304 };
          return { body: `<p>version ${versions}</p>`, headers: { etag, 'last-modified': 'Sun, 04 Jun 2023 10:00:00 GMT' } };
        },
      },
      '127.0.0.1': { '/secret': { body: '<p>internal secret</p>' } },
    },
    { privateNames: { 'metadata.test': '169.254.169.254' } },
  );
});
afterAll(() => web.close());

function fetcherFor(extra: FetcherOptions = {}) {
  return createFetcher({ fetch: web.fetch, resolveHost: web.resolveHost, retryBaseMs: 1, ...extra });
}

describe('robots.txt', () => {
  it('fetches robots.txt once per host and refuses disallowed URLs without requesting them', async () => {
    const fetcher = fetcherFor();
    await expect(fetcher.fetchPage(web.url('gov.test', '/ok'), POLICY)).resolves.toMatchObject({ status: 200 });
    const err = await fetcher.fetchPage(web.url('gov.test', '/internal/a'), POLICY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SkippedError);
    expect(err).toMatchObject({ reason: 'robots', message: expect.stringMatching(/disallowed by http:\/\/gov\.test:\d+\/robots\.txt \(line 2\)/) });
    expect(web.hits('gov.test', '/internal/a')).toBe(0);
    expect(web.hits('gov.test', '/robots.txt')).toBe(1);
  });

  it('re-checks robots.txt on every redirect hop', async () => {
    const fetcher = fetcherFor();
    await expect(fetcher.fetchPage(web.url('gov.test', '/to-disallowed'), POLICY)).rejects.toMatchObject({ reason: 'robots' });
    expect(web.hits('gov.test', '/internal/a')).toBe(0);
  });

  it('honours Crawl-delay as a floor for delayMs', async () => {
    const fetcher = fetcherFor();
    const start = web.requests.length;
    await Promise.all([1, 2, 3].map(() => fetcher.fetchPage(web.url('gov.test', '/ok'), { ...POLICY, delayMs: 10 })));
    const times = web.requests.slice(start).filter((r) => r.path === '/ok').map((r) => r.at);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(140);
  });

  it('is not applied to the department\'s own site', async () => {
    const fetcher = fetcherFor();
    await expect(fetcher.fetchPage(web.url('own.test', '/notice'), { ...POLICY, ownSite: true })).resolves.toMatchObject({ status: 200 });
    expect(web.hits('own.test', '/robots.txt')).toBe(0);
    await expect(fetcher.fetchPage(web.url('own.test', '/notice'), POLICY)).rejects.toMatchObject({ reason: 'robots' });
  });

  it('closes a host whose robots.txt answers 5xx, and asks again later', async () => {
    let t = 1_000_000;
    const fetcher = fetcherFor({ now: () => t, robotsErrorTtlMs: 60_000 });
    const err = await fetcher.fetchPage(web.url('down.test', '/page'), POLICY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetryableError);
    expect(err).not.toBeInstanceOf(SkippedError);
    expect((err as Error).message).toMatch(/robots\.txt could not be read \(HTTP 503\); the host is not crawled until it can be \(next try in 1 min\)/);
    await expect(fetcher.fetchPage(web.url('down.test', '/page'), POLICY)).rejects.toThrow(/could not be read/);
    expect(web.hits('down.test', '/robots.txt')).toBe(1);
    expect(web.hits('down.test', '/page')).toBe(0);
    t += 60_000;
    await expect(fetcher.fetchPage(web.url('down.test', '/page'), POLICY)).rejects.toThrow(/could not be read/);
    expect(web.hits('down.test', '/robots.txt')).toBe(2);
  });
});

describe('redirects and the SSRF guard', () => {
  it('refuses a redirect to loopback, link-local metadata or a LAN address, on any hop', async () => {
    const fetcher = fetcherFor();
    const before = web.hits('127.0.0.1', '/secret');
    // A public page that redirects to the fixture's own loopback address (its port is only known now).
    const site = createFetcher({
      resolveHost: web.resolveHost,
      fetch: (async (input: URL | string, init?: RequestInit) =>
        new URL(String(input)).hostname === 'public.test'
          ? new Response(null, { status: 302, headers: { location: `http://127.0.0.1:${web.port}/secret` } })
          : web.fetch(input, init)) as typeof fetch,
    });
    await expect(site.fetchPage('http://public.test/go', { ...POLICY, ownSite: true })).rejects.toThrow(/refused to fetch 127\.0\.0\.1/);
    expect(web.hits('127.0.0.1', '/secret')).toBe(before);
    await expect(fetcher.fetchPage(web.url('gov.test', '/to-metadata'), POLICY)).rejects.toThrow(/metadata\.test.*169\.254\.169\.254/);
    await expect(fetcher.fetchPage(web.url('gov.test', '/to-lan'), POLICY)).rejects.toThrow(/refused to fetch 10\.1\.2\.3/);
    // Allow-listed, the same loopback redirect is followed.
    await expect(site.fetchPage('http://public.test/go', { ...POLICY, ownSite: true, allowPrivateNetwork: true })).resolves.toMatchObject({
      text: '<p>internal secret</p>',
      url: `http://127.0.0.1:${web.port}/secret`,
    });
  });
});

describe('conditional GET', () => {
  it('sends the remembered validators only when asked, and reports 304 as notModified', async () => {
    const stored = new Map<string, Validators>();
    const store: ValidatorStore = { get: (u) => stored.get(u), set: (u, v) => void stored.set(u, v) };
    const fetcher = fetcherFor({ validatorStore: store });
    const url = web.url('cond.test', '/list');

    const first = await fetcher.fetchPage(url, POLICY, { conditional: true });
    expect(first).toMatchObject({ notModified: false, text: '<p>version 0</p>', validators: { etag: '"v0"', lastModified: 'Sun, 04 Jun 2023 10:00:00 GMT' } });
    // Not remembered yet: the next request is a full one.
    expect((await fetcher.fetchPage(url, POLICY, { conditional: true })).notModified).toBe(false);
    await fetcher.remember(first);
    expect(stored.get(url)).toEqual(first.validators);

    const second = await fetcher.fetchPage(url, POLICY, { conditional: true });
    expect(second).toMatchObject({ notModified: true, status: 304, text: '' });
    const last = web.requests.filter((r) => r.host === 'cond.test').at(-1);
    expect(last?.headers['if-none-match']).toBe('"v0"');
    expect(last?.headers['if-modified-since']).toBe('Sun, 04 Jun 2023 10:00:00 GMT');
    // Without `conditional`, no validators are sent.
    expect((await fetcher.fetchPage(url, POLICY)).notModified).toBe(false);

    versions += 1;
    expect(await fetcher.fetchPage(url, POLICY, { conditional: true })).toMatchObject({ notModified: false, text: '<p>version 1</p>' });
    // A new fetcher (a restart) finds the validators in the store.
    versions -= 1;
    expect((await fetcherFor({ validatorStore: store }).fetchPage(url, POLICY, { conditional: true })).notModified).toBe(true);
  });
});

describe('content the crawler must not pass on', () => {
  it('skips a binary link by its extension without a request', async () => {
    const err = await fetcherFor().fetchPage(web.url('gov.test', '/report.pdf'), POLICY).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'binary', message: 'skipped: .pdf is a binary file, not a page' });
    expect(web.hits('gov.test', '/report.pdf')).toBe(0);
  });

  it('fails a page that is garbled in every charset with a mojibake error', async () => {
    const err = await fetcherFor().fetchPage(web.url('gov.test', '/garbled'), POLICY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetryableError);
    expect(err).not.toBeInstanceOf(SkippedError);
    expect((err as Error).message).toMatch(/^mojibake: .*锟斤拷/);
  });

  it('repairs a page whose declared charset lies', async () => {
    const lying = await startVirtualWeb({ 'liar.test': { '/': { body: iconv.encode('<p>清河区人民政府关于东城街道临时停水的通知</p>', 'gbk'), contentType: 'text/html; charset=utf-8' } } });
    try {
      const page = await createFetcher({ fetch: lying.fetch, resolveHost: lying.resolveHost }).fetchPage(lying.url('liar.test', '/'), POLICY);
      expect(page).toMatchObject({ charset: 'gb18030', charsetSource: 'repaired', text: '<p>清河区人民政府关于东城街道临时停水的通知</p>' });
    } finally {
      await lying.close();
    }
  });
});
