import type { CrawlSink, IngestResult } from '../server/contracts/ingest';
import type { RawItem } from '../server/contracts/item';
import type { CrawlRunStats } from '../server/contracts/source';
import { realSleep, type Sleep } from './fetch/host-queue';

export interface HttpSinkOptions {
  apiUrl: string;
  token: string;
  timeoutMs?: number;
  /** Attempts after the first for network errors and 5xx; the server dedups, so repeats are safe. */
  retries?: number;
  sleep?: Sleep;
}

/** The server caps filter-unknown at 2,000 URLs and items at 500 per request. */
const MAX_URLS_PER_CALL = 1_000;
const MAX_ITEMS_PER_CALL = 200;

export class IngestApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'IngestApiError';
  }
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The crawler's sink when it runs on its own: the server's authenticated /api/ingest routes. */
export function createHttpSink(opts: HttpSinkOptions): CrawlSink {
  const base = opts.apiUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const retries = opts.retries ?? 2;
  const sleep = opts.sleep ?? realSleep;

  async function post<T>(route: string, body: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${base}/api${route}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        if (attempt < retries) {
          await sleep(500 * 2 ** attempt);
          continue;
        }
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
        throw new IngestApiError(`ingest API unreachable at ${base} (${cause})`, null);
      }
      if (response.ok) return (await response.json()) as T;
      if (response.status >= 500 && attempt < retries) {
        await response.body?.cancel().catch(() => undefined);
        await sleep(500 * 2 ** attempt);
        continue;
      }
      // problem+json carries the reason; show it rather than a bare status.
      const text = await response.text().catch(() => '');
      let detail = text.slice(0, 300);
      try {
        const problem = JSON.parse(text) as { detail?: string; code?: string };
        if (problem.detail) detail = `${problem.code ?? ''} ${problem.detail}`.trim();
      } catch {
        /* not JSON: keep the text */
      }
      throw new IngestApiError(`ingest API ${route} answered ${response.status}: ${detail}`, response.status);
    }
  }

  return {
    async filterUnknownUrls(sourceId: string, urls: string[]): Promise<string[]> {
      const unknown: string[] = [];
      for (const part of chunks(urls, MAX_URLS_PER_CALL)) {
        const result = await post<{ urls: string[] }>('/ingest/filter-unknown', { sourceId, urls: part });
        unknown.push(...result.urls);
      }
      return unknown;
    },
    async ingest(items: RawItem[]): Promise<IngestResult> {
      const total: IngestResult = { new: 0, duplicate: 0 };
      for (const part of chunks(items, MAX_ITEMS_PER_CALL)) {
        const result = await post<IngestResult>('/ingest/items', { items: part });
        total.new += result.new;
        total.duplicate += result.duplicate;
      }
      return total;
    },
    async startRun(sourceId: string): Promise<number> {
      return (await post<{ id: number }>('/ingest/runs', { sourceId })).id;
    },
    async finishRun(runId: number, stats: CrawlRunStats): Promise<void> {
      await post<{ ok: true }>(`/ingest/runs/${runId}/finish`, { stats });
    },
    frontier: {
      async pending(sourceId: string): Promise<string[]> {
        return (await post<{ urls: string[] }>('/ingest/frontier/pending', { sourceId })).urls;
      },
      async add(sourceId: string, urls: string[]): Promise<void> {
        for (const part of chunks(urls, MAX_URLS_PER_CALL)) await post('/ingest/frontier/add', { sourceId, urls: part });
      },
      async done(sourceId: string, urls: string[]): Promise<void> {
        for (const part of chunks(urls, MAX_URLS_PER_CALL)) await post('/ingest/frontier/done', { sourceId, urls: part });
      },
    },
  };
}
