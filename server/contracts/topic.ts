import { z } from 'zod';
import { ItemKind } from './item';

const Term = z
  .string()
  .trim()
  .min(1, 'a keyword may not be empty')
  .max(200)
  .refine((s) => s.split('|').every((alt) => alt.trim().length > 0), 'a keyword group may not hold an empty alternative ("a||b")');
const Terms = z.array(Term).max(200);

/**
 * A monitoring topic (专题) as an analyst defines it. Every keyword is a group: "地铁|轨道交通"
 * is satisfied by either word, so include-all reads as "each group at least once".
 */
export const TopicInput = z
  .object({
    name: z.string().trim().min(1).max(60),
    description: z.string().trim().max(500).nullable().default(null),
    /** Each group must occur (AND of the groups; "|" separates words of one group). */
    includeAll: Terms.default([]),
    /** At least one of these must occur, when any are given. */
    includeAny: Terms.default([]),
    /** None of these may occur. */
    exclude: Terms.default([]),
    /** Only items of these sources (empty: every source). */
    sourceIds: z.array(z.string().min(1).max(64)).max(200).default([]),
    /** Only items of these kinds (empty: every kind). */
    kinds: z.array(ItemKind).max(3).default([]),
  })
  .refine((t) => t.includeAll.length + t.includeAny.length > 0, {
    message: 'a topic needs at least one keyword in includeAll or includeAny',
    path: ['includeAll'],
  });
export type TopicInput = z.infer<typeof TopicInput>;

export const Topic = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  includeAll: z.array(z.string()),
  includeAny: z.array(z.string()),
  exclude: z.array(z.string()),
  sourceIds: z.array(z.string()),
  kinds: z.array(ItemKind),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the stored items were last matched against these rules; null while that is still running. */
  matchedAt: z.string().nullable(),
  /** Items matched, in all and in the last 24 hours. */
  itemCount: z.number().int(),
  last24h: z.number().int(),
});
export type Topic = z.infer<typeof Topic>;

export const TopicList = z.object({ topics: z.array(Topic) });
