import { z } from 'zod';
import { SentimentLabel, Tag } from './item';
import { Actor } from './actor';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM');

export const AlertRuleKind = z.enum([
  'threshold', // at least `threshold` items in the window
  'spike', // the window's count far above the rule's own baseline (z-score over a fitted trend)
  'negative-surge', // a spike of negative-sentiment items
  'known-rumour', // a known rumour seen again after a quiet spell
  'source-silent', // a source that usually publishes has delivered nothing for a while
]);
export type AlertRuleKind = z.infer<typeof AlertRuleKind>;

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/** Which items a counting rule watches: every item, or narrowed by topic, keywords, tag, sentiment, source. */
export const AlertScope = z.object({
  topicId: z.number().int().positive().nullable().default(null),
  /** Every word must occur (title or body). */
  keywords: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
  tag: Tag.nullable().default(null),
  sentiment: SentimentLabel.nullable().default(null),
  sourceId: z.string().max(64).nullable().default(null),
});
export type AlertScope = z.infer<typeof AlertScope>;

export const AlertRuleInput = z.object({
  name: z.string().trim().min(1).max(80),
  kind: AlertRuleKind,
  scope: AlertScope.default({ topicId: null, keywords: [], tag: null, sentiment: null, sourceId: null }),
  /** Counting window in minutes (threshold, spike, negative-surge); silence span for source-silent. */
  windowMinutes: z.number().int().min(5).max(7 * 24 * 60).default(60),
  /** threshold: items needed; spike: minimum items in the window. */
  threshold: z.number().int().min(1).max(1_000_000).default(10),
  /** spike: standard deviations above the expectation. */
  z: z.number().min(1).max(10).default(3),
  /** known-rumour: days without a sighting after which a new one counts as resurfacing. */
  quietDays: z.number().min(0).max(365).default(3),
  severity: AlertSeverity.default('warning'),
  /** The same rule alerts again about the same thing only after this long (dedup and rate limit). */
  cooldownMinutes: z.number().int().min(0).max(7 * 24 * 60).default(60),
  /** Webhooks are held during these Asia/Shanghai hours and sent as one digest when they end. */
  quietHours: z.object({ start: HHMM, end: HHMM }).nullable().default(null),
  /** Webhooks to notify (ids); empty: the dashboard only. */
  webhookIds: z.array(z.number().int().positive()).max(20).default([]),
  /** Who must act ("值班分析员", "西城街道"): shown with every alert. */
  owner: z.string().trim().max(64).nullable().default(null),
  enabled: z.boolean().default(true),
});
export type AlertRuleInput = z.infer<typeof AlertRuleInput>;

export const AlertRule = AlertRuleInput.extend({
  id: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastFiredAt: z.string().nullable(),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertKind = z.enum([...AlertRuleKind.options, 'escalation']);
export type AlertKind = z.infer<typeof AlertKind>;

/**
 * An alert's figures, for wording it in the reader's language (title and detail are the Chinese text
 * that webhooks send). `subject` is what it is about: the rule's name (threshold, spike, negative
 * surge), the rumour's claim, the source's name, or the escalated item's title.
 */
export const AlertFacts = z.object({
  subject: z.string(),
  /** Counting rules: what was counted (all null/empty: every item). */
  scope: z
    .object({
      topic: z.string().nullable(),
      keywords: z.array(z.string()),
      tag: Tag.nullable(),
      negative: z.boolean(),
      sourceId: z.string().nullable(),
    })
    .optional(),
  windowMinutes: z.number().optional(),
  count: z.number().optional(),
  threshold: z.number().optional(),
  /** spike, negative-surge: the count expected from the baseline, and how far above it (z-score). */
  expected: z.number().optional(),
  z: z.number().optional(),
  /** known-rumour: when it was last seen before (null: first seen online again). */
  previousSeen: z.string().nullable().optional(),
  /** source-silent: its newest item's collection time (null: none). */
  lastItemAt: z.string().nullable().optional(),
  /** escalation: who escalated. */
  actor: z.string().optional(),
});
export type AlertFacts = z.infer<typeof AlertFacts>;

export const Alert = z.object({
  id: z.number().int(),
  ruleId: z.number().int().nullable(),
  kind: AlertKind,
  severity: AlertSeverity,
  title: z.string(),
  detail: z.string(),
  /** Its figures, for wording it in the reader's language; null for alerts raised before they were kept. */
  facts: AlertFacts.nullable(),
  owner: z.string().nullable(),
  /** The item that tipped it (or was escalated), when there is one. */
  itemId: z.number().int().nullable(),
  topicId: z.number().int().nullable(),
  libraryId: z.number().int().nullable(),
  /** Measured times: when the newest triggering item was published and collected, and when we alerted. */
  publishedAt: z.string().nullable(),
  collectedAt: z.string().nullable(),
  alertedAt: z.string(),
  /** Times the rule fired again on a new item during the cooldown (folded into this alert; evaluating again is not one). */
  repeats: z.number().int(),
  ackedBy: z.string().nullable(),
  ackedAt: z.string().nullable(),
  escalatedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertPage = z.object({ alerts: z.array(Alert), total: z.number().int(), unacked: z.number().int() });

export const AlertListQuery = z.object({
  status: z.enum(['open', 'acked', 'all']).default('all'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const AckBody = z.object({ actor: Actor });
export const EscalateBody = z.object({ itemId: z.number().int().positive(), note: z.string().trim().min(1).max(1_000), actor: Actor });

export const WebhookFormat = z.enum(['json', 'wecom', 'dingtalk']);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

export const WebhookInput = z.object({
  name: z.string().trim().min(1).max(60),
  url: z
    .url()
    .max(2_048)
    .refine((u) => /^https?:/i.test(u), 'only http(s) URLs'),
  format: WebhookFormat,
  /** DingTalk robots signed with a secret ("加签"): the secret. Never sent back. */
  secret: z.string().max(200).nullable().default(null),
  /** Escalations to leaders go to webhooks marked for them. */
  forEscalations: z.boolean().default(false),
  enabled: z.boolean().default(true),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

export const Webhook = WebhookInput.omit({ secret: true }).extend({
  id: z.number().int(),
  hasSecret: z.boolean(),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof Webhook>;

export const Delivery = z.object({
  id: z.number().int(),
  webhookId: z.number().int(),
  status: z.enum(['pending', 'held', 'sent', 'failed', 'digested']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;
