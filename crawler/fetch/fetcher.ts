import type { SourceConfig } from '../../server/contracts/source';
import { CrawlError, CriticalError, NonRetryableError, RetryableError, SkippedError } from '../errors';
import { silentLog, type CrawlLog } from '../log';
import { backoffDelay, parseRetryAfter } from './backoff';
import { binaryExtension } from './binary';
import { decodeBody, type CharsetSource } from './decode';
import { createHostQueue, realSleep, type Sleep } from './host-queue';
import { createHttpClient } from './http-client';
import { readLimitedBody } from './read-body';
import { createRobotsCache, type LoadRobots, type RobotsFile } from './robots';
import { assertPublicHost, resolveWithDns, type ResolveHost } from './ssrf';
import { conditionalHeaders, createValidatorCache, validatorsOf, type ValidatorStore, type Validators } from './validators';

/** The per-source knobs that shape a request; a SourceConfig can be passed as is. */
export type FetchPolicy = Pick<SourceConfig, 'timeoutMs' | 'retries' | 'delayMs' | 'allowPrivateNetwork' | 'ownSite' | 'concurrency'> & {
  charset?: string | undefined;
  /** TCP (and TLS) connection established within this; `timeoutMs` is the read (idle) timeout. */
  connectTimeoutMs: number;
};

/** What fetchPage accepts: any of the policy's fields, a SourceConfig as is (its optional fields may be undefined). */
export type FetchPolicyInput = { [K in keyof FetchPolicy]?: FetchPolicy[K] | undefined };

export interface FetchOptions {
  /** Send the ETag / Last-Modified remembered for this URL; an unchanged page comes back as `notModified`. */
  conditional?: boolean;
}

export interface FetchedPage {
  /** Where the content finally came from, after redirects. */
  url: string;
  requestedUrl: string;
  status: number;
  contentType: string | null;
  text: string;
  charset: string;
  charsetSource: CharsetSource;
  bytes: number;
  /** A 304 to a conditional request: `text` is empty and the page is as it was when remembered. */
  notModified: boolean;
  /** This response's ETag / Last-Modified; pass the page to remember() once it is fully handled. */
  validators: Validators | null;
}

export interface Fetcher {
  fetchPage(url: string, policy?: FetchPolicyInput, options?: FetchOptions): Promise<FetchedPage>;
  /**
   * Keeps the page's validators for the next conditional fetch of its URL. Separate from fetchPage
   * on purpose: a caller remembers a list page only after every item on it was stored, so a 304
   * can never hide an item whose fetch or ingest failed.
   */
  remember(page: FetchedPage): Promise<void>;
}

export interface FetcherOptions {
  userAgent?: string;
  maxBodyBytes?: number;
  maxRedirects?: number;
  retryBaseMs?: number;
  /** Upper bound for any single wait between attempts, Retry-After included. */
  retryMaxDelayMs?: number;
  log?: CrawlLog;
  /**
   * How names become addresses (default: dns.lookup), for the early SSRF check and again for every
   * connection the default client makes, whose addresses are vetted before connecting.
   */
  resolveHost?: ResolveHost;
  sleep?: Sleep;
  random?: () => number;
  /**
   * An HTTP client replacing the default one (undici with vetted connections and a connect
   * timeout); tests route virtual hosts to a local server with it. It owns its connections, so
   * only the early SSRF check, the read timeout and the total cap apply to it.
   */
  fetch?: typeof fetch;
  /**
   * Cap on one request, connection, head and body together, so a server dripping a byte now and
   * then cannot hold a worker forever. Default: 60 s, or connect + 2 × read timeout if longer.
   */
  totalTimeoutMs?: number;
  robotsTtlMs?: number;
  robotsErrorTtlMs?: number;
  /** Crawl-delay is honoured as a floor for delayMs up to this; default 60 s. */
  maxCrawlDelayMs?: number;
  /** Durable ETag / Last-Modified storage behind the in-memory LRU (e.g. SQLite in the server). */
  validatorStore?: ValidatorStore;
  maxValidatorEntries?: number;
  now?: () => number;
}

export const DEFAULT_USER_AGENT = 'yuqing-dashboard-crawler/0.1 (+public-opinion monitoring; respects delays)';

const DEFAULT_POLICY: FetchPolicy = {
  timeoutMs: 15_000,
  connectTimeoutMs: 5_000,
  retries: 2,
  delayMs: 1_000,
  allowPrivateNetwork: false,
  ownSite: false,
  concurrency: 1,
};

