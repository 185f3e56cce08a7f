import { createRoute, z } from '@hono/zod-openapi';
import { Item, SentimentLabel } from '../contracts/item';
import type { SentimentService } from '../services/sentiment-service';
import { createRouter, jsonBody, jsonResponses } from '../http/openapi-app';
import { IdParam } from './items';

const SentimentCorrection = z.object({ label: SentimentLabel, actor: z.string().trim().min(1).max(64) });
const SentimentCorrected = z.object({
  item: Item,
  /** Every item relabelled: this one and the copies in its cluster no analyst had labelled. */
  changed: z.array(z.number().int()),
});

const correctRoute = createRoute({
  method: 'put',
  path: '/items/{id}/sentiment',
  tags: ['items'],
  summary: "Correct an item's sentiment (pos / neutral / neg): it sticks, applies to the item's copies and teaches the model",
  request: { params: IdParam, body: jsonBody(SentimentCorrection) },
  responses: jsonResponses(SentimentCorrected, 'The corrected item'),
});

export function sentimentRoutes(sentiment: SentimentService) {
  return createRouter().openapi(correctRoute, (c) => {
    const { label, actor } = c.req.valid('json');
    return c.json(sentiment.correct(c.req.valid('param').id, label, actor), 200);
  });
}
