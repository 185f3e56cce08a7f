import net from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch, type Dispatcher } from 'undici';
import { NonRetryableError } from '../errors';
import { connectLookup, isPrivateAddress, type ResolveHost } from './ssrf';

/** What shapes a connection: the SSRF guard on or off, and how long connecting and waiting for bytes may take. */
export interface ConnectionPolicy {
  allowPrivateNetwork: boolean;
  connectTimeoutMs: number;
  /** No bytes for this long, waiting for the response head or between body chunks, ends the request. */
  readTimeoutMs: number;
}

/** The crawler's HTTP client: fetch over connections whose addresses were vetted when they were made. */
export interface HttpClient {
  fetch(url: URL, init: RequestInit, policy: ConnectionPolicy): Promise<Response>;
}

/**
 * undici's own fetch with undici's own Agent, from the same package: Node 20's built-in fetch is
 * undici 6 and would meet a version 7 Agent through a compatibility layer that undici 8 drops.
 *
 * One Agent per distinct policy (sources share a handful of them). Guarded and allow-listed
 * sources never share an Agent, so a connection an allow-listed source opened to a private address
 * can never be reused for a source that is not allowed there.
 */
export function createHttpClient(resolve: ResolveHost): HttpClient {
  const agents = new Map<string, Agent>();

  function agentFor(policy: ConnectionPolicy): Agent {
    const guarded = !policy.allowPrivateNetwork;
    const key = `${guarded ? 'guarded' : 'open'}:${policy.connectTimeoutMs}:${policy.readTimeoutMs}`;
    let agent = agents.get(key);
    if (!agent) {
      agent = new Agent({
        connect: guardedConnector(resolve, guarded, policy.connectTimeoutMs),
        headersTimeout: policy.readTimeoutMs,
        bodyTimeout: policy.readTimeoutMs,
      });
      agents.set(key, agent);
    }
    return agent;
  }

  return {
    fetch(url, init, policy) {
      const dispatcher: Dispatcher = agentFor(policy);
      // undici's Response and RequestInit are the WHATWG ones Node's globals describe.
      return undiciFetch(url, { ...(init as object), dispatcher }) as unknown as Promise<Response>;
    },
  };
}

/**
 * undici's connector (TCP, then TLS with SNI and certificate checks against the URL's hostname,
 * within `timeoutMs`) with our lookup: the hostname is kept for TLS and the Host header while the
 * socket goes to an address vetted by connectLookup. A literal IP never reaches lookup, so it is
 * checked here, although the fetcher's early check has refused it already.
 */
function guardedConnector(resolve: ResolveHost, guarded: boolean, timeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: timeoutMs, lookup: connectLookup(resolve, guarded) });
  return (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    if (guarded && net.isIP(host) && isPrivateAddress(host)) {
      callback(new NonRetryableError(`refused to connect to ${host}: a loopback/private/link-local address`), null);
      return;
    }
    connect(options, callback);
  };
}
