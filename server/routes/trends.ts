import { createRoute } from '@hono/zod-openapi';
import { RumourTrend, TrendQuery, TrendResult } from '../contracts/trends';
import type { TrendsService } from '../services/trends-service';
import { HotWords, InsightQuery, StoryEvents } from '../contracts/insights';
import type { InsightsService } from '../services/insights-service';
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

const hotWordsRoute = createRoute({
  method: 'get',
  path: '/trends/hot-words',
  tags: ['trends'],
  summary: 'Hot words: keywords of the last N hours (word cloud) and those rising against the week before',
  request: { query: InsightQuery },
  responses: jsonResponses(HotWords, 'Hot words'),
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/trends/events',
  tags: ['trends'],
  summary: 'Events: stories repeated across items (near-duplicate clusters) that grew in the last N hours, fastest growing first',
  request: { query: InsightQuery },
  responses: jsonResponses(StoryEvents, 'Events with first-seen time, growth curve and sources'),
});

export function trendsRoutes(trends: TrendsService, insights: InsightsService) {
  return createRouter()
    .openapi(volumeRoute, (c) => c.json(trends.volume(c.req.valid('query')), 200))
    .openapi(rumoursRoute, (c) => c.json(trends.rumours(c.req.valid('query')), 200))
    .openapi(hotWordsRoute, (c) => c.json(insights.hotWords(c.req.valid('query')), 200))
    .openapi(eventsRoute, (c) => c.json(insights.events(c.req.valid('query')), 200));
}
