import { z } from 'zod';

export const InsightQuery = z.object({
  /** The recent window, in hours before now (default one day). */
  hours: z.coerce.number().int().min(1).max(24 * 14).default(24),
});
export type InsightQuery = z.infer<typeof InsightQuery>;

export const HotWords = z.object({
  from: z.string(),
  to: z.string(),
  /** The week before the window, against which rising words are measured. */
  baselineFrom: z.string(),
  /** Most frequent keywords in the window (items containing each): the word cloud. */
  cloud: z.array(z.object({ word: z.string(), count: z.number().int() })),
  /** Keywords rising against their own baseline, most confidently rising first. */
  rising: z.array(
    z.object({
      word: z.string(),
      count: z.number().int(),
      baselineCount: z.number().int(),
      /** How many times more often than in the baseline (per item). */
      ratio: z.number(),
      score: z.number(),
    }),
  ),
});
export type HotWords = z.infer<typeof HotWords>;

export const StoryEvent = z.object({
  /** The leading near-duplicate cluster (the id of its first item). */
  id: z.number().int(),
  /** Every cluster in the event: the lead and the closely related stories folded into it. */
  clusters: z.array(z.number().int()),
  title: z.string(),
  excerpt: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** Copies in all (items plus exact reposts), over every cluster of the event. */
  size: z.number().int(),
  /** Items in the window, and in the window of equal length before it. */
  recent: z.number().int(),
  previous: z.number().int(),
  sourceCount: z.number().int(),
  sources: z.array(z.string()),
  /** Items per hour over the window: the growth curve. */
  curve: z.array(z.number().int()),
});
export type StoryEvent = z.infer<typeof StoryEvent>;

export const StoryEvents = z.object({ from: z.string(), to: z.string(), events: z.array(StoryEvent) });
export type StoryEvents = z.infer<typeof StoryEvents>;
