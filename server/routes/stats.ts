import { createRoute, z } from '@hono/zod-openapi';
import { Overview, Trends } from '../contracts/api';
import type { StatsService } from '../services/stats-service';
import { createRouter, problemResponses } from '../http/openapi-app';

const trendsRoute = createRoute({
  method: 'get',
  path: '/stats/trends',
  tags: ['stats'],
  summary: 'Items per Asia/Shanghai day, in total, by tag and by source',
  request: { query: z.object({ days: z.coerce.number().int().min(1).max(365).default(14) }) },
  responses: { 200: { description: 'Daily series', content: { 'application/json': { schema: Trends } } }, ...problemResponses },
});

const overviewRoute = createRoute({
  method: 'get',
  path: '/stats/overview',
  tags: ['stats'],
  summary: 'Headline numbers for the overview page',
  responses: { 200: { description: 'Counts', content: { 'application/json': { schema: Overview } } } },
});

export function statsRoutes(stats: StatsService) {
  return createRouter()
    .openapi(trendsRoute, (c) => c.json(stats.trends(c.req.valid('query').days), 200))
    .openapi(overviewRoute, (c) => c.json(stats.overview(), 200));
}
