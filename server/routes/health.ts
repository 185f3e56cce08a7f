import { createRoute } from '@hono/zod-openapi';
import { Health } from '../contracts/api';
import { createRouter } from '../http/openapi-app';

export interface HealthProbe {
  database(): boolean;
  search(): Promise<boolean>;
  outboxPending(): number;
  version: string;
}

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['operations'],
  summary: 'Liveness and dependencies: database, search engine, items waiting for the index',
  description: 'Answers 200 while the database works, "degraded" when the search engine is down (items are kept and indexed later); 503 when the database fails.',
  responses: {
    200: { description: 'Up', content: { 'application/json': { schema: Health } } },
    503: { description: 'Database unavailable', content: { 'application/json': { schema: Health } } },
  },
});

export function healthRoutes(probe: HealthProbe) {
  return createRouter().openapi(healthRoute, async (c) => {
    const db = probe.database();
    const search = await probe.search();
    const body: Health = {
      status: db && search ? 'ok' : 'degraded',
      database: db ? 'ok' : 'error',
      search: search ? 'ok' : 'unavailable',
      outboxPending: db ? probe.outboxPending() : 0,
      version: probe.version,
    };
    return c.json(body, db ? 200 : 503);
  });
}
