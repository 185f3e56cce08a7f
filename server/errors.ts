import type { ZodError } from 'zod';
import type { ConflictReason, FieldError, FieldParam, Referent, SelfReferent } from './contracts/api';

export type { ConflictReason, FieldError, FieldParam, Referent };

/** The figures of a zod issue a reader needs (a minimum, a format, the allowed values …), by name. */
const ISSUE_PARAMS = ['origin', 'minimum', 'maximum', 'inclusive', 'expected', 'format', 'values', 'keys'] as const;

function isParam(v: unknown): v is FieldParam {
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string' || typeof x === 'number');
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** A zod issue as a field error: its path, English message, code and figures. */
export function fieldErrorOf(issue: ZodError['issues'][number], fallbackPath: string): FieldError {
  const raw = issue as unknown as Record<string, unknown>;
  const params: Record<string, FieldParam> = {};
  for (const k of ISSUE_PARAMS) if (isParam(raw[k])) params[k] = raw[k];
  // zod says a required field is missing only in its message ("… received undefined").
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) params.missing = true;
  return {
    path: issue.path.length ? issue.path.join('.') : fallbackPath,
    message: issue.message,
    code: issue.code,
    ...(Object.keys(params).length ? { params } : {}),
  };
}

/** A failure the client can act on: status + stable machine code + message safe to show. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string | number) {
    super(404, 'not_found', `${what} ${id} not found`);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fieldErrors?: FieldError[], status = 422) {
    super(status, 'validation_failed', message, fieldErrors);
  }
}

/** A 409; `reason` and its figures let a client say which conflict in its own words. */
export class ConflictError extends AppError {
  constructor(
    message: string,
    readonly reason?: ConflictReason,
    readonly params?: Record<string, FieldParam>,
  ) {
    super(409, 'conflict', message);
  }
}

/** "A <what> named <name> already exists" as a 409 with its reason. */
export function nameTaken(what: 'unit' | 'category' | 'topic' | 'user', name: string, message = `a ${what} named ${name} already exists`): ConflictError {
  return new ConflictError(message, 'name_taken', { what, value: name });
}

export class UnauthorizedError extends AppError {
  constructor(message = 'authentication required') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'not allowed') {
    super(403, 'forbidden', message);
  }
}

export class SearchUnavailableError extends AppError {
  constructor(message = 'the search engine is unavailable') {
    super(503, 'search_unavailable', message);
  }
}

/** Too many attempts (sign-in): the client is told when to try again. */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'too_many_attempts', message);
  }
}

/**
 * Our own checks (beyond a schema's), each with a rule code and its figures like a zod issue, so the
 * dashboard can word it in the reader's language (web/src/api/error-text.ts); the English message is
 * for logs and API clients.
 */

function fieldFailure(path: string, message: string, code: string, params?: Record<string, FieldParam>): ValidationError {
  return new ValidationError(`${path}: ${message}`, [{ path, message, code, ...(params ? { params } : {}) }]);
}

const SELF_REFERENCE: Record<SelfReferent, string> = {
  item: 'an item cannot duplicate itself',
  'library-entry': 'an entry cannot be merged into itself',
  unit: 'a unit cannot move under itself or its own sub-units',
};

export const fieldFailures = {
  notADay: (path: string, value: string) => fieldFailure(path, `${value} is not a calendar day`, 'not_a_day', { value }),
  futureDay: (path: string, value: string, today: string) => fieldFailure(path, `${value} is in the future (today is ${today})`, 'future_day', { value, today }),
  periodReversed: (path: string) => fieldFailure(path, 'the period ends before it starts', 'period_reversed'),
  periodTooLong: (path: string, maximum: number, unit: 'day' | 'hour', hint?: string) =>
    fieldFailure(path, `the period holds more than ${maximum} ${unit}s${hint ? `; ${hint}` : ''}`, 'period_too_long', { maximum, unit }),
  unknown: (path: string, what: Referent, value: string | number) => fieldFailure(path, `unknown ${what} ${value}`, 'unknown_reference', { what, value }),
  /** A reference to the thing being changed itself: an item as its own original, a merge into itself, a unit under itself. */
  selfReference: (path: string, what: SelfReferent) => fieldFailure(path, SELF_REFERENCE[what], 'self_reference', { what }),
  other: fieldFailure,
};
