import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { NonRetryableError, RetryableError } from '../errors';

export type ResolveHost = (hostname: string) => Promise<string[]>;

/**
 * Ranges a crawler fed with URLs from the open web must never reach on its own: loopback,
 * private LANs, link-local (cloud metadata at 169.254.169.254), carrier NAT, multicast, reserved.
 */
const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96],
] as const) blocked.addSubnet(prefix, bits, 'ipv6');

/** IPv4 hidden in IPv6 (::ffff:127.0.0.1) must be judged as the IPv4 it is. */
function embeddedIpv4(address: string): string | null {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1] ?? null;
}

export function isPrivateAddress(address: string): boolean {
  const v4 = embeddedIpv4(address);
  if (v4) return isPrivateAddress(v4);
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    // BlockList cannot express "::ffff:0:0/96 written in hex", so handle that mapped form here.
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
    if (mapped?.[1] && mapped[2]) {
      const hi = parseInt(mapped[1], 16);
      const lo = parseInt(mapped[2], 16);
      return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return blocked.check(address, 'ipv6');
  }
  return true;
}

export const resolveWithDns: ResolveHost = async (hostname) => {
  const records = await lookup(hostname, { all: true, verbatim: true });
  return records.map((r) => r.address);
};

/**
 * Refuses hosts that are, or resolve to, non-public addresses. Every address of a name is checked,
 * since an attacker controls which one a client picks. This does not stop DNS rebinding between
 * this check and the connection; good enough for configured sources, not a sandbox.
 */
export async function assertPublicHost(url: URL, resolve: ResolveHost = resolveWithDns): Promise<void> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net.isIP(hostname)) {
    addresses = [hostname];
  } else {
    try {
      addresses = await resolve(hostname);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // EAI_AGAIN is a resolver hiccup; ENOTFOUND means the name does not exist.
      if (code === 'EAI_AGAIN') throw new RetryableError(`DNS lookup of ${hostname} failed temporarily`, { url: url.href, cause: err });
      throw new NonRetryableError(`DNS lookup of ${hostname} failed (${code ?? 'error'})`, { url: url.href, cause: err });
    }
  }
  const bad = addresses.find(isPrivateAddress);
  if (bad !== undefined || addresses.length === 0) {
    throw new NonRetryableError(
      `refused to fetch ${hostname}: it resolves to a loopback/private/link-local address (${bad ?? 'none'}); ` +
        'set allowPrivateNetwork: true on the source if this is intended',
      { url: url.href },
    );
  }
}
