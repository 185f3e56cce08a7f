import { z } from 'zod';
import { SentimentLabelSchema } from './model';

/** Labelled sentiment rows as the CLIs read them (other fields allowed and ignored). */
export const SentimentRow = z.object({
  text: z.string(),
  label: SentimentLabelSchema,
  /** The finer emotion a label was derived from (happy, angry, sad, fear, neutral), if known. */
  emotion: z.string().optional(),
});
export type SentimentRow = z.infer<typeof SentimentRow>;

/** For evaluation: an id to write back and the fields figures are broken down by. */
export const SentimentEvalRow = SentimentRow.extend({
  id: z.union([z.string(), z.number()]).transform(String),
  domain: z.string().optional(),
  source: z.string().optional(),
});
export type SentimentEvalRow = z.infer<typeof SentimentEvalRow>;
