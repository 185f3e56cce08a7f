import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../../../crawler/fetch/backoff';
import { assertPublicHost, isPrivateAddress } from '../../../../crawler/fetch/ssrf';

describe('isPrivateAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', 'not-an-ip'])(
    '%s is not public',
    (ip) => expect(isPrivateAddress(ip)).toBe(true),
  );
  it.each(['93.184.216.34', '172.32.0.1', '114.114.114.114', '2400:3200::1', '::ffff:8.8.8.8'])('%s is public', (ip) => expect(isPrivateAddress(ip)).toBe(false));
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
