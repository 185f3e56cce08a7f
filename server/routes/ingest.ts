import { createRoute, z } from '@hono/zod-openapi';
import { RawItem } from '../contracts/item';
import { CrawlRunStats, RemoteSources } from '../contracts/source';
import type { CrawlService } from '../services/crawl-service';
import type { SourcesRepo } from '../repositories/sources-repo';
import { createRouter, problemResponses } from '../http/openapi-app';

const auth = { security: [{ bearer: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
  401: { description: 'Missing or wrong token' },
  ...problemResponses,
});

const filterRoute = createRoute({
  method: 'post', path: '/ingest/filter-unknown', tags: ['ingest'], ...auth,
  summary: 'Of these canonical URLs, the ones not stored yet',
  request: { body: json(z.object({ sourceId: z.string().max(64), urls: z.array(z.string().max(2_048)).max(2_000) })) },
  responses: ok(z.object({ urls: z.array(z.string()) }), 'Unknown URLs'),
});
const itemsRoute = createRoute({
  method: 'post', path: '/ingest/items', tags: ['ingest'], ...auth,
  summary: 'Store a batch of crawled items (all or nothing); duplicates are counted, not stored',
  request: { body: json(z.object({ items: z.array(RawItem).max(500) })) },
  responses: ok(z.object({ new: z.number().int(), duplicate: z.number().int() }), 'Counts'),
});
const startRoute = createRoute({
  method: 'post', path: '/ingest/runs', tags: ['ingest'], ...auth,
  summary: 'Record the start of a crawl run',
  request: { body: json(z.object({ sourceId: z.string().max(64) })) },
  responses: ok(z.object({ id: z.number().int() }), 'The run id'),
});
const finishRoute = createRoute({
  method: 'post', path: '/ingest/runs/{id}/finish', tags: ['ingest'], ...auth,
  summary: 'Record the end of a crawl run with its counters',
  request: {
    params: z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) }),
    body: json(z.object({ stats: CrawlRunStats })),
  },
  responses: ok(z.object({ ok: z.literal(true) }), 'Recorded'),
});

const sourcesRoute = createRoute({
  method: 'get', path: '/ingest/sources', tags: ['ingest'], ...auth,
  summary: 'Sources added on the dashboard (a remote crawler adds them to its sources file) and the ids paused there',
  responses: ok(RemoteSources, 'Dashboard sources and paused ids'),
});

const FrontierUrls = z.object({ sourceId: z.string().max(64), urls: z.array(z.string().max(2_048)).max(2_000) });
const frontierPendingRoute = createRoute({
  method: 'post', path: '/ingest/frontier/pending', tags: ['ingest'], ...auth,
  summary: 'Detail links of a source discovered by an interrupted run and not yet handled',
  request: { body: json(z.object({ sourceId: z.string().max(64) })) },
  responses: ok(z.object({ urls: z.array(z.string()) }), 'Pending links'),
});
const frontierAddRoute = createRoute({
  method: 'post', path: '/ingest/frontier/add', tags: ['ingest'], ...auth,
  summary: 'Record discovered detail links before fetching them (they survive a crash)',
  request: { body: json(FrontierUrls) },
  responses: ok(z.object({ ok: z.literal(true) }), 'Recorded'),
});
const frontierDoneRoute = createRoute({
  method: 'post', path: '/ingest/frontier/done', tags: ['ingest'], ...auth,
  summary: 'Mark detail links handled (stored, duplicate, or failed for good)',
  request: { body: json(FrontierUrls) },
  responses: ok(z.object({ ok: z.literal(true) }), 'Recorded'),
});

/** The remote crawler's door: the same services as the in-process crawler, behind a bearer token. */

export function ingestRoutes(crawl: CrawlService, sources: Pick<SourcesRepo, 'dashboardConfigs' | 'pausedIds'>) {
  const app = createRouter();
  // The token itself is checked with every other route's access rule (http/auth.ts): INGEST_TOKEN or
  // a database token with the ingest scope.
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  return app
    .openapi(filterRoute, async (c) => {
      const b = c.req.valid('json');
      return c.json({ urls: await crawl.sink.filterUnknownUrls(b.sourceId, b.urls) }, 200);
    })
    .openapi(itemsRoute, async (c) => c.json(await crawl.sink.ingest(c.req.valid('json').items), 200))
    .openapi(startRoute, async (c) => c.json({ id: await crawl.sink.startRun(c.req.valid('json').sourceId) }, 200))
    .openapi(frontierPendingRoute, async (c) => {
      const urls = (await crawl.sink.frontier?.pending(c.req.valid('json').sourceId)) ?? [];
      return c.json({ urls }, 200);
    })
    .openapi(frontierAddRoute, async (c) => {
      const b = c.req.valid('json');
      await crawl.sink.frontier?.add(b.sourceId, b.urls);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(frontierDoneRoute, async (c) => {
      const b = c.req.valid('json');
      await crawl.sink.frontier?.done(b.sourceId, b.urls);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(sourcesRoute, (c) => c.json({ sources: sources.dashboardConfigs(), paused: sources.pausedIds() }, 200))
    .openapi(finishRoute, async (c) => {
      await crawl.sink.finishRun(c.req.valid('param').id, c.req.valid('json').stats);
      return c.json({ ok: true as const }, 200);
    });
}
