import type { Alert, AlertRule, AlertRuleInput, Webhook, WebhookInput } from '../contracts/alerts';
import { NotFoundError, fieldFailures } from '../errors';
import { inQuietHours, quietEnd, type QuietHours } from '../alerts/quiet-hours';
import type { AlertsRepo, NewAlert, WebhookWithSecret } from '../repositories/alerts-repo';
import type { EventBus } from './event-bus';

const MINUTE = 60_000;

/** An alert as a rule (or a person) proposes it, before dedup, cooldown and quiet hours decide its fate. */
export interface AlertCandidate extends Omit<NewAlert, 'alertedAt' | 'escalatedBy' | 'note'> {
  escalatedBy?: string | null;
  note?: string | null;
  cooldownMinutes: number;
  quietHours: QuietHours | null;
  webhookIds: number[];
}

const publicWebhook = ({ secret: _s, ...w }: WebhookWithSecret): Webhook => w;

/**
 * Raising alerts (deduplicated: the same thing within the rule's cooldown folds into the open alert
 * as a repeat), queueing their webhook deliveries (held as a digest during quiet hours), acknowledging
 * them, escalating an item to leaders, and the rules and webhooks themselves.
 */
export function createAlertsService(deps: {
  alerts: AlertsRepo;
  getItem: (id: number) => { id: number; title: string; publishedAt: string | null; collectedAt: string } | null;
  events?: EventBus;
  /** Deliveries were queued: the webhook worker has work. */
  onQueued?: () => void;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  function checkWebhooks(ids: number[]): void {
    const known = new Set(deps.alerts.listWebhooks().map((w) => w.id));
    ids.forEach((id, i) => {
      if (!known.has(id)) throw fieldFailures.unknown(`webhookIds.${i}`, 'webhook', id);
    });
  }

  return {
    /** Returns the new alert, or null when it folded into a recent one with the same key. */
    raise(c: AlertCandidate): Alert | null {
      const at = now();
      const atIso = at.toISOString();
      const recent = deps.alerts.recentByKey(c.dedupKey, new Date(at.getTime() - c.cooldownMinutes * MINUTE).toISOString());
      if (recent) {
        if (deps.alerts.foldRepeat(recent.id, atIso, c.itemId)) deps.events?.emit('alert-repeat', deps.alerts.getAlert(recent.id)!);
        return null;
      }
      const { cooldownMinutes: _c, quietHours, webhookIds, ...rest } = c;
      const id = deps.alerts.insertAlert({ ...rest, escalatedBy: c.escalatedBy ?? null, note: c.note ?? null, alertedAt: atIso });
      const quiet = inQuietHours(at, quietHours);
      const enabled = new Set(deps.alerts.listWebhooks().filter((w) => w.enabled).map((w) => w.id));
      let queued = 0;
      for (const w of webhookIds) {
        if (!enabled.has(w)) continue;
        deps.alerts.addDelivery(id, w, quiet ? 'held' : 'pending', quiet ? quietEnd(at, quietHours!).toISOString() : atIso);
        queued++;
      }
      const alert = deps.alerts.getAlert(id)!;
      deps.events?.emit('alert', alert);
      if (queued) deps.onQueued?.();
      return alert;
    },

    list(status: 'open' | 'acked' | 'all', page: number, pageSize: number) {
      return deps.alerts.listAlerts(status, pageSize, (page - 1) * pageSize);
    },
    get(id: number) {
      const alert = deps.alerts.getAlert(id);
      if (!alert) throw new NotFoundError('alert', id);
      return { ...alert, deliveries: deps.alerts.deliveriesOf(id) };
    },
    ack(id: number, actor: string): Alert {
      if (!deps.alerts.getAlert(id)) throw new NotFoundError('alert', id);
      if (deps.alerts.ack(id, actor, now().toISOString())) deps.events?.emit('alert-ack', deps.alerts.getAlert(id)!);
      return deps.alerts.getAlert(id)!;
    },
    /** Any item escalated to leaders with a note: an alert on its own, sent to the leaders' webhooks. */
    escalate(itemId: number, note: string, actor: string): Alert {
      const item = deps.getItem(itemId);
      if (!item) throw new NotFoundError('item', itemId);
      const leaders = deps.alerts.listWebhooks().filter((w) => w.enabled && w.forEscalations).map((w) => w.id);
      return this.raise({
        ruleId: null,
        kind: 'escalation',
        severity: 'critical',
        dedupKey: `escalation:${itemId}:${now().getTime()}`,
        title: `${actor}上报：${item.title.slice(0, 60)}`,
        detail: note,
        facts: { subject: item.title.slice(0, 60), actor },
        owner: null,
        itemId,
        topicId: null,
        libraryId: null,
        publishedAt: item.publishedAt,
        collectedAt: item.collectedAt,
        escalatedBy: actor,
        note,
        cooldownMinutes: 0,
        quietHours: null,
        webhookIds: leaders,
      })!;
    },

    listRules(): AlertRule[] {
      return deps.alerts.listRules().map(({ inAlert: _i, ...r }) => r);
    },
    createRule(input: AlertRuleInput, actor: string): AlertRule {
      checkWebhooks(input.webhookIds);
      const id = deps.alerts.createRule(input, actor, now().toISOString());
      const { inAlert: _i, ...rule } = deps.alerts.getRule(id)!;
      return rule;
    },
    updateRule(id: number, input: AlertRuleInput): AlertRule {
      checkWebhooks(input.webhookIds);
      if (!deps.alerts.updateRule(id, input, now().toISOString())) throw new NotFoundError('alert rule', id);
      const { inAlert: _i, ...rule } = deps.alerts.getRule(id)!;
      return rule;
    },
    deleteRule(id: number): void {
      if (!deps.alerts.deleteRule(id)) throw new NotFoundError('alert rule', id);
    },

    listWebhooks(): Webhook[] {
      return deps.alerts.listWebhooks().map(publicWebhook);
    },
    createWebhook(input: WebhookInput): Webhook {
      return publicWebhook(deps.alerts.getWebhook(deps.alerts.createWebhook(input, now().toISOString()))!);
    },
    updateWebhook(id: number, input: WebhookInput): Webhook {
      if (!deps.alerts.updateWebhook(id, input)) throw new NotFoundError('webhook', id);
      return publicWebhook(deps.alerts.getWebhook(id)!);
    },
    deleteWebhook(id: number): void {
      if (!deps.alerts.deleteWebhook(id)) throw new NotFoundError('webhook', id);
    },
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
