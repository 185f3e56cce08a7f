import { AlertFacts, type Alert, type AlertRule, type AlertRuleInput, type Delivery, type Webhook, type WebhookInput } from '../contracts/alerts';
import type { Db } from '../db/open-database';

interface RuleRow {
  id: number;
  name: string;
  kind: AlertRule['kind'];
  config_json: string;
  enabled: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  last_fired_at: string | null;
  in_alert: number;
}

interface AlertRow {
  id: number;
  rule_id: number | null;
  kind: Alert['kind'];
  severity: Alert['severity'];
  dedup_key: string;
  title: string;
  detail: string;
  facts_json: string | null;
  owner: string | null;
  item_id: number | null;
  topic_id: number | null;
  library_id: number | null;
  published_at: string | null;
  collected_at: string | null;
  alerted_at: string;
  repeats: number;
  last_seen_at: string;
  acked_by: string | null;
  acked_at: string | null;
  escalated_by: string | null;
  note: string | null;
}

interface WebhookRow {
  id: number;
  name: string;
  url: string;
  format: Webhook['format'];
  secret: string | null;
  for_escalations: number;
  enabled: number;
  created_at: string;
}

export type StoredRule = AlertRule & { inAlert: boolean };
export type WebhookWithSecret = Webhook & { secret: string | null };
export type NewAlert = Omit<Alert, 'id' | 'repeats' | 'ackedBy' | 'ackedAt'> & { dedupKey: string };

const toRule = (r: RuleRow): StoredRule => ({
  ...(JSON.parse(r.config_json) as Omit<AlertRuleInput, 'name' | 'kind' | 'enabled'>),
  id: r.id,
  name: r.name,
  kind: r.kind,
  enabled: r.enabled === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  lastFiredAt: r.last_fired_at,
  inAlert: r.in_alert === 1,
});

/** Stored facts, or null when absent or not what this version understands (the text still shows). */
function factsOf(json: string | null): AlertFacts | null {
  if (json === null) return null;
  try {
    const parsed = AlertFacts.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  ruleId: r.rule_id,
  kind: r.kind,
  severity: r.severity,
  title: r.title,
  detail: r.detail,
  facts: factsOf(r.facts_json),
  owner: r.owner,
  itemId: r.item_id,
  topicId: r.topic_id,
  libraryId: r.library_id,
  publishedAt: r.published_at,
  collectedAt: r.collected_at,
  alertedAt: r.alerted_at,
  repeats: r.repeats,
  ackedBy: r.acked_by,
  ackedAt: r.acked_at,
  escalatedBy: r.escalated_by,
  note: r.note,
});

const toWebhook = (r: WebhookRow): WebhookWithSecret => ({
  id: r.id,
  name: r.name,
  url: r.url,
  format: r.format,
  secret: r.secret,
  hasSecret: r.secret !== null && r.secret !== '',
  forEscalations: r.for_escalations === 1,
  enabled: r.enabled === 1,
  createdAt: r.created_at,
});

function config(input: AlertRuleInput): string {
  const { name: _n, kind: _k, enabled: _e, ...rest } = input;
  return JSON.stringify(rest);
}

