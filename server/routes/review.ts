import { createRoute, z } from '@hono/zod-openapi';
import { ItemPage, VerdictBody } from '../contracts/api';
import { Item } from '../contracts/item';
import type { ReviewService } from '../services/review-service';
import { createRouter, problemResponses } from '../http/openapi-app';
import { IdParam } from './items';

const QueueQuery = z.object({
  status: z.enum(['pending', 'decided', 'all']).default('pending'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const queueRoute = createRoute({
  method: 'get',
  path: '/review/queue',
  tags: ['review'],
  summary: 'Suspected rumours to review, highest score then newest first',
  request: { query: QueueQuery },
  responses: { 200: { description: 'A page of the queue', content: { 'application/json': { schema: ItemPage } } }, ...problemResponses },
});

const verdictRoute = createRoute({
  method: 'post',
  path: '/review/items/{id}/verdict',
  tags: ['review'],
  summary: 'Record a verdict (confirmed rumour / not a rumour) with who and when',
  description: 'A later verdict replaces the current one; every verdict is kept in the item history.',
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: VerdictBody } } },
  },
  responses: { 200: { description: 'The item with its verdict', content: { 'application/json': { schema: Item } } }, ...problemResponses },
});

export function reviewRoutes(review: ReviewService) {
  return createRouter()
    .openapi(queueRoute, (c) => {
      const q = c.req.valid('query');
      return c.json(review.queue(q.status, q.page, q.pageSize), 200);
    })
    .openapi(verdictRoute, (c) => c.json(review.recordVerdict(c.req.valid('param').id, c.req.valid('json')), 200));
}
