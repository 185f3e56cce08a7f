import type { FieldError } from '../../../../server/contracts/api';
import type { SourceConfig } from '../../api/sources';

export type SourceType = SourceConfig['type'];
export type SourceKind = SourceConfig['kind'];

/** What the form edits: the common fields, plus everything else as JSON text. */
export interface SourceFormModel {
  id: string;
  name: string;
  kind: SourceKind;
  type: SourceType;
  url: string;
  schedule: string;
  listLink: string;
  listNext: string;
  ownSite: boolean;
  ownMedia: boolean;
  enabled: boolean;
  /** A JSON object merged into the config (delayMs, detail, a JSON source's list mapping …). */
  advanced: string;
}

const COMMON = ['id', 'name', 'kind', 'type', 'url', 'schedule', 'ownSite', 'ownMedia', 'enabled'] as const;

export function emptyModel(): SourceFormModel {
  return {
    id: '',
    name: '',
    kind: 'news',
    type: 'rss',
    url: '',
    schedule: '*/10 * * * *',
    listLink: '',
    listNext: '',
    ownSite: false,
    ownMedia: false,
    enabled: true,
    advanced: '',
  };
}

/** A stored config → the form: the common fields in their inputs, the rest as pretty JSON. */
export function modelFromConfig(config: SourceConfig): SourceFormModel {
  const rest: Record<string, unknown> = { ...config };
  for (const k of COMMON) delete rest[k];
  const m: SourceFormModel = {
    ...emptyModel(),
    id: config.id,
    name: config.name,
    kind: config.kind,
    type: config.type,
    url: config.url,
    schedule: config.schedule,
    ownSite: config.ownSite,
    ownMedia: config.ownMedia ?? config.ownSite,
    enabled: config.enabled,
  };
  if (config.type === 'html-list') {
    m.listLink = config.list.link;
    m.listNext = config.list.next ?? '';
    const { link: _link, next: _next, ...listRest } = config.list;
    if (Object.keys(listRest).length) rest.list = listRest;
    else delete rest.list;
  }
  m.advanced = Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '';
  return m;
}

/**
 * The form → the request body. Only the advanced JSON is checked here (it must be an object); the
 * server validates the rest and names each invalid field, shown next to it.
 */
export function configFromModel(m: SourceFormModel): { config: Record<string, unknown> } | { error: 'advanced' } {
  let advanced: Record<string, unknown> = {};
  if (m.advanced.trim()) {
    try {
      const parsed: unknown = JSON.parse(m.advanced);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: 'advanced' };
      advanced = parsed as Record<string, unknown>;
    } catch {
      return { error: 'advanced' };
    }
  }
  const config: Record<string, unknown> = {
    ...advanced,
    id: m.id.trim(),
    name: m.name.trim(),
    kind: m.kind,
    type: m.type,
    url: m.url.trim(),
    schedule: m.schedule.trim(),
    ownSite: m.ownSite,
    ownMedia: m.ownMedia,
    enabled: m.enabled,
  };
  if (m.type === 'html-list') {
    const list: Record<string, unknown> = { ...((advanced.list as Record<string, unknown> | undefined) ?? {}), link: m.listLink.trim() };
    if (m.listNext.trim()) list.next = m.listNext.trim();
    config.list = list;
  } else if (m.type === 'rss') {
    delete config.list;
    delete config.detail;
  }
  return { config };
}

/** Form fields with their own error slot; a server error on any other path is listed under "other". */
export const FIELD_OF_PATH: Record<string, keyof SourceFormModel> = {
  id: 'id',
  name: 'name',
  kind: 'kind',
  type: 'type',
  url: 'url',
  schedule: 'schedule',
  'list.link': 'listLink',
  'list.next': 'listNext',
  ownSite: 'ownSite',
  ownMedia: 'ownMedia',
  enabled: 'enabled',
};

/** Server field errors → per-field messages and the rest ("path: message"). */
export function splitFieldErrors(
  errors: FieldError[],
  /** How an error is worded (the dashboard: describeFieldError in the reader's language). */
  describe: (e: FieldError) => string = (e) => e.message,
): {
  fields: Partial<Record<keyof SourceFormModel, string>>;
  other: string[];
} {
  const fields: Partial<Record<keyof SourceFormModel, string>> = {};
  const other: string[] = [];
  for (const e of errors) {
    const field = FIELD_OF_PATH[e.path];
    const text = describe(e);
    if (field) fields[field] = fields[field] ? `${fields[field]}; ${text}` : text;
    else other.push(`${e.path}: ${text}`);
  }
  return { fields, other };
}
