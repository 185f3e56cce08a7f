import { createRoute } from '@hono/zod-openapi';
import { RumourTrend, TrendQuery, TrendResult } from '../contracts/trends';
import type { TrendsService } from '../services/trends-service';
import { createRouter, jsonResponses } from '../http/openapi-app';

const volumeRoute = createRoute({
  method: 'get',
  path: '/trends',
  tags: ['trends'],
  summary: 'Item volume per hour or day, in all or by source, kind, tag, sentiment or topic, with each line’s share of all items and the previous period',
  description:
    'With topic=ID the volume of that topic (by=all) or its sentiment (by=sentiment); with by=topic&topics=1,2 topics side by side. Answers come from an hourly rollup kept exact by database triggers.',
  request: { query: TrendQuery },
  responses: jsonResponses(TrendResult, 'Trend lines'),
});

const rumoursRoute = createRoute({
  method: 'get',
  path: '/trends/rumours',
  tags: ['trends'],
  summary: 'Rumours confirmed (new known-rumour entries) and rumours answered (first rebuttal published), per bucket',
  request: { query: TrendQuery.pick({ from: true, to: true, interval: true }) },
  responses: jsonResponses(RumourTrend, 'Found vs rebutted'),
});

export function trendsRoutes(trends: TrendsService) {
  return createRouter()
    .openapi(volumeRoute, (c) => c.json(trends.volume(c.req.valid('query')), 200))
    .openapi(rumoursRoute, (c) => c.json(trends.rumours(c.req.valid('query')), 200));
}
