import type { ConflictReason, Referent, SelfReferent } from '../../../server/contracts/api';
import type { ReportStatus } from '../../../server/contracts/report';
import type { ReviewStatus } from '../../../server/contracts/item';
import { formatDateTime } from '../format';
import { ApiError, type ConflictDetail, type FieldError } from './client';

/** Codes with their own wording in the UI (i18n keys errors.<code>); any other code shows the server's detail. */
export const KNOWN_ERROR_CODES = [
  'network_error',
  'timeout',
  'bad_response',
  'not_found',
  'validation_failed',
  'conflict',
  'search_unavailable',
  'unauthorized',
  'forbidden',
  'too_many_attempts',
  'internal_error',
] as const;
export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return (KNOWN_ERROR_CODES as readonly string[]).includes(code);
}

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** What kind of value a rule is about, as the reader calls it (keys fieldErrors.kind.*). */
const KINDS = ['string', 'number', 'int', 'boolean', 'array', 'object', 'date'] as const;
/** What an unknown reference can be (server/errors.ts Referent; keys fieldErrors.what.*). */
const WHATS: readonly string[] = ['unit', 'category', 'topic', 'library-entry', 'item', 'webhook', 'source'] satisfies Referent[];
/** What a self reference can be (server/errors.ts SelfReferent; keys fieldErrors.self.*). */
const SELF_WHATS: readonly string[] = ['item', 'library-entry', 'unit'] satisfies SelfReferent[];
const kindOf = (v: unknown): string => (KINDS as readonly unknown[]).includes(v) ? String(v) : 'value';

/**
 * A field error in the UI's language from its rule and figures (the server's English message when the
 * rule is not one of these, e.g. a check of our own).
 */
export function describeFieldError(f: FieldError, t: Translate): string {
  const p = f.params ?? {};
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(t('fieldErrors.listSeparator')) : String(v ?? ''));
  const limit = (key: 'minimum' | 'maximum', origin: unknown) => {
    const kind = origin === 'string' || origin === 'array' ? origin : p.inclusive === false ? 'numberExclusive' : 'number';
    return t(`fieldErrors.${key === 'minimum' ? 'min' : 'max'}.${kind}`, { n: p[key] });
  };
  switch (f.code) {
    case 'invalid_type':
      return p.missing ? t('fieldErrors.required') : t('fieldErrors.type', { kind: t(`fieldErrors.kind.${kindOf(p.expected)}`) });
    case 'too_small':
      return typeof p.minimum === 'number' ? limit('minimum', p.origin) : f.message;
    case 'too_big':
      return typeof p.maximum === 'number' ? limit('maximum', p.origin) : f.message;
    case 'invalid_format':
      return t(`fieldErrors.format.${['url', 'email', 'datetime', 'date', 'uuid', 'regex'].includes(String(p.format)) ? String(p.format) : 'other'}`);
    case 'invalid_value':
      return p.values === undefined ? f.message : t('fieldErrors.oneOf', { values: list(p.values) });
    case 'unrecognized_keys':
      return t('fieldErrors.unknownKeys', { keys: list(p.keys) });
    // Our own checks (server/errors.ts fieldFailures).
    case 'not_a_day':
      return t('fieldErrors.notADay', { value: p.value });
    case 'future_day':
      return t('fieldErrors.futureDay', { value: p.value, today: p.today });
    case 'period_reversed':
      return t('fieldErrors.periodReversed');
    case 'period_too_long':
      return t(`fieldErrors.periodTooLong.${p.unit === 'hour' ? 'hour' : 'day'}`, { n: p.maximum });
    case 'too_old':
      return t('fieldErrors.tooOld', { n: p.maximum });
    case 'unit_required':
      return t('fieldErrors.unitRequired');
    case 'wrong_password':
      return t('fieldErrors.wrongPassword');
    case 'same_password':
      return t('fieldErrors.samePassword');
    case 'own_admin':
      return t('fieldErrors.ownAdmin');
    case 'unknown_reference':
      return WHATS.includes(String(p.what)) ? t('fieldErrors.unknown', { what: t(`fieldErrors.what.${String(p.what)}`), value: p.value }) : f.message;
    case 'not_a_cron':
      return t('fieldErrors.notACron', { value: p.value });
    case 'not_http':
      return t('fieldErrors.notHttp');
    case 'private_address':
      return t('fieldErrors.privateAddress');
    // A whole import file (path 'content').
    case 'unreadable_file':
      return t(`fieldErrors.file.unreadable.${['csv', 'xlsx', 'json'].includes(String(p.format)) ? String(p.format) : 'other'}`);
    case 'empty_file':
      return t('fieldErrors.file.empty');
    case 'too_many_rows':
      return t('fieldErrors.file.tooManyRows', { n: p.maximum });
    case 'missing_columns':
      return t('fieldErrors.file.missingColumns', { columns: list(p.columns) });
    case 'unknown_columns':
      return t('fieldErrors.file.unknownColumns', { columns: list(p.columns), allowed: list(p.allowed) });
    case 'not_a_list':
      return t('fieldErrors.file.notAList');
    case 'self_reference':
      return SELF_WHATS.includes(String(p.what)) ? t(`fieldErrors.self.${String(p.what)}`) : f.message;
    default:
      return f.message;
  }
}

