import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type Settings,
} from 'meilisearch';
import type { Item, ItemKind, Tag } from '../contracts/item';
import { SearchUnavailableError } from '../errors';

export const ITEMS_INDEX = 'items';

/** What Meilisearch holds per item: only the fields searched, filtered or sorted on. */
export interface SearchDoc {
  id: number;
  sourceId: string;
  kind: ItemKind;
  title: string;
  body: string;
  /** Normalised text (simplified, evasions removed) when it differs from the original; else empty. */
  titleAlt: string;
  bodyAlt: string;
  tags: Tag[];
  score: number;
  sortAt: number;
  verdict: string | null;
  sentiment: string | null;
  /** Ids of the monitoring topics the item belongs to. */
  topics: number[];
}

/** Long bodies are cut for the index: the start of a post carries the claim, and the index stays small. */
export const INDEXED_BODY_CHARS = 20_000;

export const ITEMS_SETTINGS: Settings = {
  searchableAttributes: ['title', 'titleAlt', 'body', 'bodyAlt'],
  filterableAttributes: ['sourceId', 'kind', 'tags', 'sortAt', 'verdict', 'sentiment', 'topics'],
  sortableAttributes: ['sortAt', 'score'],
  displayedAttributes: ['id', 'title', 'body'],
  localizedAttributes: [{ attributePatterns: ['title', 'titleAlt', 'body', 'bodyAlt'], locales: ['cmn'] }],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  pagination: { maxTotalHits: 10_000 },
  // Indexing is most of Meilisearch's work during ingest (on a 2-core server, ~90 % of a core at 500
  // items/s), taken from searches and the API. Prefix search (a query's last word matching longer
  // words, for search-as-you-type) and search inside facet values are not used by the dashboard (it
  // searches whole words on Enter; Chinese is segmented, not typed by prefix), and both cost at every
  // indexing batch.
  prefixSearch: 'disabled',
  facetSearch: false,
};

export interface SearchQuery {
  q: string;
  filter: string[];
  sort: string[] | undefined;
  page: number;
  hitsPerPage: number;
}

export interface SearchHit {
  id: number;
}

/** Turns driver failures into our errors: the service layer never sees meilisearch types. */
function translate(err: unknown): never {
  if (err instanceof MeilisearchRequestError || err instanceof MeilisearchRequestTimeOutError) {
    throw new SearchUnavailableError();
  }
  // 408/429: the engine is overloaded (its request timed out, too many searches) — unavailable, not a bug.
  const status = err instanceof MeilisearchApiError ? (err.response?.status ?? 0) : 0;
  if (status >= 500 || status === 408 || status === 429) {
    throw new SearchUnavailableError();
  }
  throw err;
}

export function createSearchIndex(opts: { url: string; apiKey: string | null; indexUid?: string }) {
  // identity encoding: with compressed responses each search stalled ~40 ms on a kept-alive connection.
  const client = new Meilisearch({
    host: opts.url,
    apiKey: opts.apiKey ?? undefined,
    timeout: 10_000,
    requestInit: { headers: { 'accept-encoding': 'identity' } },
  });
  const uid = opts.indexUid ?? ITEMS_INDEX;
  const index = client.index<SearchDoc>(uid);

  return {
    uid,
    async isHealthy(): Promise<boolean> {
      try {
        return (await client.health()).status === 'available';
      } catch {
        return false;
      }
    },

    /** Creates the index if needed and applies settings; idempotent (Meilisearch skips unchanged settings). */
    async ensureIndex(timeoutMs = 60_000): Promise<void> {
      try {
        try {
          await index.getRawInfo();
        } catch (err) {
          if (err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found') {
            await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: timeoutMs });
          } else throw err;
        }
        const task = await index.updateSettings(ITEMS_SETTINGS).waitTask({ timeout: timeoutMs });
        if (task.status === 'failed') throw new Error(`index settings failed: ${task.error?.message}`);
      } catch (err) {
        translate(err);
      }
    },

    /** Writes documents and waits until they are searchable; re-sending a document replaces it. */
    async upsert(docs: SearchDoc[], timeoutMs = 120_000): Promise<void> {
      if (docs.length === 0) return;
      try {
        const task = await index.addDocuments(docs, { primaryKey: 'id' }).waitTask({ timeout: timeoutMs });
        if (task.status === 'failed') throw new Error(`indexing failed: ${task.error?.message}`);
      } catch (err) {
        translate(err);
      }
    },

    /** Removes the documents of items that no longer exist (purged by the retention policy). */
    async remove(ids: number[], timeoutMs = 120_000): Promise<void> {
      if (ids.length === 0) return;
      try {
        const task = await index.deleteDocuments(ids).waitTask({ timeout: timeoutMs });
        if (task.status === 'failed') throw new Error(`deleting failed: ${task.error?.message}`);
      } catch (err) {
        translate(err);
      }
    },

    async deleteAll(timeoutMs = 120_000): Promise<void> {
      try {
        await index.deleteAllDocuments().waitTask({ timeout: timeoutMs });
      } catch (err) {
        translate(err);
      }
    },

    async search(query: SearchQuery): Promise<{ hits: SearchHit[]; total: number }> {
      try {
        // Ids only: results are marked on the server (services/search-highlight.ts), because the
        // engine's highlighter cost it ~40 ms per Chinese query, the search itself ~3 ms.
        const res = await index.search(query.q, {
          filter: query.filter,
          sort: query.sort,
          page: query.page,
          hitsPerPage: query.hitsPerPage,
          attributesToRetrieve: ['id'],
        });
        return { total: res.totalHits, hits: res.hits.map((h) => ({ id: h.id as number })) };
      } catch (err) {
        translate(err);
      }
    },

    /** Exchanges this index's contents with another's atomically (zero-downtime rebuilds). */
    async swapWith(otherUid: string, timeoutMs = 60_000): Promise<void> {
      try {
        const task = await client.swapIndexes([{ indexes: [uid, otherUid], rename: false }]).waitTask({ timeout: timeoutMs });
        if (task.status === 'failed') throw new Error(`index swap failed: ${task.error?.message}`);
      } catch (err) {
        translate(err);
      }
    },

    async drop(timeoutMs = 60_000): Promise<void> {
      try {
        await client.deleteIndex(uid).waitTask({ timeout: timeoutMs });
      } catch (err) {
        translate(err);
      }
    },

    async documentCount(): Promise<number> {
      try {
        return (await index.getStats()).numberOfDocuments;
      } catch (err) {
        translate(err);
      }
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;

export function toSearchDoc(item: Item, normalise: (s: string) => string): SearchDoc {
  const body = item.body.slice(0, INDEXED_BODY_CHARS);
  const titleAlt = normalise(item.title);
  const bodyAlt = normalise(body);
  return {
    id: item.id,
    sourceId: item.sourceId,
    kind: item.kind,
    title: item.title,
    body,
    titleAlt: titleAlt === item.title ? '' : titleAlt,
    bodyAlt: bodyAlt === body ? '' : bodyAlt,
    tags: item.tags,
    score: item.score,
    sortAt: Date.parse(item.publishedAt ?? item.collectedAt),
    verdict: item.verdict?.verdict ?? null,
    sentiment: item.sentiment?.label ?? null,
    topics: item.topics.map((t) => t.id),
  };
}
