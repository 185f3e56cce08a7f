import { z } from 'zod';
import { Item, ItemKind, SentimentLabel, Tag } from './item';

export const ItemSort = z.enum(['newest', 'oldest', 'score', 'relevance']);
export type ItemSort = z.infer<typeof ItemSort>;

/** GET /api/items query. Dates are YYYY-MM-DD (Asia/Shanghai days, inclusive) or full ISO instants. */
export const ItemQuery = z.object({
  q: z.string().max(200).optional(),
  source: z.string().max(64).optional(),
  kind: ItemKind.optional(),
  tag: Tag.optional(),
  sentiment: SentimentLabel.optional(),
  /** A monitoring topic's id: only its items. */
  topic: z.coerce.number().int().positive().optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: ItemSort.optional(),
});
export type ItemQuery = z.infer<typeof ItemQuery>;

/** A list row: the body shortened, plus a highlighted snippet when searching. */
export const ItemSummary = Item.omit({ body: true }).extend({
  excerpt: z.string(),
  /** Search highlight as segments, so the client never renders HTML: [{text, hit}] */
  highlight: z.array(z.object({ text: z.string(), hit: z.boolean() })).nullable(),
});
export type ItemSummary = z.infer<typeof ItemSummary>;

export const ItemPage = z.object({
  items: z.array(ItemSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Where the answer came from: "search" (Meilisearch) or "database" (SQLite, when no text query or search is down). */
  engine: z.enum(['search', 'database']),
});
export type ItemPage = z.infer<typeof ItemPage>;

export const TrendSeries = z.object({ key: z.string(), label: z.string(), counts: z.array(z.number().int()) });
export type TrendSeries = z.infer<typeof TrendSeries>;

/** GET /api/stats/trends: items per Asia/Shanghai day. */
export const Trends = z.object({
  days: z.array(z.string()),
  total: z.array(z.number().int()),
  byTag: z.array(TrendSeries),
  bySource: z.array(TrendSeries),
});
export type Trends = z.infer<typeof Trends>;

/** GET /api/stats/overview: headline numbers. */
export const Overview = z.object({
  items: z.number().int(),
  itemsToday: z.number().int(),
  rumorSuspect: z.number().int(),
  rebuttals: z.number().int(),
  awaitingReview: z.number().int(),
  confirmedRumors: z.number().int(),
  sources: z.number().int(),
  lastCrawlAt: z.string().nullable(),
});
export type Overview = z.infer<typeof Overview>;

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'error']),
  search: z.enum(['ok', 'unavailable']),
  outboxPending: z.number().int(),
  version: z.string(),
});
export type Health = z.infer<typeof Health>;

const FieldParamSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]);
/**
 * One field's problem: where, what (English, for logs and API clients), and for a validation rule the
 * rule's code and figures (zod's issue code: too_small with minimum, invalid_format with format …), so
 * the dashboard can say it in the reader's language.
 */
export const FieldErrorSchema = z.object({
  path: z.string(),
  message: z.string().describe('English, for logs and API clients'),
  code: z
    .string()
    .optional()
    .describe(
      "the rule broken: zod's issue code (too_small, invalid_format, invalid_type …) or one of our own checks " +
        '(not_a_day, future_day, period_reversed, period_too_long, too_old, unknown_reference, self_reference, not_a_cron, not_http, ' +
        'private_address; for a whole import file: unreadable_file, empty_file, too_many_rows, missing_columns, unknown_columns, not_a_list)',
    ),
  params: z
    .record(z.string(), FieldParamSchema)
    .optional()
    .describe('its figures: minimum, maximum, origin, inclusive, format, expected, values, keys, missing; value, today, unit, what, columns, allowed'),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;
/** What an `unknown_reference` field error (params.what) says does not exist. */
export type Referent = 'unit' | 'category' | 'topic' | 'library-entry' | 'item' | 'webhook' | 'source';
/** What a `self_reference` field error (params.what) would have pointed at itself. */
export type SelfReferent = 'item' | 'library-entry' | 'unit';
export type FieldParam = z.infer<typeof FieldParamSchema>;

/**
 * Why a request conflicts with the current state: a 409's `reason`, with its figures in `params`,
 * so the dashboard can say which conflict, in the reader's language.
 */
export type ConflictReason =
  /** params: id, holder (the editor), until (ISO time the claim expires) */
  | 'claimed'
  /** params: id, status (the review status it has) */
  | 'already_decided'
  /** params: id, status (pending | running) */
  | 'report_not_ready'
  /** params: id, error (the server's English) */
  | 'report_failed'
  /** params: id — a source from the configuration file */
  | 'file_source'
  /** params: what (source | category), value */
  | 'id_taken'
  /** params: what (unit | category | topic | user), value */
  | 'name_taken'
  /** params: id, count */
  | 'source_has_items'
  /** params: id */
  | 'source_running'
  /** params: name, children, entries, zeroReports, targets */
  | 'unit_in_use'
  /** params: unitId, day */
  | 'entries_exist'
  /** params: id, into — a library entry merged into another */
  | 'merged';

/** RFC 9457 problem details, as every error is sent. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  requestId: z.string(),
  errors: z.array(FieldErrorSchema).optional(),
  reason: z
    .string()
    .optional()
    .describe(
      'on a 409, which conflict: claimed, already_decided, report_not_ready, report_failed, file_source, id_taken, name_taken, ' +
        'source_has_items, source_running, unit_in_use, entries_exist, merged',
    ),
  params: z.record(z.string(), FieldParamSchema).optional().describe("the reason's figures (ids, names, times, counts)"),
});
export type Problem = z.infer<typeof Problem>;
