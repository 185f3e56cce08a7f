import robotsParser from 'robots-parser';

/** What fetching /robots.txt gave: its text, "none there" (any 4xx), or no answer (5xx, 429, network). */
export type RobotsFile = { kind: 'found'; text: string } | { kind: 'missing'; status: number } | { kind: 'unreachable'; detail: string };

export type LoadRobots = (robotsUrl: URL) => Promise<RobotsFile>;

export type RobotsVerdict =
  | { allowed: true; crawlDelayMs: number }
  | { allowed: false; why: 'disallowed'; robotsUrl: string; line: number }
  | { allowed: false; why: 'unreachable'; robotsUrl: string; detail: string; retryAt: number };

export interface RobotsCacheOptions {
  /** The crawler's User-Agent; its product token ("yuqing-dashboard-crawler") picks the robots.txt group. */
  userAgent: string;
  /** How long a fetched (or missing) robots.txt is trusted. */
  ttlMs?: number;
  /** How long an unreachable robots.txt keeps its host closed before we ask again. */
  errorTtlMs?: number;
  /** Crawl-delay above this is clamped: a host asking for minutes between pages gets one page a minute. */
  maxCrawlDelayMs?: number;
  maxOrigins?: number;
  now?: () => number;
}

type Rules = ReturnType<typeof robotsParser>;

interface Entry {
  expires: number;
  rules: Rules | null;
  /** Set when robots.txt could not be read: everything on the host is refused until `expires`. */
  unreachable: string | null;
}

export const ROBOTS_TTL_MS = 60 * 60_000;
export const ROBOTS_ERROR_TTL_MS = 5 * 60_000;
export const MAX_CRAWL_DELAY_MS = 60_000;
/** Google reads at most 500 KiB of a robots.txt; rules past that are ignored. */
export const MAX_ROBOTS_BYTES = 500 * 1024;

/** "Mozilla/5.0 (compatible; Foo/1.0)" → "Mozilla": robots.txt groups name products, not full strings. */
export function productToken(userAgent: string): string {
  return userAgent.trim().split(/[\s/]/, 1)[0] || '*';
}

/**
 * robots.txt per origin (scheme, host and port), fetched once and cached with a TTL, by the usual
 * convention (RFC 9309): a robots.txt that is missing (any 4xx) allows everything; one that cannot
 * be read (5xx, 429, network failure) refuses everything for now and is asked for again after
 * errorTtlMs. Concurrent checks of one origin share a single fetch.
 */
export function createRobotsCache(opts: RobotsCacheOptions) {
  const ttlMs = opts.ttlMs ?? ROBOTS_TTL_MS;
  const errorTtlMs = opts.errorTtlMs ?? ROBOTS_ERROR_TTL_MS;
  const maxCrawlDelayMs = opts.maxCrawlDelayMs ?? MAX_CRAWL_DELAY_MS;
  const maxOrigins = opts.maxOrigins ?? 1_000;
  const now = opts.now ?? Date.now;
  const token = productToken(opts.userAgent);
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<Entry>>();

  async function fetchEntry(origin: string, loadFile: LoadRobots): Promise<Entry> {
    const robotsUrl = new URL('/robots.txt', origin);
    let file: RobotsFile;
    try {
      file = await loadFile(robotsUrl);
    } catch (err) {
      file = { kind: 'unreachable', detail: err instanceof Error ? err.message : String(err) };
    }
    const at = now();
    if (file.kind === 'found') return { expires: at + ttlMs, rules: robotsParser(robotsUrl.href, file.text), unreachable: null };
    if (file.kind === 'missing') return { expires: at + ttlMs, rules: null, unreachable: null };
    return { expires: at + errorTtlMs, rules: null, unreachable: file.detail };
  }

  async function entryFor(origin: string, loadFile: LoadRobots): Promise<Entry> {
    const cached = entries.get(origin);
    if (cached && cached.expires > now()) {
      // Re-insert: Map order is the LRU order.
      entries.delete(origin);
      entries.set(origin, cached);
      return cached;
    }
    let pending = loading.get(origin);
    if (!pending) {
      pending = fetchEntry(origin, loadFile).finally(() => loading.delete(origin));
      loading.set(origin, pending);
    }
    const entry = await pending;
    entries.delete(origin);
    entries.set(origin, entry);
    while (entries.size > maxOrigins) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    return entry;
  }

  return {
    /**
     * May `url` be fetched, and how slowly? `loadFile` fetches the origin's robots.txt when it is not
     * cached; the first caller's loader is used (the fetcher passes one bound to the source's policy).
     */
    async check(url: URL, loadFile: LoadRobots): Promise<RobotsVerdict> {
      const entry = await entryFor(url.origin, loadFile);
      const robotsUrl = `${url.origin}/robots.txt`;
      if (entry.unreachable !== null) return { allowed: false, why: 'unreachable', robotsUrl, detail: entry.unreachable, retryAt: entry.expires };
      if (!entry.rules) return { allowed: true, crawlDelayMs: 0 };
      if (entry.rules.isAllowed(url.href, token) === false) {
        return { allowed: false, why: 'disallowed', robotsUrl, line: entry.rules.getMatchingLineNumber(url.href, token) };
      }
      const delay = entry.rules.getCrawlDelay(token);
      const crawlDelayMs = typeof delay === 'number' && delay > 0 ? Math.min(delay * 1_000, maxCrawlDelayMs) : 0;
      return { allowed: true, crawlDelayMs };
    },
    /** Forgets every cached robots.txt (tests, or an operator who knows a site changed its rules). */
    clear(): void {
      entries.clear();
    },
  };
}

export type RobotsCache = ReturnType<typeof createRobotsCache>;
