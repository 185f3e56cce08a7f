import crypto from 'node:crypto';
import { hashSync } from '@node-rs/argon2';
import type { Role } from '../../server/contracts/auth';
import type { Db } from '../../server/db/open-database';
import { SESSION_COOKIE } from '../../server/http/auth';
import { createAuthRepo } from '../../server/repositories/auth-repo';
import type { AuthService } from '../../server/services/auth-service';

type Requester = { request: (input: string | Request | URL, init?: RequestInit) => Response | Promise<Response> };

/** The password every test account gets (hashed once per process: argon2id is deliberately slow). */
export const TEST_PASSWORD = 'test-password-123';
let testHash: string | null = null;

/** An account of the given role and a session for it: the headers a signed-in browser would send. */
export function signIn(db: Db, auth: AuthService, role: Role, opts: { username?: string; displayName?: string; unitId?: number | null } = {}) {
  const repo = createAuthRepo(db);
  const username = opts.username ?? `test-${role}`;
  const existing = repo.userByName(username);
  testHash ??= hashSync(TEST_PASSWORD);
  const id = existing?.id ?? repo.insertUser(
    { username, displayName: opts.displayName ?? username, role, unitId: opts.unitId ?? null, passwordHash: testHash, demo: false, mustChange: false },
    new Date().toISOString(),
  );
  const { secret, me } = auth.startSession(id, { ip: null, userAgent: 'test' });
  return { userId: id, me, headers: { cookie: `${SESSION_COOKIE}=${secret}`, 'x-csrf-token': me.csrfToken } as Record<string, string> };
}

/** The app as a signed-in user calls it: each request gets the session cookie and CSRF token unless it sets its own. */
export function asUser<A extends Requester>(app: A, headers: Record<string, string>): Requester {
  return {
    request(input, init = {}) {
      const h = new Headers(init.headers);
      // A request with its own credentials (a bearer token) is sent as it is.
      if (!h.has('authorization')) for (const [k, v] of Object.entries(headers)) if (!h.has(k)) h.set(k, v);
      return app.request(input, { ...init, headers: h });
    },
  };
}

/** The `actor` a test request names (JSON body or query), if any. */
function namedActor(input: string | Request | URL, init: RequestInit): string | null {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://test');
  const fromQuery = url.searchParams.get('actor');
  if (fromQuery) return fromQuery;
  if (typeof init.body !== 'string') return null;
  try {
    const body = JSON.parse(init.body) as unknown;
    if (!body || typeof body !== 'object') return null;
    const named = ['actor', 'reviewer', 'editor'].map((k) => (body as Record<string, unknown>)[k]).find((v) => typeof v === 'string');
    return (named as string | undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * The app as the tests' people call it. The server records the signed-in user as the actor and
 * ignores an `actor` in the request, so a request naming an actor is sent by a signed-in admin of
 * that display name (one account per name); other requests by the default admin.
 */
export function asNamedActors(app: Requester, db: Db, auth: AuthService, fallback: Record<string, string>): Requester {
  const sessions = new Map<string, Record<string, string>>();
  return {
    request(input, init = {}) {
      const actor = namedActor(input, init);
      let headers = fallback;
      if (actor) {
        headers = sessions.get(actor) ?? signIn(db, auth, 'admin', { username: `actor-${crypto.createHash('sha1').update(actor).digest('hex').slice(0, 12)}`, displayName: actor }).headers;
        sessions.set(actor, headers);
      }
      return asUser(app, headers).request(input, init);
    },
  };
}
