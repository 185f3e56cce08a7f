import { createRoute, z } from '@hono/zod-openapi';
import { OfflineSighting, OfflineSightingPage, SightingReport } from '../contracts/sighting';
import type { SightingsService } from '../services/sightings-service';
import { createRouter, problemResponses } from '../http/openapi-app';

const reportRoute = createRoute({
  method: 'post',
  path: '/sightings',
  tags: ['review'],
  summary: 'Report a rumour heard offline (text, place, day): it joins clustering, library matching and the review queue',
  description: 'Sending the same report twice returns the first one (200) instead of a duplicate.',
  request: { body: { required: true, content: { 'application/json': { schema: SightingReport } } } },
  responses: {
    201: { description: 'Stored', content: { 'application/json': { schema: OfflineSighting } } },
    200: { description: 'Already reported', content: { 'application/json': { schema: OfflineSighting } } },
    ...problemResponses,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/sightings',
  tags: ['review'],
  summary: 'Offline sightings, most recently heard first, with their review status and library matches',
  request: {
    query: z.object({
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: { 200: { description: 'A page', content: { 'application/json': { schema: OfflineSightingPage } } }, ...problemResponses },
});

export function sightingsRoutes(sightings: SightingsService) {
  return createRouter()
    .openapi(reportRoute, (c) => {
      const { sighting, created } = sightings.report(c.req.valid('json'));
      return created ? c.json(sighting, 201) : c.json(sighting, 200);
    })
    .openapi(listRoute, (c) => {
      const q = c.req.valid('query');
      return c.json(sightings.list(q.page, q.pageSize), 200);
    });
}
