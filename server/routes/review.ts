import { createRoute, z } from '@hono/zod-openapi';
import { Calibration } from '../contracts/calibration';
import { Item } from '../contracts/item';
import {
  AuditEntry,
  ClaimBody,
  ClusterVerdictBody,
  ClusterVerdictResult,
  EvidenceItem,
  ReviewQueuePage,
  ReviewQueueQuery,
  VerdictBody,
} from '../contracts/review';
import type { ReviewService } from '../services/review-service';
import { createRouter, jsonBody, jsonResponses } from '../http/openapi-app';
import { IdParam } from './items';

const json = <T extends z.ZodType>(schema: T, description: string) =>
  jsonResponses(schema, description, { conflict: 'Claimed by another editor, or already decided' });
const body = jsonBody;

const queueRoute = createRoute({
  method: 'get',
  path: '/review/queue',
  tags: ['review'],
  summary: 'The rumour desk queue: one row per cluster of copies, most urgent first',
  description:
    'Suspected and known rumours, suggested library matches and offline sightings. `priority` = score × spread × growth, ' +
    'decayed by age; `status=pending` (default) hides final verdicts.',
  request: { query: ReviewQueueQuery },
  responses: json(ReviewQueuePage, 'A page of the queue'),
});

const claimRoute = createRoute({
  method: 'post',
  path: '/review/items/{id}/claim',
  tags: ['review'],
  summary: 'Claim an item (or renew your claim): others cannot decide it until the claim lapses',
  request: { params: IdParam, body: body(ClaimBody) },
  responses: json(Item, 'The item, now in progress'),
});

const releaseRoute = createRoute({
  method: 'post',
  path: '/review/items/{id}/release',
  tags: ['review'],
  summary: 'Give up your claim on an item',
  request: { params: IdParam, body: body(ClaimBody) },
  responses: json(Item, 'The item'),
});

const verdictRoute = createRoute({
  method: 'post',
  path: '/review/items/{id}/verdict',
  tags: ['review'],
  summary: 'Record a verdict: confirmed rumour, not a rumour, needs verification (with a note) or duplicate',
  description:
    'A later verdict replaces the current one; every change is kept in the audit log. A confirmed rumour can create a ' +
    'library entry (`addToLibrary`) or link an existing one (`libraryId`).',
  request: { params: IdParam, body: body(VerdictBody) },
  responses: json(Item, 'The item with its verdict'),
});

const ClusterParam = z.object({
  clusterId: z.coerce.number().int().positive().openapi({ param: { name: 'clusterId', in: 'path' }, example: 1 }),
});

const clusterVerdictRoute = createRoute({
  method: 'post',
  path: '/review/clusters/{clusterId}/verdict',
  tags: ['review'],
  summary: 'One verdict for every undecided copy in a cluster (bulk)',
  request: { params: ClusterParam, body: body(ClusterVerdictBody) },
  responses: json(ClusterVerdictResult, 'Which items were updated and which were left'),
});

const historyRoute = createRoute({
  method: 'get',
  path: '/review/items/{id}/history',
  tags: ['review'],
  summary: "An item's audit log: every claim, verdict and link (who, when, before, after)",
  request: { params: IdParam },
  responses: json(z.array(AuditEntry), 'Oldest first'),
});

const evidenceRoute = createRoute({
  method: 'get',
  path: '/review/items/{id}/evidence',
  tags: ['review'],
  summary: "The district's own notices and rebuttals that may answer this item (draft evidence for the editor)",
  description: 'Ranked by the IDF-weighted share of the item’s words each one contains; the shared phrases are listed.',
  request: { params: IdParam },
  responses: json(z.array(EvidenceItem), 'Best first, at most 5'),
});

const calibrationRoute = createRoute({
  method: 'get',
  path: '/review/calibration',
  tags: ['review'],
  summary: "The tagger's precision as editors' verdicts measured it: per score band, threshold, signal, source and week",
  description: 'Uses the score and reasons the item had when it was decided, so thresholds can be set from evidence.',
  responses: json(Calibration, 'Precision tables'),
});

export function reviewRoutes(review: ReviewService) {
  return createRouter()
    .openapi(calibrationRoute, (c) => c.json(review.calibration(), 200))
    .openapi(evidenceRoute, (c) => c.json(review.evidence(c.req.valid('param').id), 200))
    .openapi(queueRoute, (c) => c.json(review.queue(c.req.valid('query')), 200))
    .openapi(claimRoute, (c) => c.json(review.claim(c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(releaseRoute, (c) => c.json(review.release(c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(verdictRoute, (c) => c.json(review.recordVerdict(c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(clusterVerdictRoute, (c) =>
      c.json(review.recordClusterVerdict(c.req.valid('param').clusterId, c.req.valid('json')), 200),
    )
    .openapi(historyRoute, (c) => c.json(review.history(c.req.valid('param').id), 200));
}