/** Alert rules, alerts, webhooks and webhook deliveries. */
export function createAlertsRepo(db: Db) {
  return {
    listRules(): StoredRule[] {
      return (db.prepare('SELECT * FROM alert_rules ORDER BY id').all() as RuleRow[]).map(toRule);
    },
    getRule(id: number): StoredRule | null {
      const r = db.prepare('SELECT * FROM alert_rules WHERE id = ?').get(id) as RuleRow | undefined;
      return r ? toRule(r) : null;
    },
    createRule(input: AlertRuleInput, by: string, at: string): number {
      return Number(
        db
          .prepare('INSERT INTO alert_rules (name, kind, config_json, enabled, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(input.name, input.kind, config(input), input.enabled ? 1 : 0, by, at, at).lastInsertRowid,
      );
    },
    updateRule(id: number, input: AlertRuleInput, at: string): boolean {
      return (
        db
          .prepare('UPDATE alert_rules SET name = ?, kind = ?, config_json = ?, enabled = ?, updated_at = ?, in_alert = 0 WHERE id = ?')
          .run(input.name, input.kind, config(input), input.enabled ? 1 : 0, at, id).changes > 0
      );
    },
    deleteRule(id: number): boolean {
      return db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0;
    },
    setRuleState(id: number, inAlert: boolean, firedAt: string | null): void {
      if (firedAt) db.prepare('UPDATE alert_rules SET in_alert = ?, last_fired_at = ? WHERE id = ?').run(inAlert ? 1 : 0, firedAt, id);
      else db.prepare('UPDATE alert_rules SET in_alert = ? WHERE id = ?').run(inAlert ? 1 : 0, id);
    },

    /** The latest alert with this key raised at or after `sinceIso` (the cooldown), if any. */
    recentByKey(dedupKey: string, sinceIso: string): Alert | null {
      const r = db
        .prepare('SELECT * FROM alerts WHERE dedup_key = ? AND alerted_at >= ? ORDER BY id DESC LIMIT 1')
        .get(dedupKey, sinceIso) as AlertRow | undefined;
      return r ? toAlert(r) : null;
    },
    insertAlert(a: NewAlert): number {
      return Number(
        db
          .prepare(
            `INSERT INTO alerts (rule_id, kind, severity, dedup_key, title, detail, facts_json, owner, item_id, last_item_id, topic_id, library_id,
               published_at, collected_at, alerted_at, last_seen_at, escalated_by, note)
             VALUES (@ruleId, @kind, @severity, @dedupKey, @title, @detail, @factsJson, @owner, @itemId, @itemId, @topicId, @libraryId,
               @publishedAt, @collectedAt, @alertedAt, @alertedAt, @escalatedBy, @note)`,
          )
          .run({ ...a, factsJson: a.facts ? JSON.stringify(a.facts) : null }).lastInsertRowid,
      );
    },
    /**
     * The alert fired again within its cooldown: a repeat when `itemId` is an item it has not fired on
     * last (a new post), else only the time is noted. Returns whether the repeat count rose.
     */
    foldRepeat(id: number, at: string, itemId: number | null): boolean {
      const counted = db
        .prepare(
          `UPDATE alerts SET repeats = repeats + 1, last_item_id = @itemId, last_seen_at = @at
           WHERE id = @id AND @itemId IS NOT NULL AND last_item_id IS NOT @itemId`,
        )
        .run({ id, at, itemId }).changes;
      if (!counted) db.prepare('UPDATE alerts SET last_seen_at = ? WHERE id = ?').run(at, id);
      return counted > 0;
    },
    getAlert(id: number): Alert | null {
      const r = db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
      return r ? toAlert(r) : null;
    },
    listAlerts(status: 'open' | 'acked' | 'all', limit: number, offset: number): { alerts: Alert[]; total: number; unacked: number } {
      const where = status === 'open' ? 'WHERE acked_at IS NULL' : status === 'acked' ? 'WHERE acked_at IS NOT NULL' : '';
      const total = db.prepare(`SELECT count(*) FROM alerts ${where}`).pluck().get() as number;
      const unacked = db.prepare('SELECT count(*) FROM alerts WHERE acked_at IS NULL').pluck().get() as number;
      const rows = db.prepare(`SELECT * FROM alerts ${where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(limit, offset) as AlertRow[];
      return { alerts: rows.map(toAlert), total, unacked };
    },
    /** True when it was open (acknowledging twice keeps the first who and when). */
    ack(id: number, actor: string, at: string): boolean {
      return db.prepare('UPDATE alerts SET acked_by = ?, acked_at = ? WHERE id = ? AND acked_at IS NULL').run(actor, at, id).changes > 0;
    },

    listWebhooks(): WebhookWithSecret[] {
      return (db.prepare('SELECT * FROM webhooks ORDER BY id').all() as WebhookRow[]).map(toWebhook);
    },
    getWebhook(id: number): WebhookWithSecret | null {
      const r = db.prepare('SELECT * FROM webhooks WHERE id = ?').get(id) as WebhookRow | undefined;
      return r ? toWebhook(r) : null;
    },
    createWebhook(w: WebhookInput, at: string): number {
      return Number(
        db
          .prepare('INSERT INTO webhooks (name, url, format, secret, for_escalations, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(w.name, w.url, w.format, w.secret, w.forEscalations ? 1 : 0, w.enabled ? 1 : 0, at).lastInsertRowid,
      );
    },
    /** A null secret keeps the stored one (the API never sends it back, so a form cannot resend it). */
    updateWebhook(id: number, w: WebhookInput): boolean {
      return (
        db
          .prepare(
            'UPDATE webhooks SET name = ?, url = ?, format = ?, secret = coalesce(?, secret), for_escalations = ?, enabled = ? WHERE id = ?',
          )
          .run(w.name, w.url, w.format, w.secret, w.forEscalations ? 1 : 0, w.enabled ? 1 : 0, id).changes > 0
      );
    },
    deleteWebhook(id: number): boolean {
      return db.prepare('DELETE FROM webhooks WHERE id = ?').run(id).changes > 0;
    },

    addDelivery(alertId: number, webhookId: number, status: 'pending' | 'held', nextAt: string): void {
      db.prepare(
        'INSERT OR IGNORE INTO alert_deliveries (alert_id, webhook_id, status, next_attempt_at) VALUES (?, ?, ?, ?)',
      ).run(alertId, webhookId, status, nextAt);
    },
    /** Deliveries of one alert due now (status pending, next attempt reached). */
    duePending(nowIso: string, limit: number): { id: number; alert_id: number; webhook_id: number; attempts: number }[] {
      return db
        .prepare(
          `SELECT id, alert_id, webhook_id, attempts FROM alert_deliveries WHERE status = 'pending' AND next_attempt_at <= ?
           ORDER BY next_attempt_at, id LIMIT ?`,
        )
        .all(nowIso, limit) as { id: number; alert_id: number; webhook_id: number; attempts: number }[];
    },
    /** Held deliveries whose quiet hours are over, by webhook (each group becomes one digest). */
    dueHeld(nowIso: string): { webhookId: number; deliveryIds: number[]; alertIds: number[] }[] {
      const rows = db
        .prepare(`SELECT id, alert_id, webhook_id FROM alert_deliveries WHERE status = 'held' AND next_attempt_at <= ? ORDER BY id`)
        .all(nowIso) as { id: number; alert_id: number; webhook_id: number }[];
      const groups = new Map<number, { webhookId: number; deliveryIds: number[]; alertIds: number[] }>();
      for (const r of rows) {
        let g = groups.get(r.webhook_id);
        if (!g) groups.set(r.webhook_id, (g = { webhookId: r.webhook_id, deliveryIds: [], alertIds: [] }));
        g.deliveryIds.push(r.id);
        g.alertIds.push(r.alert_id);
      }
      return [...groups.values()];
    },
    markSent(ids: number[], at: string, status: 'sent' | 'digested' = 'sent'): void {
      const stmt = db.prepare('UPDATE alert_deliveries SET status = ?, sent_at = ?, last_error = NULL WHERE id = ?');
      for (const id of ids) stmt.run(status, at, id);
    },
    markRetry(ids: number[], attempts: number, nextAt: string, error: string, giveUp: boolean): void {
      const stmt = db.prepare('UPDATE alert_deliveries SET attempts = ?, next_attempt_at = ?, last_error = ?, status = ? WHERE id = ?');
      for (const id of ids) stmt.run(attempts, nextAt, error.slice(0, 300), giveUp ? 'failed' : 'pending', id);
    },
    /** Sent within the last minute to this webhook (robots allow about 20 messages a minute). */
    sentSince(webhookId: number, sinceIso: string): number {
      return db
        .prepare(`SELECT count(DISTINCT sent_at) FROM alert_deliveries WHERE webhook_id = ? AND sent_at >= ?`)
        .pluck()
        .get(webhookId, sinceIso) as number;
    },
    deliveriesOf(alertId: number): Delivery[] {
      return (
        db
          .prepare('SELECT id, webhook_id, status, attempts, last_error, sent_at FROM alert_deliveries WHERE alert_id = ? ORDER BY id')
          .all(alertId) as { id: number; webhook_id: number; status: Delivery['status']; attempts: number; last_error: string | null; sent_at: string | null }[]
      ).map((d) => ({ id: d.id, webhookId: d.webhook_id, status: d.status, attempts: d.attempts, lastError: d.last_error, sentAt: d.sent_at }));
    },
  };
}

export type AlertsRepo = ReturnType<typeof createAlertsRepo>;
