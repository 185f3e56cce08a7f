import { createRoute, z } from '@hono/zod-openapi';
import { ItemPage, ItemQuery } from '../contracts/api';
import { Item } from '../contracts/item';
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

export function itemsRoutes(items: ItemsService) {
  return createRouter()
    .openapi(listRoute, async (c) => c.json(await items.listItems(c.req.valid('query')), 200))
    .openapi(getRoute, (c) => c.json(items.getItem(c.req.valid('param').id), 200));
}
