import type { Topic, TopicInput } from '../../../../server/contracts/topic';
import { ApiError, type FieldError } from '../../api/client';

export type TopicKind = TopicInput['kinds'][number];
export type TopicField = 'name' | 'description' | 'includeAll' | 'includeAny' | 'exclude' | 'sourceIds' | 'kinds' | 'actor';

/** What the create/edit form holds. */
export interface TopicForm {
  name: string;
  description: string;
  includeAll: string[];
  includeAny: string[];
  exclude: string[];
  sourceIds: string[];
  kinds: TopicKind[];
}

export const emptyTopicForm = (): TopicForm => ({ name: '', description: '', includeAll: [], includeAny: [], exclude: [], sourceIds: [], kinds: [] });

export function formFromTopic(t: Topic): TopicForm {
  return {
    name: t.name,
    description: t.description ?? '',
    includeAll: [...t.includeAll],
    includeAny: [...t.includeAny],
    exclude: [...t.exclude],
    sourceIds: [...t.sourceIds],
    kinds: [...t.kinds],
  };
}

/** One keyword group as the server wants it: alternatives trimmed, empty ones ("a||b", "a|") dropped. '' when nothing is left. */
export function normaliseTerm(raw: string): string {
  return raw
    .split(/[|｜]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join('|');
}

/**
 * Typed or pasted text → keyword groups. Commas, Chinese commas/enumeration marks, semicolons and
 * new lines separate groups; "|" stays inside one group ("地铁|轨道交通，公交" → two groups).
 */
export function parseTerms(raw: string): string[] {
  return raw.split(/[,，、;；\n\r]+/).map(normaliseTerm).filter(Boolean);
}

/** Adds groups to a list, keeping the order and skipping ones already there. */
export function addTerms(list: readonly string[], raw: string): string[] {
  const out = [...list];
  for (const t of parseTerms(raw)) if (!out.includes(t)) out.push(t);
  return out;
}

/** The request body of the form. */
export function formToBody(f: TopicForm): TopicInput {
  const terms = (l: string[]) => [...new Set(l.map(normaliseTerm).filter(Boolean))];
  const description = f.description.trim();
  return {
    name: f.name.trim(),
    description: description ? description : null,
    includeAll: terms(f.includeAll),
    includeAny: terms(f.includeAny),
    exclude: terms(f.exclude),
    sourceIds: [...new Set(f.sourceIds)],
    kinds: [...new Set(f.kinds)],
  };
}

export type FieldMessages = Partial<Record<TopicField | 'form', string>>;

export interface FormTexts {
  needName: string;
  needKeyword: string;
  duplicateName: string;
}

/** The checks worth making before a round trip (the server checks everything again). */
export function checkTopicForm(f: TopicForm, texts: FormTexts): FieldMessages {
  const body = formToBody(f);
  const out: FieldMessages = {};
  if (!body.name) out.name = texts.needName;
  if (body.includeAll.length + body.includeAny.length === 0) out.includeAll = texts.needKeyword;
  return out;
}

const FIELDS: readonly TopicField[] = ['name', 'description', 'includeAll', 'includeAny', 'exclude', 'sourceIds', 'kinds', 'actor'];

/**
 * A failed save → messages next to the fields they name. A 422 names fields by path ("topic.name",
 * "includeAll.2"); a 409 is always the name (the only unique thing). Anything else goes on the form.
 * `word` says a field error in the reader's language (error-text.ts describeFieldError); the server's
 * English message by default.
 */
export function fieldErrorsFromApi(
  err: unknown,
  texts: Pick<FormTexts, 'duplicateName'>,
  word: (f: FieldError) => string = (f) => f.message,
): FieldMessages {
  if (!(err instanceof ApiError)) return {};
  if (err.code === 'conflict') return { name: texts.duplicateName };
  const out: FieldMessages = {};
  for (const fe of err.fieldErrors) {
    const segs = fe.path.split('.').filter((s) => s !== 'topic' && s !== 'body');
    const field = FIELDS.find((f) => f === segs[0]);
    const key = field ?? 'form';
    const text = word(fe);
    out[key] = out[key] ? `${out[key]}；${text}` : text;
  }
  return out;
}

/** A one-line summary of a topic's rules for the list ("全含：A、B；任一：C；排除：D"). */
export function rulesSummary(t: Pick<Topic, 'includeAll' | 'includeAny' | 'exclude'>, fmt: { all: (terms: string) => string; any: (terms: string) => string; exclude: (terms: string) => string }): string {
  const join = (l: string[]) => l.join('、');
  const parts: string[] = [];
  if (t.includeAll.length) parts.push(fmt.all(join(t.includeAll)));
  if (t.includeAny.length) parts.push(fmt.any(join(t.includeAny)));
  if (t.exclude.length) parts.push(fmt.exclude(join(t.exclude)));
  return parts.join('；');
}
