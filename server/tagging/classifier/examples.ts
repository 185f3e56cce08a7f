import { z } from 'zod';

/**
 * Labelled examples as users import them: JSON Lines, one `{"text": …, "label": "rumor" | "non-rumor"}`
 * per line (other fields allowed and kept). Parsing is pure (content in, rows and errors out) so
 * the CLIs and, later, an import route report bad rows the same way: `file:line: field: problem`.
 */

export const LabelledRow = z.object({
  text: z.string(),
  label: z.enum(['rumor', 'non-rumor']),
});
export type LabelledRow = z.infer<typeof LabelledRow>;

/** For evaluation: an id to write back and, optionally, the source to break figures down by. */
export const EvalRow = LabelledRow.extend({
  id: z.union([z.string(), z.number()]).transform(String),
  source: z.string().optional(),
});
export type EvalRow = z.infer<typeof EvalRow>;

export interface ParsedJsonl<T> {
  rows: T[];
  /** `file:line: problem`, in line order. */
  errors: string[];
}

export function parseJsonl<T>(content: string, file: string, schema: z.ZodType<T>): ParsedJsonl<T> {
  const rows: T[] = [];
  const errors: string[] = [];
  const lines = content.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      errors.push(`${where}: not a JSON object`);
      return;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) rows.push(parsed.data);
    else errors.push(`${where}: ${parsed.error.issues.map((x) => `${x.path.join('.') || '(row)'}: ${x.message}`).join('; ')}`);
  });
  return { rows, errors };
}
