/** The one fetch wrapper: JSON in and out, RFC 9457 problems turned into ApiError. The only caller of fetch. */

// A field's problem as the server sends it: path, English message, and for a validation rule its code
// and figures (worded in the UI's language by error-text.ts).
import type { FieldError, FieldParam } from '../../../server/contracts/api';
export type { FieldError, FieldParam };

function paramsOf(v: unknown): Record<string, FieldParam> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, FieldParam> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const ok = Array.isArray(x)
      ? x.every((y) => typeof y === 'string' || typeof y === 'number')
      : typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
    if (ok) out[k] = x as FieldParam;
  }
  return out;
}

/** Codes made up on this side, for failures that never reached (or never came back from) the server. */
export const CLIENT_CODES = ['network_error', 'timeout', 'bad_response'] as const;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Stable machine code from the server ("validation_failed", "not_found", …) or one of CLIENT_CODES. */
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly requestId: string | null = null,
    /** Seconds to wait before trying again (Retry-After on a 429), when the server said. */
    readonly retryAfter: number | null = null,
    /** On a 409: which conflict (server ConflictReason) and its figures, when the server said. */
    readonly conflict: ConflictDetail | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A 409's reason and figures (server/contracts/api.ts ConflictReason). */
export interface ConflictDetail {
  reason: string;
  params: Record<string, FieldParam>;
}

interface ProblemBody {
  reason?: unknown;
  params?: unknown;
  status?: unknown;
  code?: unknown;
  detail?: unknown;
  title?: unknown;
  requestId?: unknown;
  errors?: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

function fieldErrorsOf(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((e): e is { path: unknown; message: unknown; code?: unknown; params?: unknown } => !!e && typeof e === 'object')
    .map((e) => {
      const params = paramsOf(e.params);
      return {
        path: String(e.path ?? ''),
        message: String(e.message ?? ''),
        ...(typeof e.code === 'string' && e.code ? { code: e.code } : {}),
        ...(params ? { params } : {}),
      };
    });
}

/** A non-2xx response → ApiError. problem+json (or any JSON with a code) keeps the server's code; anything else gets http_<status>. */
export async function toApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  const requestIdHeader = res.headers.get('x-request-id');
  const retryRaw = Number(res.headers.get('retry-after'));
  const retryAfter = res.headers.has('retry-after') && Number.isFinite(retryRaw) && retryRaw >= 0 ? retryRaw : null;
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as ProblemBody;
      return new ApiError(
        res.status,
        str(body.code) ?? `http_${res.status}`,
        str(body.detail) ?? str(body.title) ?? (res.statusText || `HTTP ${res.status}`),
        fieldErrorsOf(body.errors),
        str(body.requestId) ?? requestIdHeader,
        retryAfter,
        str(body.reason) ? { reason: str(body.reason)!, params: paramsOf(body.params) ?? {} } : null,
      );
    } catch {
      // a broken JSON body: fall through to a generic error
    }
  }
  return new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`, [], requestIdHeader, retryAfter);
}

/* ---- the session: CSRF token and what happens when the server says "sign in first" ---- */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
let csrfToken: string | null = null;

/** The session store hands over the CSRF token from GET /api/auth/me (or login); null when signed out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Where the sign-in page sends someone back to: only a path on this site (never //host or a full URL). */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (/[\u0000-\u001f]/.test(next) || next.startsWith('/login')) return null;
  return next;
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function loginPath(path: string): string {
  const next = safeNext(path);
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

export type UnauthorizedHandler = (currentPath: string) => void;
const defaultUnauthorized: UnauthorizedHandler = (current) => {
  if (typeof window === 'undefined' || window.location.pathname === '/login') return;
  window.location.assign(loginPath(current));
};
let unauthorized: UnauthorizedHandler = defaultUnauthorized;

/** main.ts routes a 401 through the router (and clears the session); by default the page is reloaded at /login. */
export function setUnauthorizedHandler(fn: UnauthorizedHandler | null): void {
  unauthorized = fn ?? defaultUnauthorized;
}

function currentPath(): string {
  if (typeof window === 'undefined') return '/';
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export interface ApiRequestInit extends RequestInit {
  /** Sent as a JSON body with content-type application/json. */
  json?: unknown;
  /** Give up after this long (ignored when a signal is passed: the caller decides). */
  timeoutMs?: number;
  /** A 401 is the answer itself (who am I, sign in, wrong current password): no redirect to /login. */
  noAuthRedirect?: boolean;
}

export async function apiRequest<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  const { json, timeoutMs = DEFAULT_TIMEOUT_MS, noAuthRedirect = false, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('accept', 'application/json');
  if (json !== undefined) headers.set('content-type', 'application/json');
  const method = (rest.method ?? 'GET').toUpperCase();
  // The session cookie is HttpOnly and SameSite=Strict; a state-changing request also proves it comes from this page.
  if (!SAFE_METHODS.has(method) && csrfToken && !headers.has('x-csrf-token')) headers.set('x-csrf-token', csrfToken);
  const signal = rest.signal ?? (typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(timeoutMs) : undefined);
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', ...rest, signal, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
  } catch (err) {
    const name = (err as Error | null)?.name;
    // The caller's own abort is not an error to show: rethrow it untouched.
    if (name === 'AbortError' && rest.signal?.aborted) throw err;
    if (name === 'TimeoutError' || name === 'AbortError') throw new ApiError(0, 'timeout', 'request timed out');
    throw new ApiError(0, 'network_error', (err as Error | null)?.message || 'network error');
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (res.status === 401 && !noAuthRedirect) unauthorized(currentPath());
    throw err;
  }
  if (res.status === 204 || res.status === 205) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    // e.g. an HTML page from a proxy or a mis-routed request
    throw new ApiError(res.status, 'bad_response', 'the server sent a response that is not JSON', [], res.headers.get('x-request-id'));
  }
}
