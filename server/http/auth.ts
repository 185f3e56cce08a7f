import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { EXPORT_ROUTES, type Rule } from '../auth/route-rules';
import { actorName, can } from '../auth/permissions';
import { safeEqual } from '../auth/secrets';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { Authenticated, AuthService, ClientInfo } from '../services/auth-service';

export const SESSION_COOKIE = 'yq_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The route a request matched, as the OpenAPI document and the rule table name it: "GET /items/{id}". */
export function routeKey(c: Context): string | null {
  // The first API route registered for the request answers it (the dashboard's catch-all GET * comes later).
  const route = c.req.matchedRoutes.find((r) => r.method !== 'ALL' && r.path.startsWith('/api/'));
  if (!route) return null;
  return `${route.method} ${route.path.replace(/^\/api(?=\/)/, '').replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')}`;
}

export function clientOf(c: Context): ClientInfo {
  let ip: string | null = null;
  try {
    ip = getConnInfo(c).remote.address ?? null;
  } catch {
    // app.request() in tests has no socket.
  }
  return { ip, userAgent: c.req.header('user-agent') ?? null };
}

/** Who is calling (set by the auth middleware on every API request that needs someone). */
export function authOf(c: Context): Authenticated {
  const a = c.get('auth' as never) as Authenticated | undefined;
  if (!a) throw new UnauthorizedError();
  return a;
}

export function setSessionCookie(c: Context, secret: string, secure: boolean): void {
  // HttpOnly: no script reads it. Strict: no other site's page sends it along. The CSRF token rides
  // separately (GET /api/auth/me), so a forged request has the cookie at best, never the token.
  setCookie(c, SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'Strict', secure, path: '/' });
}
export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Strict' });
}

/** HTTPS as the client sees it: the request itself, or X-Forwarded-Proto behind a trusted proxy. */
export function isSecure(c: Context, mode: 'auto' | 'always' | 'never', trustProxy: boolean): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

/**
 * Every API request passes here: the matched route's rule (route-rules.ts) says who may call it; the
 * caller is a session (cookie) or a machine token (Authorization: Bearer); a session's
 * state-changing request must carry its CSRF token. A route without a rule is refused. The actor of
 * a change is whoever is signed in: an `actor` given in the body or query is overwritten.
 */
export function authMiddleware(deps: { auth: AuthService; rules: Record<string, Rule> }): MiddlewareHandler {
  return async (c, next) => {
    const key = routeKey(c);
    if (!key) return next(); // no such route: the 404 handler answers
    const rule = deps.rules[key];
    if (!rule) throw new ForbiddenError(`no access rule for ${key}`);

    const bearer = c.req.header('authorization');
    const cookie = getCookie(c, SESSION_COOKIE);
    let who: Authenticated | null = null;
    if (bearer?.startsWith('Bearer ')) {
      who = deps.auth.token(bearer.slice(7).trim());
      if (!who && rule !== 'public') throw new UnauthorizedError('the bearer token is unknown or revoked');
    } else if (cookie) {
      who = deps.auth.session(cookie);
    }
    if (who) c.set('auth' as never, who as never);
    if (rule === 'public') return next();
    if (!who) throw new UnauthorizedError('sign in first');

    if (who.session && !SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER) ?? '';
      if (!sent || !safeEqual(sent, who.session.csrfToken)) throw new ForbiddenError('missing or wrong CSRF token (send X-CSRF-Token from GET /api/auth/me)');
    }
    const id = who.identity;
    if (rule === 'ingest') {
      if (id.kind !== 'token' || !id.scopes.includes('ingest')) throw new ForbiddenError('this route takes a token with the ingest scope');
    } else if (rule === 'session') {
      if (id.kind !== 'user') throw new ForbiddenError('this route is for signed-in people, not tokens');
    } else {
      if (id.kind === 'user' && who.mustChangePassword) throw new ForbiddenError('choose a new password first (POST /api/auth/password)');
      if (!can(id, rule)) throw new ForbiddenError(`your role may not ${rule.replace(':', ' ')}`);
    }
    if (!SAFE_METHODS.has(c.req.method)) await stampActor(c, actorName(id));
    await next();
    if (EXPORT_ROUTES.has(key) && c.res.status === 200) {
      const url = new URL(c.req.url);
      deps.auth.recordExport(actorName(id), key, `${url.pathname}${url.search}`, clientOf(c).ip);
    }
  };
}

/** The request fields that name who acts: a verdict's reviewer, a claim's editor, everyone else's actor. */
const ACTOR_FIELDS = ['actor', 'reviewer', 'editor'] as const;

/** Puts the signed-in actor into the request's actor fields (query and JSON body), whatever the client sent. */
async function stampActor(c: Context, actor: string): Promise<void> {
  if (/^application\/([\w.-]+\+)?json/i.test(c.req.header('content-type') ?? '')) {
    const text = await c.req.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // the route's validation names the malformed body
    }
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const fields = body as Record<string, unknown>;
      // `actor` always (every change names one); the others only where the route's body has them.
      fields.actor = actor;
      for (const f of ACTOR_FIELDS) if (f in fields) fields[f] = actor;
      // Hono's validators read the body through this cache (as a promise of the text).
      c.req.bodyCache = { text: Promise.resolve(JSON.stringify(body)) } as unknown as typeof c.req.bodyCache;
    }
  }
  const url = new URL(c.req.url);
  if (url.searchParams.has('actor') || c.req.method === 'DELETE') {
    url.searchParams.set('actor', actor);
    // The body (if any) is already in the cache above; the new request carries only the URL and headers.
    c.req.raw = new Request(url, { method: c.req.method, headers: c.req.raw.headers });
  }
}
