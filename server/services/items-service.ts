import type { ItemPage, ItemQuery, ItemSummary } from '../contracts/api';
import type { Item } from '../contracts/item';
import type { ItemFilter, ItemsRepo } from '../repositories/items-repo';
import type { SearchIndex } from '../repositories/search-index';
import { NotFoundError, SearchUnavailableError, ValidationError } from '../errors';
import { parseBounds } from './date-bounds';
import type { ItemCluster } from '../contracts/cluster';
import type { ClusterService } from './cluster-service';
import { excerptOf, type Segment } from './highlight';
import { highlightFor, queryTerms } from './search-highlight';

function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function summarise(item: Item, highlight: Segment[] | null): ItemSummary {
  const { body, ...rest } = item;
  return { ...rest, excerpt: excerptOf(body), highlight };
}

/** Search and listing: Meilisearch for text queries, SQLite for everything else and as the fallback. */
export function createItemsService(deps: {
  items: ItemsRepo;
  index: SearchIndex | null;
  normalise: (s: string) => string;
  clusters: Pick<ClusterService, 'getCluster'>;
  onSearchFallback?: (err: Error) => void;
}) {
  function filterOf(query: ItemQuery): ItemFilter {
    const { fromIso, toIso } = parseBounds(query.from, query.to);
    return { sourceId: query.source, kind: query.kind, tag: query.tag, sentiment: query.sentiment, topicId: query.topic, fromIso, toIso };
  }

  function fromDatabase(query: ItemQuery, filter: ItemFilter, terms: string[] | undefined): ItemPage {
    const sort = !query.sort || query.sort === 'relevance' ? 'newest' : query.sort;
    // The fallback for search marks the words it matched, like a search does.
    const marks = terms?.length ? queryTerms(terms.join(' ')) : null;
    const { items, total } = deps.items.listItems(
      { ...filter, terms },
      sort,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    );
    return {
      items: items.map((it) => summarise(it, marks ? highlightFor(it, marks) : null)),
      total,
      page: query.page,
      pageSize: query.pageSize,
      engine: 'database',
    };
  }

  async function fromSearch(query: ItemQuery, filter: ItemFilter, q: string, index: SearchIndex): Promise<ItemPage> {
    const f: string[] = [];
    if (filter.sourceId) f.push(`sourceId = ${quote(filter.sourceId)}`);
    if (filter.kind) f.push(`kind = ${quote(filter.kind)}`);
    if (filter.tag) f.push(`tags = ${quote(filter.tag)}`);
    if (filter.sentiment) f.push(`sentiment = ${quote(filter.sentiment)}`);
    if (filter.topicId) f.push(`topics = ${filter.topicId}`);
    if (filter.fromIso) f.push(`sortAt >= ${Date.parse(filter.fromIso)}`);
    if (filter.toIso) f.push(`sortAt < ${Date.parse(filter.toIso)}`);
    const sort =
      query.sort === 'newest' ? ['sortAt:desc'] : query.sort === 'oldest' ? ['sortAt:asc'] : query.sort === 'score' ? ['score:desc'] : undefined;
    const res = await index.search({ q, filter: f, sort, page: query.page, hitsPerPage: query.pageSize });
    const byId = new Map(deps.items.getItemsByIds(res.hits.map((h) => h.id)).map((it) => [it.id, it]));
    const terms = queryTerms(q);
    const items: ItemSummary[] = [];
    for (const hit of res.hits) {
      const item = byId.get(hit.id);
      if (!item) continue; // purged from SQLite, index not yet caught up
      items.push(summarise(item, highlightFor(item, terms)));
    }
    return { items, total: res.total, page: query.page, pageSize: query.pageSize, engine: 'search' };
  }

  return {
    async listItems(query: ItemQuery): Promise<ItemPage> {
      const filter = filterOf(query);
      const q = deps.normalise(query.q?.trim() ?? '').trim();
      if (!q) return fromDatabase(query, filter, undefined);
      if (deps.index) {
        try {
          return await fromSearch(query, filter, q, deps.index);
        } catch (err) {
          if (!(err instanceof SearchUnavailableError)) throw err;
          deps.onSearchFallback?.(err);
        }
      }
      // Degraded but honest: substring match in SQLite, flagged as engine "database".
      return fromDatabase(query, filter, q.split(/\s+/).filter(Boolean).slice(0, 8));
    },

    getItem(id: number): Item {
      const item = deps.items.getItem(id);
      if (!item) throw new NotFoundError('item', id);
      return item;
    },

    /** The near-duplicate cluster of an item (404 when the item does not exist). */
    getCluster(id: number, limit: number): ItemCluster {
      return deps.clusters.getCluster(id, limit);
    },
  };
}

export type ItemsService = ReturnType<typeof createItemsService>;
