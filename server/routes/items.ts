import { createRoute, z } from '@hono/zod-openapi';
import { ItemPage, ItemQuery } from '../contracts/api';
import { Item } from '../contracts/item';
import { ItemCluster } from '../contracts/cluster';
import type { ItemsService } from '../services/items-service';
import { createRouter, problemResponses } from '../http/openapi-app';

export const IdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/items',
  tags: ['items'],
  summary: 'Search and list collected items',
  description:
    'With `q`, a full-text search (Meilisearch; Chinese word segmentation, traditional folded to simplified). ' +
    'Without it, or when the search engine is down, a listing from SQLite (`engine: "database"`). ' +
    '`from`/`to` take Asia/Shanghai days (YYYY-MM-DD, inclusive) or ISO instants.',
  request: { query: ItemQuery },
  responses: { 200: { description: 'A page of items', content: { 'application/json': { schema: ItemPage } } }, ...problemResponses },
});

const getRoute = createRoute({
  method: 'get',
  path: '/items/{id}',
  tags: ['items'],
  summary: 'One item with full text, tags, score, reasons and verdict',
  request: { params: IdParam },
  responses: { 200: { description: 'The item', content: { 'application/json': { schema: Item } } }, ...problemResponses },
});

const ClusterQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ description: 'Most members (and exact reposts) listed' }),
});

const clusterRoute = createRoute({
  method: 'get',
  path: '/items/{id}/cluster',
  tags: ['items'],
  summary: 'The near-duplicate cluster of an item: its reposts, oldest first, and growth per day',
  description:
    'Reposts of one story with small edits (a few characters, emoji, a "转发：" prefix, another ending) share a cluster; ' +
    '`size` counts its items plus exact reposts (the same content under other URLs). Members are listed oldest first ' +
    '(published time, else collection time) up to `limit`; `perDay` covers the whole cluster (Asia/Shanghai days).',
  request: { params: IdParam, query: ClusterQuery },
  responses: {
    200: { description: 'The cluster', content: { 'application/json': { schema: ItemCluster } } },
    ...problemResponses,
  },
});

export function itemsRoutes(items: ItemsService) {
  return createRouter()
    .openapi(listRoute, async (c) => c.json(await items.listItems(c.req.valid('query')), 200))
    .openapi(getRoute, (c) => c.json(items.getItem(c.req.valid('param').id), 200))
    .openapi(clusterRoute, (c) => c.json(items.getCluster(c.req.valid('param').id, c.req.valid('query').limit), 200));
}
