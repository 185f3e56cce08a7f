import type { Alert } from '../contracts/alerts';
import { formatWebhook, robotAccepted } from '../alerts/webhook-format';
import type { AlertsRepo, WebhookWithSecret } from '../repositories/alerts-repo';

/** Waits between attempts; after the last, the delivery is marked failed (shown on the alert). */
const BACKOFF_MS = [10_000, 30_000, 120_000, 600_000, 1_800_000];
/** Group robots accept about 20 messages a minute; beyond that they refuse, so we wait instead. */
const PER_MINUTE = 20;
const TIMEOUT_MS = 10_000;

export type Post = (url: string, body: unknown) => Promise<{ status: number; text: string }>;

/** POST JSON with a timeout; network failures become a status 0 answer the caller retries. */
export const postJson: Post = async (url, body) => {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
    return { status: res.status, text: (await res.text()).slice(0, 2_000) };
  } catch (err) {
    return { status: 0, text: err instanceof Error ? err.message : String(err) };
  }
};

/**
 * Sends queued webhook deliveries: each pending one once (retried with backoff until it is accepted),
 * and, when a rule's quiet hours end, the held ones of each webhook as a single digest.
 */
export function createWebhookDelivery(deps: {
  alerts: AlertsRepo;
  post?: Post;
  dashboardUrl?: string | null;
  now?: () => Date;
  log?: (msg: string, detail: object) => void;
}) {
  const post = deps.post ?? postJson;
  const now = deps.now ?? (() => new Date());
  let running: Promise<number> | null = null;

  async function send(webhook: WebhookWithSecret, alerts: Alert[]): Promise<string | null> {
    const req = formatWebhook(webhook.format, webhook.url, alerts, { dashboardUrl: deps.dashboardUrl, secret: webhook.secret, nowMs: now().getTime() });
    const res = await post(req.url, req.body);
    const verdict = res.status === 0 ? { ok: false, error: res.text } : robotAccepted(webhook.format, res.status, res.text);
    return verdict.ok ? null : (verdict.error ?? 'refused');
  }

  function retry(ids: number[], attempts: number, error: string): void {
    const giveUp = attempts >= BACKOFF_MS.length + 1;
    const wait = BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)]!;
    deps.alerts.markRetry(ids, attempts, new Date(now().getTime() + wait).toISOString(), error, giveUp);
    deps.log?.('webhook delivery failed', { ids, attempts, error, giveUp });
  }

  function throttled(webhookId: number): boolean {
    return deps.alerts.sentSince(webhookId, new Date(now().getTime() - 60_000).toISOString()) >= PER_MINUTE;
  }

  async function tick(): Promise<number> {
    const nowIso = now().toISOString();
    let sent = 0;
    for (const group of deps.alerts.dueHeld(nowIso)) {
      const webhook = deps.alerts.getWebhook(group.webhookId);
      if (!webhook || throttled(group.webhookId)) continue;
      const alerts = group.alertIds.map((id) => deps.alerts.getAlert(id)).filter((a): a is Alert => a !== null);
      const error = await send(webhook, alerts);
      if (error) retry(group.deliveryIds, 1, error);
      else {
        deps.alerts.markSent(group.deliveryIds, now().toISOString(), alerts.length > 1 ? 'digested' : 'sent');
        sent++;
      }
    }
    for (const d of deps.alerts.duePending(nowIso, 50)) {
      const webhook = deps.alerts.getWebhook(d.webhook_id);
      const alert = deps.alerts.getAlert(d.alert_id);
      if (!webhook || !alert || throttled(d.webhook_id)) continue;
      const error = await send(webhook, [alert]);
      if (error) retry([d.id], d.attempts + 1, error);
      else {
        deps.alerts.markSent([d.id], now().toISOString());
        sent++;
      }
    }
    return sent;
  }

  return {
    /** Sends what is due; concurrent calls share one pass. Returns the messages sent. */
    tick(): Promise<number> {
      running ??= tick().finally(() => {
        running = null;
      });
      return running;
    },
    /** Sends one test message to a webhook; returns null or the error. */
    async test(webhook: WebhookWithSecret): Promise<string | null> {
      const at = now().toISOString();
      const probe: Alert = {
        id: 0, ruleId: null, kind: 'escalation', severity: 'info', title: '测试消息：预警推送已连通', detail: '这是一条测试消息，无需处理。', facts: null,
        owner: null, itemId: null, topicId: null, libraryId: null, publishedAt: null, collectedAt: null, alertedAt: at, repeats: 0,
        ackedBy: null, ackedAt: null, escalatedBy: null, note: null,
      };
      return send(webhook, [probe]);
    },
  };
}

export type WebhookDelivery = ReturnType<typeof createWebhookDelivery>;
