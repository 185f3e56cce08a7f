import { createRoute, z } from '@hono/zod-openapi';
import { Job } from '../contracts/job';
import type { JobRunner } from '../services/job-runner';
import { createRouter } from '../http/openapi-app';

const listRoute = createRoute({
  method: 'get',
  path: '/jobs',
  tags: ['operations'],
  summary: 'Background jobs (re-tagging after the library or the model changed), newest first, with progress',
  description: 'Progress also arrives live as the server-sent event `job` on /api/events.',
  responses: { 200: { description: 'Recent jobs', content: { 'application/json': { schema: z.array(Job) } } } },
});

export function jobsRoutes(jobs: Pick<JobRunner, 'list'>) {
  return createRouter().openapi(listRoute, (c) => c.json(jobs.list(), 200));
}