/** Anything a list/detail/feed/JSON parser can read; images, PDFs and archives are skipped. */
const READABLE =
  /^(text\/html|application\/xhtml\+xml|text\/xml|application\/xml|application\/(rss|atom|rdf)\+xml|application\/[\w.-]+\+xml|text\/plain|application\/json|text\/json|application\/[\w.-]+\+json|(application|text)\/javascript)$/i;

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524]);

interface Exchange {
  response: Response;
  /** null for a redirect or a 304. */
  body: Uint8Array | null;
  notModified: boolean;
}

export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const retryMaxDelayMs = options.retryMaxDelayMs ?? 30_000;
  const log = options.log ?? silentLog;
  const resolveHost = options.resolveHost ?? resolveWithDns;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const customFetch = options.fetch ?? null;
  const client = createHttpClient(resolveHost);
  const now = options.now ?? Date.now;
  const queue = createHostQueue({ sleep, now });
  const robots = createRobotsCache({
    userAgent,
    ttlMs: options.robotsTtlMs,
    errorTtlMs: options.robotsErrorTtlMs,
    maxCrawlDelayMs: options.maxCrawlDelayMs,
    now,
  });
  const validators = createValidatorCache({
    maxEntries: options.maxValidatorEntries,
    store: options.validatorStore,
    onStoreError: (err) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'validator store failed; continuing without it'),
  });

  /** One HTTP exchange, no redirects followed: the caller decides where to go next. */
  async function exchange(url: URL, policy: FetchPolicy, delayMs: number, sent: Validators | null, kind: 'page' | 'robots'): Promise<Exchange> {
    return queue.run(url.host, { delayMs, concurrency: policy.concurrency }, async () => {
      const timer = startTimers(policy, url.href, options.totalTimeoutMs, customFetch !== null);
      try {
        const init: RequestInit = {
          redirect: 'manual',
          signal: timer.signal,
          headers: {
            'user-agent': userAgent,
            accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml;q=0.9,application/json;q=0.9,*/*;q=0.5',
            'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
            ...conditionalHeaders(sent),
          },
        };
        const response = customFetch
          ? await customFetch(url, init)
          : await client.fetch(url, init, { allowPrivateNetwork: policy.allowPrivateNetwork, connectTimeoutMs: policy.connectTimeoutMs, readTimeoutMs: policy.timeoutMs });
        timer.headersReceived();
        if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
          await response.body?.cancel().catch(() => undefined);
          return { response, body: null, notModified: false };
        }
        if (response.status === 304) {
          await response.body?.cancel().catch(() => undefined);
          if (!sent) throw new NonRetryableError('HTTP 304 to a request that was not conditional', { url: url.href, status: 304 });
          return { response, body: null, notModified: true };
        }
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          throw statusError(response, url.href);
        }
        const mime = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
        if (kind === 'page' && mime && !READABLE.test(mime)) {
          await response.body?.cancel().catch(() => undefined);
          throw new SkippedError('binary', `skipped: content type ${mime} is not HTML or XML`, { url: url.href, status: response.status });
        }
        const body = await readLimitedBody(response, maxBodyBytes, url.href, { sniff: kind === 'page', onChunk: timer.dataReceived });
        return { response, body, notModified: false };
      } catch (err) {
        // Our own verdicts first (a timer's error is one of them when it travels as the abort reason).
        if (err instanceof CrawlError) throw err;
        throw timer.fired ?? networkError(err, url.href, policy);
      } finally {
        timer.stop();
      }
    });
  }

  /** Runs `once` again after retryable failures: backoff, or the server's Retry-After for the whole host. */
  async function withRetries<T>(href: string, policy: FetchPolicy, once: () => Promise<T>): Promise<T> {
    for (let attemptNo = 0; ; attemptNo++) {
      try {
        return await once();
      } catch (err) {
        if (!(err instanceof RetryableError) || attemptNo >= policy.retries) throw err;
        if (err.retryAfterMs !== null) {
          // The server asked the whole host to slow down: hold every request to it, this retry included.
          const wait = Math.min(err.retryAfterMs, retryMaxDelayMs);
          queue.pause(new URL(err.url ?? href).host, wait);
          log.debug({ url: href, attempt: attemptNo + 1, waitMs: wait, err: err.message }, 'retrying after Retry-After');
          continue;
        }
        const wait = Math.min(backoffDelay(attemptNo, retryBaseMs, retryMaxDelayMs, random), retryMaxDelayMs);
        log.debug({ url: href, attempt: attemptNo + 1, waitMs: wait, err: err.message }, 'retrying');
        await sleep(wait);
      }
    }
  }

  /** robots.txt, fetched (and retried) under the policy of the source that first needs it; redirects followed and guarded. */
  function robotsLoader(policy: FetchPolicy): LoadRobots {
    async function once(robotsUrl: URL): Promise<RobotsFile> {
      let current = robotsUrl;
      for (let hop = 0; hop <= maxRedirects; hop++) {
        if (!policy.allowPrivateNetwork) await assertPublicHost(current, resolveHost);
        const { response, body } = await exchange(current, policy, policy.delayMs, null, 'robots');
        if (body) return { kind: 'found', text: new TextDecoder('utf-8').decode(body) };
        const next = safeUrl(response.headers.get('location') ?? '', current);
        if (!next) return { kind: 'missing', status: response.status };
        current = next;
      }
      // More redirects than RFC 9309 asks a crawler to follow: treated as no robots.txt.
      return { kind: 'missing', status: 310 };
    }
    return async (robotsUrl) => {
      try {
        return await withRetries(robotsUrl.href, policy, () => once(robotsUrl));
      } catch (err) {
        const status = err instanceof RetryableError || err instanceof NonRetryableError ? err.status : null;
        // RFC 9309: a 4xx means "no rules"; 429 is the server struggling, like a 5xx.
        if (status !== null && status >= 400 && status < 500 && status !== 429) return { kind: 'missing', status };
        return { kind: 'unreachable', detail: err instanceof Error ? err.message : String(err) };
      }
    };
  }

  /**
   * What every URL goes through before a request, redirect hops included: binary links skipped
   * unfetched, the SSRF guard, then robots.txt (unless it is the department's own site). Returns
   * the delay to keep, robots' Crawl-delay being a floor.
   */
  async function admit(url: URL, policy: FetchPolicy): Promise<number> {
    const ext = binaryExtension(url);
    if (ext) throw new SkippedError('binary', `skipped: .${ext} is a binary file, not a page`, { url: url.href });
    if (!policy.allowPrivateNetwork) await assertPublicHost(url, resolveHost);
    if (policy.ownSite) return policy.delayMs;
    const verdict = await robots.check(url, robotsLoader(policy));
    if (verdict.allowed) return Math.max(policy.delayMs, verdict.crawlDelayMs);
    if (verdict.why === 'disallowed') {
      throw new SkippedError('robots', `skipped: disallowed by ${verdict.robotsUrl} (line ${verdict.line})`, { url: url.href });
    }
    const minutes = Math.max(1, Math.round((verdict.retryAt - now()) / 60_000));
    throw new NonRetryableError(
      `${verdict.robotsUrl} could not be read (${verdict.detail}); the host is not crawled until it can be (next try in ${minutes} min)`,
      { url: url.href },
    );
  }

  /** Follows redirects by hand so every hop is checked (SSRF guard, robots, binary) and counted. */
  async function attempt(start: URL, policy: FetchPolicy, sent: Validators | null): Promise<FetchedPage> {
    let current = start;
    for (let hop = 0; ; hop++) {
      const delayMs = await admit(current, policy);
      const { response, body, notModified } = await exchange(current, policy, delayMs, sent, 'page');
      const contentType = response.headers.get('content-type');
      const page = { url: current.href, requestedUrl: start.href, status: response.status, contentType, validators: validatorsOf(response.headers) };
      if (notModified) return { ...page, text: '', charset: 'utf-8', charsetSource: 'default', bytes: 0, notModified: true, validators: page.validators ?? sent };
      if (body) {
        const decoded = decodeBody(body, { contentType, forced: policy.charset ?? null });
        if (decoded.mojibake) throw new NonRetryableError(`mojibake: ${decoded.mojibake}`, { url: current.href, status: response.status });
        if (decoded.source === 'repaired') {
          log.info({ url: current.href, declared: decoded.declared, used: decoded.charset }, 'page decoded with another charset than declared');
        }
        return { ...page, text: decoded.text, charset: decoded.charset, charsetSource: decoded.source, bytes: body.byteLength, notModified: false };
      }
      if (hop >= maxRedirects) throw new NonRetryableError(`too many redirects (more than ${maxRedirects})`, { url: start.href });
      const location = response.headers.get('location') ?? '';
      const next = safeUrl(location, current);
      if (!next) throw new NonRetryableError(`redirect to an unusable location "${location.slice(0, 200)}"`, { url: current.href });
      log.debug({ from: current.href, to: next.href, status: response.status }, 'redirect');
      current = next;
    }
  }

  return {
    async fetchPage(url, partial = {}, fetchOptions = {}) {
      const policy = { ...DEFAULT_POLICY, ...stripUndefined(partial) } as FetchPolicy;
      const start = safeUrl(url);
      if (!start) throw new CriticalError(`not an http(s) URL: "${url.slice(0, 200)}"`, { url });
      const sent = fetchOptions.conditional ? await validators.get(start.href) : null;
      return withRetries(start.href, policy, () => attempt(start, policy, sent));
    },
    async remember(page) {
      if (page.validators && !page.notModified) await validators.set(page.requestedUrl, page.validators);
    },
  };
}

function safeUrl(href: string, base?: URL): URL | null {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function statusError(response: Response, url: string): Error {
  const status = response.status;
  if (RETRYABLE_STATUS.has(status)) {
    return new RetryableError(`HTTP ${status}`, { url, status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
  }
  return new NonRetryableError(`HTTP ${status}`, { url, status });
}

/** undici's own timeouts, by the code on the error or anywhere down its cause chain. */
const TIMEOUT_CODES: Record<string, 'connect' | 'read'> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'read',
  UND_ERR_BODY_TIMEOUT: 'read',
};

function networkError(err: unknown, url: string, policy: FetchPolicy): Error {
  const chain: unknown[] = [];
  for (let e: unknown = err; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  // A refusal from the connection-time SSRF guard arrives wrapped in fetch's TypeError.
  const ours = chain.find((e): e is CrawlError => e instanceof CrawlError);
  if (ours instanceof NonRetryableError) return new NonRetryableError(ours.message, { url, cause: ours, status: ours.status });
  if (ours instanceof RetryableError) return new RetryableError(ours.message, { url, cause: ours, status: ours.status });
  for (const e of chain) {
    const which = TIMEOUT_CODES[(e as { code?: string }).code ?? ''];
    if (which) return timeoutError(which, policy, url, err);
  }
  const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const detail = cause?.code ?? cause?.message ?? (err as Error | undefined)?.message ?? 'unknown';
  return new RetryableError(`network error (${detail})`, { url, cause: err });
}

type TimeoutKind = 'connect' | 'read' | 'total';

function timeoutError(kind: TimeoutKind, policy: FetchPolicy, url: string, cause?: unknown, totalMs?: number): RetryableError {
  const message =
    kind === 'connect'
      ? `connect timed out after ${policy.connectTimeoutMs} ms`
      : kind === 'read'
        ? `timed out after ${policy.timeoutMs} ms with no data (read timeout)`
        : `timed out after ${totalMs} ms in total (the response was still arriving)`;
  return new RetryableError(message, { url, cause });
}

/**
 * The fetcher's side of the timeouts, on one AbortController: the total cap from the start, the
 * read (idle) timeout between body chunks, and, for a custom client whose connections we cannot
 * see, the read timeout while waiting for the head. The default client times connecting and the
 * head itself, at the socket (undici's connect timeout and headersTimeout), where it can tell the
 * two apart.
 */
function startTimers(policy: FetchPolicy, url: string, totalOption: number | undefined, custom: boolean) {
  const controller = new AbortController();
  const totalMs = totalOption ?? Math.max(60_000, policy.connectTimeoutMs + 2 * policy.timeoutMs);
  const state = { fired: null as RetryableError | null };
  const fire = (kind: TimeoutKind) => {
    if (state.fired) return;
    state.fired = timeoutError(kind, policy, url, undefined, totalMs);
    controller.abort(state.fired);
  };
  const total = setTimeout(fire, totalMs, 'total');
  let idle: NodeJS.Timeout | null = custom ? setTimeout(fire, policy.timeoutMs, 'read') : null;
  return {
    signal: controller.signal,
    get fired() {
      return state.fired;
    },
    headersReceived() {
      if (idle) clearTimeout(idle);
      idle = setTimeout(fire, policy.timeoutMs, 'read');
    },
    dataReceived() {
      idle?.refresh();
    },
    stop() {
      clearTimeout(total);
      if (idle) clearTimeout(idle);
    },
  };
}
