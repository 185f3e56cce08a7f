import { createRoute, z } from '@hono/zod-openapi';
import { Topic, TopicInput, TopicList } from '../contracts/topic';
import type { TopicsService } from '../services/topics-service';
import { createRouter, jsonBody, jsonResponses, problemResponses } from '../http/openapi-app';
import { IdParam } from './items';
import { Actor } from '../contracts/actor';

const TopicCreate = z.object({ topic: TopicInput, actor: Actor });
const ok = <T extends z.ZodType>(schema: T, description: string, status: 200 | 201 = 200) =>
  jsonResponses(schema, description, { status, conflict: 'Another topic already has this name' });

const listRoute = createRoute({
  method: 'get',
  path: '/topics',
  tags: ['topics'],
  summary: 'Monitoring topics (专题) with their item counts (all, last 24 h)',
  responses: ok(TopicList, 'Every topic, by name'),
});

const createTopicRoute = createRoute({
  method: 'post',
  path: '/topics',
  tags: ['topics'],
  summary: 'Save a monitoring topic: keyword groups to include (all / any) and exclude, sources, kinds',
  description:
    'A keyword may hold alternatives separated by "|" ("地铁|轨道交通"). New items are matched at ingest; stored items are matched in the background (a "topic-match" job, see /api/jobs; matchedAt stays null until it ends).',
  request: { body: jsonBody(TopicCreate) },
  responses: ok(Topic, 'The new topic', 201),
});

const getRoute = createRoute({
  method: 'get',
  path: '/topics/{id}',
  tags: ['topics'],
  summary: 'One topic',
  request: { params: IdParam },
  responses: ok(Topic, 'The topic'),
});

const putRoute = createRoute({
  method: 'put',
  path: '/topics/{id}',
  tags: ['topics'],
  summary: 'Change a topic: stored items are matched again in the background',
  request: { params: IdParam, body: jsonBody(TopicInput) },
  responses: ok(Topic, 'The changed topic'),
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/topics/{id}',
  tags: ['topics'],
  summary: 'Delete a topic (items are kept; only their membership of it goes)',
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problemResponses },
});

export function topicsRoutes(topics: TopicsService) {
  return createRouter()
    .openapi(listRoute, (c) => c.json({ topics: topics.list() }, 200))
    .openapi(createTopicRoute, (c) => {
      const { topic, actor } = c.req.valid('json');
      return c.json(topics.create(topic, actor), 201);
    })
    .openapi(getRoute, (c) => c.json(topics.get(c.req.valid('param').id), 200))
    .openapi(putRoute, (c) => c.json(topics.update(c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(deleteRoute, (c) => {
      topics.remove(c.req.valid('param').id);
      return c.body(null, 204);
    });
}
