/** A failure the client can act on: status + stable machine code + message safe to show. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors?: { path: string; message: string }[],
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
  constructor(message: string, fieldErrors?: { path: string; message: string }[], status = 422) {
    super(status, 'validation_failed', message, fieldErrors);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
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
