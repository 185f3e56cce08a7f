import { createRoute, z } from '@hono/zod-openapi';
import {
  AckBody,
  Alert,
  AlertListQuery,
  AlertPage,
  AlertRule,
  AlertRuleInput,
  Delivery,
  EscalateBody,
  Webhook,
  WebhookInput,
} from '../contracts/alerts';
import type { AlertsService } from '../services/alerts-service';
import { createRouter, jsonBody, jsonResponses, problemResponses } from '../http/openapi-app';
import { IdParam } from './items';
import { Actor } from '../contracts/actor';

const ok = <T extends z.ZodType>(schema: T, description: string, status: 200 | 201 = 200) => jsonResponses(schema, description, { status });
const deleted = { 204: { description: 'Deleted' }, ...problemResponses };

const listRoute = createRoute({
  method: 'get',
  path: '/alerts',
  tags: ['alerts'],
  summary: 'Alerts, newest first, with the count still unacknowledged',
  description: 'New alerts also arrive live on /api/events as "alert".',
  request: { query: AlertListQuery },
  responses: ok(AlertPage, 'A page of alerts'),
});
const getRoute = createRoute({
  method: 'get',
  path: '/alerts/{id}',
  tags: ['alerts'],
  summary: 'One alert with its webhook deliveries',
  request: { params: IdParam },
  responses: ok(Alert.extend({ deliveries: z.array(Delivery) }), 'The alert'),
});
const ackRoute = createRoute({
  method: 'post',
  path: '/alerts/{id}/ack',
  tags: ['alerts'],
  summary: 'Acknowledge an alert (who and when are kept; acknowledging again changes nothing)',
  request: { params: IdParam, body: jsonBody(AckBody) },
  responses: ok(Alert, 'The alert'),
});
const escalateRoute = createRoute({
  method: 'post',
  path: '/alerts/escalate',
  tags: ['alerts'],
  summary: 'Escalate any item to leaders with a note: a critical alert sent to the webhooks marked for escalations',
  request: { body: jsonBody(EscalateBody) },
  responses: ok(Alert, 'The escalation', 201),
});

const rulesRoute = createRoute({ method: 'get', path: '/alert-rules', tags: ['alerts'], summary: 'Alert rules', responses: ok(z.object({ rules: z.array(AlertRule) }), 'Every rule') });
const createRuleRoute = createRoute({
  method: 'post',
  path: '/alert-rules',
  tags: ['alerts'],
  summary: 'Add an alert rule: threshold, spike against its own baseline, negative-sentiment surge, known rumour resurfacing, source gone silent',
  request: { body: jsonBody(z.object({ rule: AlertRuleInput, actor: Actor })) },
  responses: ok(AlertRule, 'The new rule', 201),
});
const putRuleRoute = createRoute({
  method: 'put',
  path: '/alert-rules/{id}',
  tags: ['alerts'],
  summary: 'Change an alert rule',
  request: { params: IdParam, body: jsonBody(AlertRuleInput) },
  responses: ok(AlertRule, 'The rule'),
});
const deleteRuleRoute = createRoute({ method: 'delete', path: '/alert-rules/{id}', tags: ['alerts'], summary: 'Delete an alert rule (its alerts are kept)', request: { params: IdParam }, responses: deleted });

const webhooksRoute = createRoute({ method: 'get', path: '/webhooks', tags: ['alerts'], summary: 'Webhooks (secrets are never returned)', responses: ok(z.object({ webhooks: z.array(Webhook) }), 'Every webhook') });
const createWebhookRoute = createRoute({
  method: 'post',
  path: '/webhooks',
  tags: ['alerts'],
  summary: 'Add a webhook: generic JSON, or a WeCom / DingTalk group robot',
  request: { body: jsonBody(WebhookInput) },
  responses: ok(Webhook, 'The webhook', 201),
});
const putWebhookRoute = createRoute({
  method: 'put',
  path: '/webhooks/{id}',
  tags: ['alerts'],
  summary: 'Change a webhook (a null secret keeps the stored one)',
  request: { params: IdParam, body: jsonBody(WebhookInput) },
  responses: ok(Webhook, 'The webhook'),
});
const deleteWebhookRoute = createRoute({ method: 'delete', path: '/webhooks/{id}', tags: ['alerts'], summary: 'Delete a webhook', request: { params: IdParam }, responses: deleted });
const testWebhookRoute = createRoute({
  method: 'post',
  path: '/webhooks/{id}/test',
  tags: ['alerts'],
  summary: 'Send a test message now and report whether the receiver accepted it',
  request: { params: IdParam },
  responses: ok(z.object({ ok: z.boolean(), error: z.string().nullable() }), 'The outcome'),
});

export function alertsRoutes(alerts: AlertsService, testWebhook: (id: number) => Promise<string | null>) {
  return createRouter()
    .openapi(listRoute, (c) => {
      const q = c.req.valid('query');
      return c.json(alerts.list(q.status, q.page, q.pageSize), 200);
    })
    .openapi(escalateRoute, (c) => {
      const b = c.req.valid('json');
      return c.json(alerts.escalate(b.itemId, b.note, b.actor), 201);
    })
    .openapi(getRoute, (c) => c.json(alerts.get(c.req.valid('param').id), 200))
    .openapi(ackRoute, (c) => c.json(alerts.ack(c.req.valid('param').id, c.req.valid('json').actor), 200))
    .openapi(rulesRoute, (c) => c.json({ rules: alerts.listRules() }, 200))
    .openapi(createRuleRoute, (c) => {
      const b = c.req.valid('json');
      return c.json(alerts.createRule(b.rule, b.actor), 201);
    })
    .openapi(putRuleRoute, (c) => c.json(alerts.updateRule(c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(deleteRuleRoute, (c) => {
      alerts.deleteRule(c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(webhooksRoute, (c) => c.json({ webhooks: alerts.listWebhooks() }, 200))
    .openapi(createWebhookRoute, (c) => c.json(alerts.createWebhook(c.req.valid('json')), 201))
    .openapi(putWebhookRoute, (c) => c.json(alerts.updateWebhook(c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(deleteWebhookRoute, (c) => {
      alerts.deleteWebhook(c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(testWebhookRoute, async (c) => {
      const error = await testWebhook(c.req.valid('param').id);
      return c.json({ ok: error === null, error }, 200);
    });
}