/** Reasons worded under conflicts.<reason>; any other falls back to the generic text. */
const CONFLICT_REASONS: readonly string[] = [
  'claimed',
  'already_decided',
  'report_not_ready',
  'report_failed',
  'file_source',
  'id_taken',
  'name_taken',
  'source_has_items',
  'source_running',
  'unit_in_use',
  'entries_exist',
  'merged',
] satisfies ConflictReason[];
const REVIEW_STATUSES: readonly string[] = ['new', 'in-progress', 'confirmed-rumor', 'not-rumor', 'needs-verification', 'duplicate'] satisfies ReviewStatus[];
const REPORT_STATUSES: readonly string[] = ['queued', 'running', 'done', 'failed'] satisfies ReportStatus[];
const CONFLICT_WHATS: readonly string[] = ['source', 'category', 'unit', 'topic', 'user'];
const UNIT_USES = ['children', 'entries', 'zeroReports', 'targets'] as const;

/** A 409 in the UI's language from its reason and figures; null when the reason is not one we word. */
export function describeConflict(c: ConflictDetail, t: Translate): string | null {
  if (!CONFLICT_REASONS.includes(c.reason)) return null;
  const p = c.params;
  const named: Record<string, unknown> = { ...p };
  if (typeof p.until === 'string') named.until = formatDateTime(p.until);
  if (c.reason === 'already_decided') named.status = REVIEW_STATUSES.includes(String(p.status)) ? t(`review.statuses.${String(p.status)}`) : p.status;
  if (c.reason === 'report_not_ready') named.status = REPORT_STATUSES.includes(String(p.status)) ? t(`reports.statuses.${String(p.status)}`) : p.status;
  if (typeof p.what === 'string') named.what = CONFLICT_WHATS.includes(p.what) ? t(`conflicts.what.${p.what}`) : p.what;
  if (c.reason === 'unit_in_use') {
    named.uses = UNIT_USES.filter((u) => typeof p[u] === 'number' && (p[u] as number) > 0)
      .map((u) => t(`conflicts.unitUses.${u}`, { n: p[u] }))
      .join(t('fieldErrors.listSeparator'));
  }
  return t(`conflicts.${c.reason}`, named);
}

/**
 * What to tell the user about a failure. Branches on the stable code, never on message text; field
 * errors from a 4xx are listed because they say what to correct.
 */
export function describeError(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    const conflict = err.code === 'conflict' && err.conflict ? describeConflict(err.conflict, t) : null;
    if (conflict) return conflict;
    const base = isKnownErrorCode(err.code) ? t(`errors.${err.code}`) : err.message || t('errors.unknown');
    const fields = err.fieldErrors
      .map((f) => {
        const text = describeFieldError(f, t);
        return f.path ? `${f.path}: ${text}` : text;
      })
      .filter(Boolean);
    const withFields = fields.length ? `${base}（${fields.join('；')}）` : base;
    return err.requestId && err.status >= 500 ? `${withFields} [${err.requestId}]` : withFields;
  }
  return t('errors.unknown');
}
