import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../../../crawler/fetch/backoff';
import type { LookupAddress } from 'node:dns';
import { NonRetryableError } from '../../../../crawler/errors';
import { assertPublicHost, connectLookup, isPrivateAddress, type ResolveHost } from '../../../../crawler/fetch/ssrf';

describe('isPrivateAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', 'not-an-ip'])(
    '%s is not public',
    (ip) => expect(isPrivateAddress(ip)).toBe(true),
  );
  it.each(['93.184.216.34', '172.32.0.1', '114.114.114.114', '2400:3200::1', '::ffff:8.8.8.8'])('%s is public', (ip) => expect(isPrivateAddress(ip)).toBe(false));

  it.each([
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'benchmarking'],
    ['[::1]', 'loopback in URL brackets'],
    ['0:0:0:0:0:0:0:1', 'loopback written out'],
    ['fe80::1%eth0', 'link-local with a zone id'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['100::1', 'discard-only'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata in hex'],
    ['0:0:0:0:0:ffff:7f00:1', 'IPv4-mapped loopback written out'],
    ['::ffff:0:127.0.0.1', 'IPv4-translated loopback'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of metadata'],
    ['64:ff9b::808:808', 'NAT64, refused whatever it embeds'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:1::1', '6to4 of loopback'],
    ['2002:a9fe:a9fe::', '6to4 of metadata'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:db8::1', 'documentation'],
  ])('%s (%s) is not public', (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each(['2002:808:808::1', '2a00:1450:4001:80b::200e', '240e:e9:6002:15a::1', '8.8.4.4'])('%s is public', (ip) => expect(isPrivateAddress(ip)).toBe(false));
});

describe('connectLookup (the lookup used when connecting)', () => {
  const dns = (addresses: string[]): ResolveHost => async () => addresses;
  function run(resolve: ResolveHost, guarded: boolean, options: { all?: boolean; family?: number } = {}) {
    return new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((done) => {
      connectLookup(resolve, guarded)('site.example', options, (err, address, family) => done({ err, address, family }));
    });
  }

  it('passes vetted addresses on in both shapes net.connect asks for', async () => {
    await expect(run(dns(['93.184.216.34', '2400:3200::1']), true)).resolves.toEqual({ err: null, address: '93.184.216.34', family: 4 });
    await expect(run(dns(['93.184.216.34', '2400:3200::1']), true, { all: true })).resolves.toEqual({
      err: null,
      address: [{ address: '93.184.216.34', family: 4 }, { address: '2400:3200::1', family: 6 }],
      family: undefined,
    });
    await expect(run(dns(['93.184.216.34', '2400:3200::1']), true, { family: 6 })).resolves.toMatchObject({ address: '2400:3200::1', family: 6 });
  });

  it('refuses the connection when any address is not public, unless unguarded', async () => {
    const refused = await run(dns(['93.184.216.34', '10.0.0.8']), true, { all: true });
    expect(refused.err).toBeInstanceOf(NonRetryableError);
    expect(refused.err?.message).toMatch(/refused to connect to site\.example: it resolved to 10\.0\.0\.8 when connecting/);
    await expect(run(dns(['127.0.0.1']), false)).resolves.toEqual({ err: null, address: '127.0.0.1', family: 4 });
  });

  it('passes resolver errors on, and reports an empty answer as not found', async () => {
    const fail: ResolveHost = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    expect((await run(fail, true)).err?.code).toBe('EAI_AGAIN');
    expect((await run(dns([]), true)).err?.code).toBe('ENOTFOUND');
    expect((await run(dns(['93.184.216.34']), true, { family: 6 })).err?.code).toBe('ENOTFOUND');
  });
});

describe('assertPublicHost', () => {
  it('checks literal IPs without DNS and every resolved address of a name', async () => {
    await expect(assertPublicHost(new URL('http://[::1]/'))).rejects.toThrow(/::1/);
    await expect(assertPublicHost(new URL('http://public.example/'), async () => ['93.184.216.34'])).resolves.toBeUndefined();
    await expect(assertPublicHost(new URL('http://mixed.example/'), async () => ['93.184.216.34', '10.0.0.8'])).rejects.toThrow(/10\.0\.0\.8/);
  });

  it('tells a missing name (not retryable) from a resolver hiccup (retryable)', async () => {
    const fail = (code: string) => async () => {
      throw Object.assign(new Error(code), { code });
    };
    await expect(assertPublicHost(new URL('http://nx.example/'), fail('ENOTFOUND'))).rejects.toMatchObject({ name: 'NonRetryableError' });
    await expect(assertPublicHost(new URL('http://nx.example/'), fail('EAI_AGAIN'))).rejects.toMatchObject({ name: 'RetryableError' });
  });
});

describe('backoff', () => {
  it('grows exponentially with equal jitter and a cap', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelay(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffDelay(10, 100, 1_000, () => 1)).toBe(1_000);
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
