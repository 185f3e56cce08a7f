import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { NonRetryableError, RetryableError } from '../errors';

export type ResolveHost = (hostname: string) => Promise<string[]>;

/**
 * IPv4 ranges a crawler fed with URLs from the open web must never reach on its own: "this"
 * network and unspecified, private LANs, carrier NAT, loopback, link-local (cloud metadata at
 * 169.254.169.254), IETF protocol assignments, documentation, 6to4 relays, benchmarking,
 * multicast, reserved and broadcast.
 */
const blockedV4 = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blockedV4.addSubnet(prefix, bits, 'ipv4');

/**
 * IPv6 ranges refused outright, whatever they embed: NAT64 (a DNS64 answer could carry any IPv4
 * address, 127.0.0.1 included) and the deprecated IPv4-compatible ::/96. Mapped, translated and
 * 6to4 addresses are not listed: they are judged by the IPv4 address inside (embeddedIpv4).
 */
const BLOCKED_V6: ReadonlyArray<readonly [string, number, string]> = [
  ['::', 96, 'unspecified, loopback and IPv4-compatible'],
  ['64:ff9b::', 96, 'NAT64'],
  ['64:ff9b:1::', 48, 'local NAT64'],
  ['100::', 64, 'discard-only'],
  ['2001::', 32, 'Teredo'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];
const blockedV6 = BLOCKED_V6.map(([prefix, bits]) => ({ bytes: ipv6Bytes(prefix)!, bits }));

/** The 16 bytes of an IPv6 address in any textual form (zero runs, embedded dotted quad), or null. */
function ipv6Bytes(address: string): Uint8Array | null {
  if (net.isIPv6(address) === false) return null;
  let text = address;
  const out = new Uint8Array(16);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: number[] = [];
  if (dotted?.[1]) {
    tail = dotted[1].split('.').map(Number);
    // The dotted quad takes the place of the last two 16-bit groups.
    text = text.slice(0, -dotted[1].length) + '0:0';
  }
  const [head = '', rest] = text.split('::') as [string, string | undefined];
  const groups = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const front = groups(head);
  const back = rest === undefined ? [] : groups(rest);
  const all = rest === undefined ? front : [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  if (all.length !== 8) return null;
  all.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 255;
  });
  if (tail.length === 4) out.set(tail, 12);
  return out;
}

function inPrefix(bytes: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  for (let i = 0; i < bits; i += 8) {
    const take = Math.min(8, bits - i);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[i / 8] ?? 0) & mask) !== ((prefix[i / 8] ?? 0) & mask)) return false;
  }
  return true;
}

const v4 = (b: Uint8Array, at: number) => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
const zeros = (b: Uint8Array, from: number, to: number) => b.subarray(from, to).every((x) => x === 0);

/** The IPv4 address an IPv6 address stands for, when it stands for one (mapped, translated, 6to4). */
function embeddedIpv4(bytes: Uint8Array): string | null {
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (SIIT translated)
  if (zeros(bytes, 0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4(bytes, 12);
  if (zeros(bytes, 0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(bytes, 10, 12)) return v4(bytes, 12);
  // 2002:aabb:ccdd::/48 (6to4) routes to a.b.c.d.
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4(bytes, 2);
  return null;
}

/**
 * True for anything that is not a plain public unicast address: loopback, private, link-local,
 * metadata, unspecified, multicast, reserved, and IPv6 forms that hide one of those (IPv4-mapped,
 * NAT64, 6to4 …). Whatever is not an IP address at all counts as not public.
 */
export function isPrivateAddress(address: string): boolean {
  // Brackets from a URL and a zone id (fe80::1%eth0) are not part of the address.
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = net.isIP(bare);
  if (family === 4) return blockedV4.check(bare, 'ipv4');
  if (family !== 6) return true;
  const bytes = ipv6Bytes(bare);
  if (!bytes) return true;
  const inner = embeddedIpv4(bytes);
  if (inner !== null) return isPrivateAddress(inner);
  return blockedV6.some((r) => inPrefix(bytes, r.bytes, r.bits));
}

export const resolveWithDns: ResolveHost = async (hostname) => {
  const records = await lookup(hostname, { all: true, verbatim: true });
  return records.map((r) => r.address);
};

/**
 * Refuses hosts that are, or resolve to, non-public addresses. Every address of a name is checked,
 * since an attacker controls which one a client picks. This is the early check (before robots.txt
 * and the host queue); a name can still resolve differently when the connection is made, which
 * `connectLookup` below checks again on the addresses actually connected to.
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

/**
 * A `lookup` for net.connect / tls.connect (through undici's connector): resolves with `resolve`
 * and, when `guarded`, refuses the connection if any address is not public, so the addresses
 * checked are exactly the addresses connected to. This closes DNS rebinding, where a hostile
 * name server answers a public address to the early check and 127.0.0.1 to the connection.
 */
export function connectLookup(resolve: ResolveHost, guarded: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
    resolve(hostname).then(
      (addresses) => {
        const bad = guarded ? addresses.find(isPrivateAddress) : undefined;
        if (bad !== undefined) {
          const err = new NonRetryableError(
            `refused to connect to ${hostname}: it resolved to ${bad} when connecting, a loopback/private/link-local address ` +
              '(the name changed its answer since it was checked: DNS rebinding?); set allowPrivateNetwork: true on the source if this is intended',
          );
          process.nextTick(callback, err, '');
          return;
        }
        const usable = addresses.filter((a) => net.isIP(a) !== 0 && (family === 0 || net.isIP(a) === family));
        const first = usable[0];
        if (first === undefined) {
          const err: NodeJS.ErrnoException = Object.assign(new Error(`no usable address for ${hostname}`), { code: 'ENOTFOUND', hostname });
          process.nextTick(callback, err, '');
          return;
        }
        // nextTick: an exception thrown by net's callback must not be swallowed by this promise.
        if (options.all) process.nextTick(callback, null, usable.map((address) => ({ address, family: net.isIP(address) })));
        else process.nextTick(callback, null, first, net.isIP(first));
      },
      (err: unknown) => process.nextTick(callback, err as NodeJS.ErrnoException, ''),
    );
  };
}
