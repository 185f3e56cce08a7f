import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NonRetryableError } from '../../../../crawler/errors';
import { createFetcher } from '../../../../crawler/fetch/fetcher';
import { createHttpClient } from '../../../../crawler/fetch/http-client';
import type { ResolveHost } from '../../../../crawler/fetch/ssrf';
import { startCountingSite, startSniRecorder } from '../../../support/fixture-site';

/**
 * DNS rebinding: a hostile name server answers a public address when the crawler checks the name
 * and 127.0.0.1 (or the metadata address) when it connects. The resolver is injected, so "DNS"
 * here is a function that changes its answer between calls, and the local site counts TCP
 * connections: a refused fetch must not even open one.
 */
const PUBLIC = '93.184.216.34';
const GUARDED = { allowPrivateNetwork: false, ownSite: true, delayMs: 0, retries: 2, timeoutMs: 2_000 };
const ALLOWED = { ...GUARDED, allowPrivateNetwork: true };

/** Answers `answers[n]` on the n-th call (the last one ever after) and records the names asked. */
function changingDns(...answers: string[][]): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    return answers[Math.min(calls.length, answers.length) - 1] ?? [];
  };
  return Object.assign(resolve, { calls });
}

let site: Awaited<ReturnType<typeof startCountingSite>>;
beforeAll(async () => {
  site = await startCountingSite();
});
afterAll(() => site.close());

describe('DNS rebinding between the check and the connection', () => {
  it.each([
    ['loopback', ['127.0.0.1']],
    ['the cloud metadata address among public ones', [PUBLIC, '169.254.169.254']],
    ['IPv4-mapped IPv6 loopback', ['::ffff:127.0.0.1']],
    ['NAT64 of loopback', ['64:ff9b::7f00:1']],
    ['IPv6 loopback', ['::1']],
  ])('refuses a name that turns into %s when connecting: no connection, not retried', async (_what, atConnect) => {
    const dns = changingDns([PUBLIC], atConnect);
    const fetcher = createFetcher({ resolveHost: dns, retryBaseMs: 1 });
    const before = site.connections();
    const url = `http://rebind.test:${site.port}/news/1.html`;

    const err = await fetcher.fetchPage(url, GUARDED).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(NonRetryableError);
    expect(err).toMatchObject({ url });
    const bad = atConnect.at(-1)!.replace(/[.:[\]]/g, (c) => `\\${c}`);
    expect((err as Error).message).toMatch(new RegExp(`refused to connect to rebind\\.test: it resolved to ${bad} when connecting`));
    expect((err as Error).message).toMatch(/DNS rebinding/);
    expect(site.connections()).toBe(before);
    // One early check, one connection attempt; a refusal is not retried.
    expect(dns.calls).toEqual(['rebind.test', 'rebind.test']);
  });

  it('guards the robots.txt request the same way', async () => {
    const dns = changingDns([PUBLIC], [PUBLIC], ['127.0.0.1']);
    const fetcher = createFetcher({ resolveHost: dns });
    const before = site.connections();
    const err = await fetcher.fetchPage(`http://rebind-robots.test:${site.port}/`, { ...GUARDED, ownSite: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetryableError);
    expect((err as Error).message).toMatch(/robots\.txt could not be read \(refused to connect to rebind-robots\.test: it resolved to 127\.0\.0\.1/);
    expect(site.connections()).toBe(before);
  });

  it('still lets an allow-listed source reach 127.0.0.1, through the injected resolver, with the original Host', async () => {
    const dns = changingDns(['127.0.0.1']);
    const fetcher = createFetcher({ resolveHost: dns });
    const page = await fetcher.fetchPage(`http://demo.test:${site.port}/a.html`, ALLOWED);
    expect(page).toMatchObject({ status: 200, url: `http://demo.test:${site.port}/a.html` });
    expect(page.text).toContain('本地页面');
    expect(site.requests.at(-1)).toEqual({ host: `demo.test:${site.port}`, path: '/a.html' });
    // demo.test exists nowhere but in the injected resolver: the connection used it.
    expect(dns.calls).toEqual(['demo.test']);
  });

  it('never hands an allow-listed source\'s open connection to a guarded source', async () => {
    // The allow-listed fetch leaves a kept-alive connection to shared.test → 127.0.0.1 ...
    const dns = changingDns(['127.0.0.1'], [PUBLIC], ['127.0.0.1']);
    const fetcher = createFetcher({ resolveHost: dns });
    await fetcher.fetchPage(`http://shared.test:${site.port}/one.html`, ALLOWED);
    const requests = site.requests.length;
    // ... which a guarded source asking for the same origin must not reuse: it connects anew, and is refused.
    const err = await fetcher.fetchPage(`http://shared.test:${site.port}/two.html`, GUARDED).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/refused to connect to shared\.test: it resolved to 127\.0\.0\.1/);
    expect(site.requests.length).toBe(requests);
  });

  it('refuses a literal private IP at the connection too, should it ever get past the early check', async () => {
    const client = createHttpClient(changingDns([PUBLIC]));
    const before = site.connections();
    const err = await client
      .fetch(new URL(`http://127.0.0.1:${site.port}/`), {}, { allowPrivateNetwork: false, connectTimeoutMs: 1_000, readTimeoutMs: 1_000 })
      .catch((e: unknown) => e);
    expect((err as Error).cause).toBeInstanceOf(NonRetryableError);
    expect(((err as Error).cause as Error).message).toMatch(/refused to connect to 127\.0\.0\.1/);
    expect(site.connections()).toBe(before);
  });

  it('connects TLS to the vetted address but asks for the original hostname (SNI)', async () => {
    const tls = await startSniRecorder();
    try {
      const dns = changingDns(['127.0.0.1']);
      const fetcher = createFetcher({ resolveHost: dns });
      // The recorder hangs up after the ClientHello: the fetch fails, the name it asked for is what counts.
      await expect(fetcher.fetchPage(`https://sni.test:${tls.port}/`, { ...ALLOWED, retries: 0 })).rejects.toThrow(/network error/);
      expect(tls.serverNames).toEqual(['sni.test']);

      const guarded = createFetcher({ resolveHost: changingDns([PUBLIC], ['127.0.0.1']) });
      await expect(guarded.fetchPage(`https://sni.test:${tls.port}/`, { ...GUARDED, retries: 0 })).rejects.toThrow(/refused to connect to sni\.test/);
      expect(tls.serverNames).toHaveLength(1);
    } finally {
      await tls.close();
    }
  });
});
