import type { SourceConfig } from '../../server/contracts/source';
import { CriticalError, NonRetryableError, RetryableError } from '../errors';
import { silentLog, type CrawlLog } from '../log';
import { backoffDelay, parseRetryAfter } from './backoff';
import { decodeBody, type CharsetSource } from './decode';
import { createHostQueue, realSleep, type Sleep } from './host-queue';
import { readLimitedBody } from './read-body';
import { assertPublicHost, resolveWithDns, type ResolveHost } from './ssrf';

/** The per-source knobs that shape a request; a SourceConfig can be passed as is. */
export type FetchPolicy = Pick<SourceConfig, 'timeoutMs' | 'retries' | 'delayMs' | 'allowPrivateNetwork'> & {
  charset?: string | undefined;
};

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
}

export interface Fetcher {
  fetchPage(url: string, policy?: Partial<FetchPolicy>): Promise<FetchedPage>;
}

export interface FetcherOptions {
  userAgent?: string;
  maxBodyBytes?: number;
  maxRedirects?: number;
  retryBaseMs?: number;
  /** Upper bound for any single wait between attempts, Retry-After included. */
  retryMaxDelayMs?: number;
  log?: CrawlLog;
  resolveHost?: ResolveHost;
  sleep?: Sleep;
  random?: () => number;
}

export const DEFAULT_USER_AGENT = 'yuqing-dashboard-crawler/0.1 (+public-opinion monitoring; respects delays)';

const DEFAULT_POLICY: FetchPolicy = { timeoutMs: 15_000, retries: 2, delayMs: 1_000, allowPrivateNetwork: false };

/** Anything a list/detail/feed parser can read; images, PDFs and archives are skipped. */
const READABLE = /^(text\/html|application\/xhtml\+xml|text\/xml|application\/xml|application\/(rss|atom|rdf)\+xml|application\/[\w.-]+\+xml|text\/plain)$/i;

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524]);

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
  const queue = createHostQueue({ sleep });

  /** One HTTP exchange, no redirects followed: the caller decides where to go next. */
  async function exchange(url: URL, policy: FetchPolicy): Promise<{ response: Response; body: Uint8Array | null }> {
    if (!policy.allowPrivateNetwork) await assertPublicHost(url, resolveHost);
    return queue(url.host, policy.delayMs, async () => {
      const signal = AbortSignal.timeout(policy.timeoutMs);
      let response: Response;
      try {
        response = await fetch(url, {
          redirect: 'manual',
          signal,
          headers: {
            'user-agent': userAgent,
            accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml;q=0.9,*/*;q=0.5',
            'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
          },
        });
      } catch (err) {
        throw networkError(err, url.href, policy.timeoutMs);
      }
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        await response.body?.cancel().catch(() => undefined);
        return { response, body: null };
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw statusError(response, url.href);
      }
      const contentType = response.headers.get('content-type');
      const mime = contentType?.split(';')[0]?.trim() ?? '';
      if (mime && !READABLE.test(mime)) {
        await response.body?.cancel().catch(() => undefined);
        throw new NonRetryableError(`skipped: content type ${mime} is not HTML or XML`, { url: url.href, status: response.status });
      }
      try {
        return { response, body: await readLimitedBody(response, maxBodyBytes, url.href) };
      } catch (err) {
        if (err instanceof NonRetryableError) throw err;
        throw networkError(err, url.href, policy.timeoutMs);
      }
    });
  }

  /** Follows redirects by hand so every hop is checked against the SSRF guard and counted. */
  async function attempt(start: URL, policy: FetchPolicy): Promise<FetchedPage> {
    let current = start;
    for (let hop = 0; ; hop++) {
      const { response, body } = await exchange(current, policy);
      if (body) {
        const contentType = response.headers.get('content-type');
        const decoded = decodeBody(body, { contentType, forced: policy.charset ?? null });
        return {
          url: current.href,
          requestedUrl: start.href,
          status: response.status,
          contentType,
          text: decoded.text,
          charset: decoded.charset,
          charsetSource: decoded.source,
          bytes: body.byteLength,
        };
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
    async fetchPage(url, partial = {}) {
      const policy: FetchPolicy = { ...DEFAULT_POLICY, ...stripUndefined(partial) };
      const start = safeUrl(url);
      if (!start) throw new CriticalError(`not an http(s) URL: "${url.slice(0, 200)}"`, { url });
      for (let attemptNo = 0; ; attemptNo++) {
        try {
          return await attempt(start, policy);
        } catch (err) {
          if (!(err instanceof RetryableError) || attemptNo >= policy.retries) throw err;
          const wanted = err.retryAfterMs ?? backoffDelay(attemptNo, retryBaseMs, retryMaxDelayMs, random);
          const wait = Math.min(wanted, retryMaxDelayMs);
          log.debug({ url: start.href, attempt: attemptNo + 1, waitMs: wait, err: err.message }, 'retrying');
          await sleep(wait);
        }
      }
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

function networkError(err: unknown, url: string, timeoutMs: number): Error {
  if (err instanceof RetryableError || err instanceof NonRetryableError) return err;
  const name = (err as Error | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new RetryableError(`timed out after ${timeoutMs} ms`, { url, cause: err });
  const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const detail = cause?.code ?? cause?.message ?? (err as Error | undefined)?.message ?? 'unknown';
  return new RetryableError(`network error (${detail})`, { url, cause: err });
}
