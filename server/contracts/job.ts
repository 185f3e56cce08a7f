import { z } from 'zod';

export const JobKind = z.enum(['retag', 'topic-match']);
export type JobKind = z.infer<typeof JobKind>;

/** A long background job, as the dashboard shows its progress (also sent live as the SSE event "job"). */
export const Job = z.object({
  id: z.number().int(),
  kind: JobKind,
  /** Why it runs, e.g. "library entry 3 added". */
  reason: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  /** Items whose tags, score or library links changed (retag), or that joined or left a topic (topic-match). */
  changed: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;
