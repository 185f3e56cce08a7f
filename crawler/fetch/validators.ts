/** What a server said identifies a version of a page; sent back as If-None-Match / If-Modified-Since. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/**
 * Durable storage for validators, so conditional requests survive a restart. The server can back
 * it with SQLite later; the fetcher only needs get and set, sync or async.
 */
export interface ValidatorStore {
  get(url: string): Validators | null | undefined | Promise<Validators | null | undefined>;
  set(url: string, validators: Validators): void | Promise<void>;
}

export const DEFAULT_VALIDATOR_ENTRIES = 5_000;

/** The validators of a response, or null when it has none worth sending back. */
export function validatorsOf(headers: Headers): Validators | null {
  const etag = headers.get('etag')?.trim() || null;
  const lastModified = headers.get('last-modified')?.trim() || null;
  // A server that stamps every response with "now" as Last-Modified makes If-Modified-Since useless
  // but harmless: it answers 200. Both are kept as given.
  return etag || lastModified ? { etag, lastModified } : null;
}

export function conditionalHeaders(v: Validators | null): Record<string, string> {
  const headers: Record<string, string> = {};
  if (v?.etag) headers['if-none-match'] = v.etag;
  if (v?.lastModified) headers['if-modified-since'] = v.lastModified;
  return headers;
}

/**
 * An in-memory LRU of validators by URL in front of an optional durable store. Lookups that miss
 * the LRU ask the store; writes go to both. A store that fails never fails a crawl: a lost
 * validator only costs one full download.
 */
export function createValidatorCache(opts: { maxEntries?: number; store?: ValidatorStore; onStoreError?: (err: unknown) => void } = {}) {
  const maxEntries = opts.maxEntries ?? DEFAULT_VALIDATOR_ENTRIES;
  const lru = new Map<string, Validators>();

  function put(url: string, v: Validators): void {
    lru.delete(url);
    lru.set(url, v);
    while (lru.size > maxEntries) {
      const oldest = lru.keys().next().value;
      if (oldest === undefined) break;
      lru.delete(oldest);
    }
  }

  return {
    async get(url: string): Promise<Validators | null> {
      const hit = lru.get(url);
      if (hit) {
        put(url, hit);
        return hit;
      }
      if (!opts.store) return null;
      try {
        const stored = await opts.store.get(url);
        if (stored) put(url, stored);
        return stored ?? null;
      } catch (err) {
        opts.onStoreError?.(err);
        return null;
      }
    },
    async set(url: string, v: Validators): Promise<void> {
      put(url, v);
      try {
        await opts.store?.set(url, v);
      } catch (err) {
        opts.onStoreError?.(err);
      }
    },
    get size(): number {
      return lru.size;
    },
  };
}

export type ValidatorCache = ReturnType<typeof createValidatorCache>;
