import fs from 'node:fs';
import path from 'node:path';
import { validateDetailed } from 'node-cron';
import { parse as parseYaml } from 'yaml';
import { SourcesFile, unknownSourceFields, type SourceConfig } from '../server/contracts/source';
import { CriticalError } from './errors';

/** A sources file the crawler cannot use; the message is meant to be printed as is and acted on. */
export class ConfigError extends CriticalError {}

type Format = 'yaml' | 'json';

function formatOf(file: string): Format | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  return null;
}

function rawSources(data: unknown): unknown[] {
  const sources = (data as { sources?: unknown } | null)?.sources;
  return Array.isArray(sources) ? sources : [];
}

/** `sources[1] (id "gov-notices")`: the index always, the id when the entry has a readable one. */
function sourceLabel(data: unknown, index: number): string {
  const id = (rawSources(data)[index] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id ? `sources[${index}] (id "${id}")` : `sources[${index}]`;
}

function valueAt(data: unknown, keys: PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const key of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** One issue → `file: sources[i] (id "x"): field.path: message`. */
function describeIssue(file: string, data: unknown, keys: PropertyKey[], message: string): string {
  const [top, index, ...rest] = keys;
  if (top === 'sources' && typeof index === 'number') {
    const field = rest.map(String).join('.') || '(entry)';
    return `${file}: ${sourceLabel(data, index)}: ${field}: ${message}`;
  }
  return `${file}: ${keys.map(String).join('.') || '(top level)'}: ${message}`;
}

/** Unknown keys (typos) of every entry, named with the file and the source (see unknownSourceFields). */
function unknownKeyIssues(file: string, data: unknown): string[] {
  return rawSources(data).flatMap((entry, index) =>
    unknownSourceFields(entry).map((keys) => describeIssue(file, data, ['sources', index, ...keys], 'unknown field (typo?)')),
  );
}

/** Checks zod cannot express: unique ids, cron syntax, http(s) URLs. */
function crossIssues(file: string, data: unknown, sources: SourceConfig[]): string[] {
  const out: string[] = [];
  const firstIndex = new Map<string, number>();
  sources.forEach((s, i) => {
    const earlier = firstIndex.get(s.id);
    if (earlier !== undefined) out.push(describeIssue(file, data, ['sources', i, 'id'], `duplicate id (also used by sources[${earlier}])`));
    else firstIndex.set(s.id, i);
    const cron = validateDetailed(s.schedule);
    if (!cron.valid) {
      const why = cron.errors.map((e) => e.message).join('; ') || 'not a cron expression';
      out.push(describeIssue(file, data, ['sources', i, 'schedule'], `invalid cron expression "${s.schedule}" (${why})`));
    }
    if (!/^https?:\/\//i.test(s.url)) out.push(describeIssue(file, data, ['sources', i, 'url'], 'must be an http:// or https:// URL'));
  });
  return out;
}

/**
 * Validates sources-file text. `file` only labels messages. Every problem is reported at once,
 * one per line, so a newcomer fixes the file in one go.
 */
export function parseSourcesText(text: string, file: string, format: Format): SourcesFile {
  let data: unknown;
  try {
    data = format === 'yaml' ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid ${format.toUpperCase()}: ${(err as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`${file}: (top level): expected an object with a "sources" list`);
  }
  const parsed = SourcesFile.safeParse(data);
  const problems = unknownKeyIssues(file, data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const missing = issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined;
      problems.push(describeIssue(file, data, issue.path, missing ? 'Required' : issue.message));
    }
  } else {
    problems.push(...crossIssues(file, data, parsed.data.sources));
  }
  if (problems.length) throw new ConfigError(problems.join('\n'));
  return parsed.data as SourcesFile;
}

/** Reads and validates a YAML (.yaml/.yml) or JSON (.json) sources file; throws ConfigError. */
export function loadSourcesFile(file: string): SourcesFile {
  const label = path.basename(file);
  const format = formatOf(file);
  if (!format) throw new ConfigError(`${label}: unsupported file type; use .yaml, .yml or .json`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${label}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseSourcesText(text, label, format);
}
