import { createRoute, z } from '@hono/zod-openapi';
import { CrawlRun, SourceConfig, SourceView, unknownSourceFields } from '../contracts/source';
import { ConflictError, ValidationError } from '../errors';
import type { SourcesRepo } from '../repositories/sources-repo';
import type { SourcesService } from '../services/sources-service';
import type { CrawlService } from '../services/crawl-service';
import { createRouter, problemResponses } from '../http/openapi-app';

const listRoute = createRoute({
  method: 'get',
  path: '/sources',
  tags: ['sources'],
  summary: 'Configured sources with item counts, their last crawl run and their health',
  description: 'Health: last success, items collected per day (7 days), page error rate over the last 20 runs, recent errors, median publish → collect delay, and flags ("failing": the last 3 runs failed; "silent": no new items for 5× the usual gap).',
  responses: {
    200: { description: 'Sources', content: { 'application/json': { schema: z.object({ sources: z.array(SourceView) }) } } },
  },
});

const crawlRoute = createRoute({
  method: 'post',
  path: '/sources/{id}/crawl',
  tags: ['sources'],
  summary: 'Crawl a source now',
  request: { params: z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    202: { description: 'The run started', content: { 'application/json': { schema: z.object({ runId: z.number().int() }) } } },
    409: { description: 'A run of this source is in progress (problem+json)' },
    ...problemResponses,
  },
});

const SourceIdParam = z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' } }) });

const pauseRoute = createRoute({
  method: 'patch',
  path: '/sources/{id}',
  tags: ['sources'],
  summary: 'Pause or resume a source (schedules skip a paused source; its items stay)',
  request: {
    params: SourceIdParam,
    body: { required: true, content: { 'application/json': { schema: z.object({ paused: z.boolean() }) } } },
  },
  responses: {
    200: { description: 'The source', content: { 'application/json': { schema: SourceView } } },
    ...problemResponses,
  },
});

const configBody = {
  required: true,
  content: { 'application/json': { schema: SourceConfig } },
} as const;

const createRoute_ = createRoute({
  method: 'post',
  path: '/sources',
  tags: ['sources'],
  summary: 'Add a source from the dashboard (admins); it is crawled on its schedule at once, without a restart',
  description:
    'The body is a source config, as in SOURCES_FILE. 422 names every invalid field (also: an invalid cron expression, a non-http URL, a loopback/private address without allowPrivateNetwork); 409 when the id is taken.',
  request: { body: configBody },
  responses: {
    201: { description: 'The source', content: { 'application/json': { schema: SourceView } } },
    409: { description: 'The id is taken (problem+json)' },
    ...problemResponses,
  },
});

const configRoute = createRoute({
  method: 'get',
  path: '/sources/{id}/config',
  tags: ['sources'],
  summary: "A source's stored config and origin ('file': SOURCES_FILE, read-only here; 'dashboard': editable)",
  request: { params: SourceIdParam },
  responses: {
    200: {
      description: 'The config',
      content: { 'application/json': { schema: z.object({ origin: z.enum(['file', 'dashboard']), config: SourceConfig }) } },
    },
    ...problemResponses,
  },
});

const replaceRoute = createRoute({
  method: 'put',
  path: '/sources/{id}',
  tags: ['sources'],
  summary: "Replace a dashboard source's config (admins); the id cannot change. Config-file sources: 409",
  request: { params: SourceIdParam, body: configBody },
  responses: {
    200: { description: 'The source', content: { 'application/json': { schema: SourceView } } },
    409: { description: 'A config-file source (problem+json)' },
    ...problemResponses,
  },
});

/**
 * The validated config, or a 422 naming each field of the request no source type knows: validation
 * drops unknown keys, and a typo ("shedule") would otherwise be saved as if it had not been written.
 */
async function knownFieldsOnly<T>(c: { req: { json(): Promise<unknown> } }, valid: T): Promise<T> {
  // `actor` is the request's own field (the signed-in person, stamped by the auth middleware), not config.
  const unknown = unknownSourceFields(await c.req.json()).filter((k) => !(k.length === 1 && k[0] === 'actor'));
  if (unknown.length) {
    throw new ValidationError(
      `unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.map((k) => k.join('.')).join(', ')}`,
      unknown.map((k) => ({ path: k.join('.'), message: 'unknown field (typo?)' })),
    );
  }
  return valid;
}

const deleteRoute = createRoute({
  method: 'delete',
  path: '/sources/{id}',
  tags: ['sources'],
  summary: 'Delete a dashboard source that has no items (admins). With items, or a config-file source: 409 (pause it instead)',
  request: { params: SourceIdParam },
  responses: {
    204: { description: 'Deleted' },
    409: { description: 'The source has items, is being crawled, or comes from the config file (problem+json)' },
    ...problemResponses,
  },
});

const RunsQuery = z.object({
  source: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const runsRoute = createRoute({
  method: 'get',
  path: '/crawl-runs',
  tags: ['sources'],
  summary: 'Crawl runs, newest first: start, end, fetched, new, duplicate, failed, last error',
  request: { query: RunsQuery },
  responses: {
    200: {
      description: 'Runs',
      content: { 'application/json': { schema: z.object({ runs: z.array(CrawlRun), total: z.number().int() }) } },
    },
    ...problemResponses,
  },
});

export function sourcesRoutes(service: SourcesService, sources: SourcesRepo, crawl: CrawlService | null) {
  return createRouter()
    .openapi(listRoute, (c) => c.json({ sources: service.listSources() }, 200))
    .openapi(pauseRoute, (c) => c.json(service.setPaused(c.req.valid('param').id, c.req.valid('json').paused), 200))
    .openapi(createRoute_, async (c) => c.json(service.create(await knownFieldsOnly(c, c.req.valid('json'))), 201))
    .openapi(configRoute, (c) => c.json(service.getConfig(c.req.valid('param').id), 200))
    .openapi(replaceRoute, async (c) => c.json(service.replace(c.req.valid('param').id, await knownFieldsOnly(c, c.req.valid('json'))), 200))
    .openapi(deleteRoute, (c) => {
      const { id } = c.req.valid('param');
      if (crawl?.isRunning(id)) throw new ConflictError(`source ${id} is being crawled: wait for the run to end`, 'source_running', { id });
      service.remove(id);
      return c.body(null, 204);
    })
    .openapi(crawlRoute, async (c) => {
      if (!crawl) return c.json({ runId: 0 }, 202);
      const { runId } = await crawl.crawlNow(c.req.valid('param').id);
      return c.json({ runId }, 202);
    })
    .openapi(runsRoute, (c) => {
      const q = c.req.valid('query');
      return c.json(sources.listRuns(q.source, q.pageSize, (q.page - 1) * q.pageSize), 200);
    });
}
