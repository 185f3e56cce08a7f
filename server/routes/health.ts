import { createRoute, z } from '@hono/zod-openapi';
import { Health } from '../contracts/api';
import { createRouter } from '../http/openapi-app';
import { problemResponse } from '../http/problem';

export interface HealthProbe {
  database(): boolean;
  search(): Promise<boolean>;
  outboxPending(): number;
  /** Where the process is in its life; absent (tests that wire the app alone): always 'ready'. */
  state?(): 'starting' | 'ready' | 'draining';
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

const Ready = z.object({ ready: z.literal(true) }).openapi('Ready');
const NotReady = z
  .object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), code: z.enum(['starting', 'shutting_down', 'database_unavailable']), requestId: z.string() })
  .openapi('NotReady');

const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['operations'],
  summary: 'Readiness: whether to send this process traffic',
  description:
    'Answers 200 once start-up has finished and while the database answers; 503 (problem+json, code `shutting_down`, `starting` or `database_unavailable`) otherwise — ' +
    'from the first moment of a graceful shutdown, so a load balancer stops routing here while in-flight requests finish. The search engine being down does not make the process unready: search falls back to SQLite.',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Ready } } },
    503: { description: 'Not ready', content: { 'application/problem+json': { schema: NotReady } } },
  },
});

export function healthRoutes(probe: HealthProbe) {
  return createRouter()
    .openapi(healthRoute, async (c) => {
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
    })
    .openapi(readyRoute, (c) => {
      const state = probe.state?.() ?? 'ready';
      if (state === 'draining') return problemResponse(c, 503, 'shutting_down', 'the server is shutting down') as never;
      if (state === 'starting') return problemResponse(c, 503, 'starting', 'the server is still starting') as never;
      if (!probe.database()) return problemResponse(c, 503, 'database_unavailable', 'the database does not answer') as never;
      return c.json({ ready: true as const }, 200);
    });
}
