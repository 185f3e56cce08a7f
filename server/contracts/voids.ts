import { z } from 'zod';

export const VoidStatus = z.enum(['unanswered', 'answered', 'all']);
export type VoidStatus = z.infer<typeof VoidStatus>;

export const VoidQuery = z.object({
  /** The window, in hours before now (default one day); growth is measured against the window of equal length before it. */
  hours: z.coerce.number().int().min(1).max(24 * 14).default(24).describe('Window in hours before now (1–336, default 24)'),
  /** Which voids to list: still unanswered (default: all, unanswered first). */
  status: VoidStatus.default('all').describe('unanswered | answered | all (unanswered first)'),
  /** A void needs at least this many items asking it in the window. */
  minItems: z.coerce.number().int().min(1).max(1_000).default(2).describe('Least number of items asking in the window (default 2)'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Voids listed at most (default 50)'),
});
export type VoidQuery = z.infer<typeof VoidQuery>;

/** What answers a void: an official notice or rebuttal item, a rebuttal record, or a library entry's rebuttal text. */
export const VoidAnswer = z
  .object({
    itemId: z.number().int().nullable().describe('The notice or rebuttal item, when the answer is one'),
    rebuttalId: z.number().int().nullable().describe('The rebuttal record (rebuttals table), when the answer is one'),
    libraryId: z.number().int().nullable().describe("The rumour library entry whose rebuttal text answers, when it is one"),
    title: z.string(),
    url: z.string().nullable(),
    sourceName: z.string(),
    publishedAt: z.string(),
    /** Weighted share of the question's words the answer contains (evidence ranking), in [0, 1]. */
    score: z.number().describe('Weighted share of the question words the answer contains, 0–1'),
    /** Stretches of the question the answer shares. */
    phrases: z.array(z.string()),
  })
  .describe('The notice or rebuttal that answers the void');
export type VoidAnswer = z.infer<typeof VoidAnswer>;

export const InformationVoid = z
  .object({
    /** A key for the list (stable while the representative question stays the same). */
    key: z.string().describe('Key of the void in this list: the core of its representative question'),
    /** The most asked wording among the grouped questions. */
    question: z.string().describe('Representative question (the most asked wording)'),
    /** Other wordings grouped with it, most asked first (at most 5). */
    variants: z.array(z.string()),
    /** Items asking it in the window, and in the window of equal length before it. */
    count: z.number().int().describe('Items asking it in the window'),
    previousCount: z.number().int().describe('Items asking it in the window before'),
    /** count · ln(1 + count / (previousCount + 1)): a new question of 10 ranks above an old one going from 40 to 45. */
    growth: z.number().describe('Growth score: count · ln(1 + count / (previousCount + 1))'),
    /** Earliest time it was asked within the two windows examined. */
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    /** Items asking it in the window, newest first (at most 5). */
    itemIds: z.array(z.number().int()),
    status: z.enum(['unanswered', 'answered']),
    answer: VoidAnswer.nullable(),
  })
  .describe('Similar questions from the public grouped into one information void');
export type InformationVoid = z.infer<typeof InformationVoid>;

export const VoidList = z
  .object({
    from: z.string().describe('Window start (UTC ISO)'),
    to: z.string().describe('Window end (UTC ISO)'),
    previousFrom: z.string().describe('Start of the window before, for growth'),
    /** More questions were asked than are read per request: counts are lower bounds, older ones first to be missed. */
    truncated: z.boolean(),
    /** Unanswered voids first, each part ranked by growth. */
    voids: z.array(InformationVoid),
  })
  .describe('Information voids: rising public questions, unanswered first');
export type VoidList = z.infer<typeof VoidList>;
