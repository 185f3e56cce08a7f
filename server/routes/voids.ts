import { createRoute } from '@hono/zod-openapi';
import { VoidList, VoidQuery } from '../contracts/voids';
import { createRouter, jsonResponses } from '../http/openapi-app';
import type { VoidsService } from '../services/voids-service';

const listRoute = createRoute({
  method: 'get',
  path: '/voids',
  tags: ['voids'],
  summary: 'Information voids: rising questions from the public that no notice or rebuttal answers yet',
  description:
    'Questions asked in posts (哪里可以…, 是不是…, 什么时候…) over the last `hours`, grouped by what they ask, with the items asking in the window and in the window before (growth). A void is answered when an official notice, a rebuttal item or record, or a rumour-library rebuttal published after the question (or up to 72 h before it) covers it, by the evidence ranking the rumour desk uses; the answer is linked. Unanswered voids come first, each part ranked by growth. Lists are reused for up to 30 s.',
  request: { query: VoidQuery },
  responses: jsonResponses(VoidList, 'Voids, unanswered first, by growth'),
});

export function voidsRoutes(voids: VoidsService) {
  return createRouter().openapi(listRoute, (c) => c.json(voids.list(c.req.valid('query')), 200));
}
