/**
 * Crawler errors are sorted by what the caller should do about them, not by where they came from:
 * retry later, skip this page and carry on, or stop and fix the configuration.
 */
export class CrawlError extends Error {
  /** The page the error is about, when there is one, so run summaries can name it. */
  readonly url: string | null;

  constructor(message: string, opts: { url?: string | null; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.url = opts.url ?? null;
  }
}

/** Timeouts, network failures, 5xx, 429: worth another attempt after a pause. */
export class RetryableError extends CrawlError {
  readonly status: number | null;
  /** What the server asked for (Retry-After), before any cap is applied. */
  readonly retryAfterMs: number | null;

  constructor(message: string, opts: { url?: string | null; cause?: unknown; status?: number | null; retryAfterMs?: number | null } = {}) {
    super(message, opts);
    this.status = opts.status ?? null;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

/** 404, a layout that no longer matches, a body too big, a content type we cannot read: skip and count. */
export class NonRetryableError extends CrawlError {
  readonly status: number | null;

  constructor(message: string, opts: { url?: string | null; cause?: unknown; status?: number | null } = {}) {
    super(message, opts);
    this.status = opts.status ?? null;
  }
}

/** Bad configuration: nothing will work until a person fixes it. */
export class CriticalError extends CrawlError {}

/** One line for logs and run summaries: the URL first, because that is what an operator checks. */
export function describeError(err: unknown, url?: string | null): string {
  const message = err instanceof Error ? err.message : String(err);
  const where = (err instanceof CrawlError && err.url) || url;
  return where && !message.includes(where) ? `${where}: ${message}` : message;
}

/** Why a URL was deliberately left alone; none of these is a failure of the crawl. */
export type SkipReason = 'robots' | 'binary' | 'trap' | 'budget';

/**
 * A page the crawler decided not to fetch (robots.txt, binary content, a crawler trap): counted as
 * skipped, never as failed, so a polite refusal does not turn a source red. It extends
 * NonRetryableError because retrying would only reach the same decision.
 */
export class SkippedError extends NonRetryableError {
  readonly reason: SkipReason;

  constructor(reason: SkipReason, message: string, opts: { url?: string | null; status?: number | null } = {}) {
    super(message, opts);
    this.reason = reason;
  }
}
