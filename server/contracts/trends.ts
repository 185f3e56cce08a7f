import { z } from 'zod';

export const TrendInterval = z.enum(['hour', 'day']);
export const TrendBy = z.enum(['all', 'source', 'kind', 'tag', 'sentiment', 'topic']);
export type TrendBy = z.infer<typeof TrendBy>;

export const TrendQuery = z.object({
  /** A day (Asia/Shanghai) or an ISO instant; default: 7 days before `to`. */
  from: z.string().max(40).optional(),
  /** A day (inclusive) or an ISO instant (exclusive); default: now. */
  to: z.string().max(40).optional(),
  interval: TrendInterval.default('day'),
  by: TrendBy.default('all'),
  /** Only this topic's items (then `by` may be all or sentiment). */
  topic: z.coerce.number().int().positive().optional(),
  /** With by=topic: only these topics, comma-separated ids (side-by-side comparison). */
  topics: z
    .string()
    .max(400)
    .regex(/^\d+(,\d+)*$/, 'comma-separated topic ids')
    .optional(),
});
export type TrendQuery = z.infer<typeof TrendQuery>;

export const TrendLine = z.object({
  key: z.string(),
  label: z.string(),
  counts: z.array(z.number().int()),
  /** counts / all items in the bucket: normalised attention, not raw volume. */
  share: z.array(z.number()),
  total: z.number().int(),
  /** The same series over the period of equal length just before. */
  previousTotal: z.number().int(),
});
export type TrendLine = z.infer<typeof TrendLine>;

export const TrendResult = z.object({
  interval: TrendInterval,
  by: TrendBy,
  from: z.string(),
  to: z.string(),
  /** Bucket labels: Asia/Shanghai days (YYYY-MM-DD) or UTC hour starts (ISO). */
  buckets: z.array(z.string()),
  /** Every item per bucket (or every item of the topic), the denominator of `share`. */
  all: z.array(z.number().int()),
  total: z.number().int(),
  previousTotal: z.number().int(),
  series: z.array(TrendLine),
});
export type TrendResult = z.infer<typeof TrendResult>;

/** Rumours confirmed (new library entries) and first rebuttals published, per bucket. */
export const RumourTrend = z.object({
  interval: TrendInterval,
  buckets: z.array(z.string()),
  found: z.array(z.number().int()),
  rebutted: z.array(z.number().int()),
  foundTotal: z.number().int(),
  rebuttedTotal: z.number().int(),
});
export type RumourTrend = z.infer<typeof RumourTrend>;
