import { ApiError } from './client';

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

type Translate = (key: string) => string;

/**
 * What to tell the user about a failure. Branches on the stable code, never on message text; field
 * errors from a 4xx are listed because they say what to correct.
 */
export function describeError(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    const base = isKnownErrorCode(err.code) ? t(`errors.${err.code}`) : err.message || t('errors.unknown');
    const fields = err.fieldErrors.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).filter(Boolean);
    const withFields = fields.length ? `${base}（${fields.join('；')}）` : base;
    return err.requestId && err.status >= 500 ? `${withFields} [${err.requestId}]` : withFields;
  }
  return t('errors.unknown');
}
