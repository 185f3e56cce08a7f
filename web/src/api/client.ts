/** The one fetch wrapper: JSON in and out, RFC 9457 problems turned into ApiError. */

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Stable machine code from the server ("validation_failed", "not_found", …) or "network_error". */
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ProblemBody {
  status?: number;
  code?: string;
  detail?: string;
  title?: string;
  requestId?: string;
  errors?: FieldError[];
}

export async function toApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as ProblemBody;
      return new ApiError(
        res.status,
        body.code ?? `http_${res.status}`,
        body.detail ?? body.title ?? res.statusText,
        Array.isArray(body.errors) ? body.errors : [],
        body.requestId ?? null,
      );
    } catch {
      // fall through to a generic error
    }
  }
  return new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`);
}

export async function apiRequest<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('accept', 'application/json');
  if (json !== undefined) headers.set('content-type', 'application/json');
  let res: Response;
  try {
    res = await fetch(path, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', (err as Error).message || 'network error');
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as T;
}
