import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, ConflictError, fieldErrorOf, TooManyRequestsError, ValidationError, type FieldError } from '../errors';

export interface ProblemLogger {
  error(obj: object, msg: string): void;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

/**
 * Storage conditions the client can act on (retry later; free disk space), recognised by the
 * SQLite driver's error code so this module needs no driver import. Anything else stays a 500.
 */
function storageProblem(err: Error): { status: number; code: string; detail: string; retryAfter?: string } | null {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return { status: 503, code: 'database_busy', detail: 'the database is busy with another write; nothing was changed, try again shortly', retryAfter: '2' };
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return { status: 507, code: 'storage_full', detail: 'the database disk is full; nothing was changed — free disk space, then try again' };
  }
  return null;
}

export function problemResponse(
  c: Context,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  extraHeaders: Record<string, string> = {},
  extraBody: Record<string, unknown> = {},
): Response {
  const body = {
    type: `about:blank`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    requestId: (c.get('requestId') as string | undefined) ?? '',
    ...(errors?.length ? { errors } : {}),
    ...extraBody,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...extraHeaders },
  });
}

/** zod issues → field errors named by path, for the validation hook of every route. */
export function zodToValidationError(err: ZodError, target: string): ValidationError {
  const errors = err.issues.map((i) => fieldErrorOf(i, target));
  const where = target === 'json' ? 'request body' : target;
  const status = target === 'json' ? 422 : 400;
  return new ValidationError(
    `invalid ${where}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    errors,
    status,
  );
}

/** One place turns every failure into RFC 9457 problem+json; unknown errors never leak details. */
export function createErrorHandler(log: ProblemLogger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof TooManyRequestsError) {
      return problemResponse(c, err.status, err.code, err.message, undefined, { 'retry-after': String(err.retryAfterSeconds) });
    }
    if (err instanceof ConflictError && err.reason) {
      return problemResponse(c, err.status, err.code, err.message, undefined, {}, { reason: err.reason, ...(err.params ? { params: err.params } : {}) });
    }
    if (err instanceof AppError) return problemResponse(c, err.status, err.code, err.message, err.fieldErrors);
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'payload_too_large' : status === 400 ? 'bad_request' : 'http_error';
      const detail = status === 400 && /json/i.test(err.message) ? 'malformed JSON body' : err.message || TITLES[status] || 'error';
      return problemResponse(c, status, code, detail);
    }
    if (err instanceof SyntaxError && /JSON/i.test(err.message)) {
      return problemResponse(c, 400, 'bad_request', 'malformed JSON body');
    }
    const storage = storageProblem(err);
    if (storage) {
      log.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'storage unavailable');
      return problemResponse(c, storage.status, storage.code, storage.detail, undefined, storage.retryAfter ? { 'retry-after': storage.retryAfter } : {});
    }
    log.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return problemResponse(c, 500, 'internal_error', 'an unexpected error occurred; see the server log for this request id');
  };
}
