import { createRoute, z } from '@hono/zod-openapi';
import {
  DemoAccounts, LoginBody, Me, PasswordChange, PasswordReset, SessionInfo, TokenCreate, TokenCreated, TokenInfo, User, UserCreate, UserPatch,
} from '../contracts/auth';
import { clearSessionCookie, clientOf, authOf, isSecure, setSessionCookie } from '../http/auth';
import { createRouter, jsonBody, jsonResponses, problemResponses } from '../http/openapi-app';
import type { AuthService } from '../services/auth-service';
import { actorName } from '../auth/permissions';
import { IdParam } from './items';
import { ForbiddenError } from '../errors';

const tags = ['auth'];
const noContent = { 204: { description: 'Done' }, ...problemResponses, 401: { description: 'Not signed in (problem+json)' } };
const HandleParam = z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' }, example: '3f2a9c1d0b7e4a55' }) });

const loginRoute = createRoute({
  method: 'post', path: '/auth/login', tags,
  summary: 'Sign in: sets the session cookie (HttpOnly, SameSite=Strict) and returns who you are with the CSRF token',
  description: `Five wrong passwords in a row lock the account for 15 minutes; twenty failures from one address within 15 minutes make it wait (429 with Retry-After).`,
  request: { body: jsonBody(LoginBody) },
  responses: { ...jsonResponses(Me, 'Signed in'), 401: { description: 'Wrong username or password' }, 429: { description: 'Too many attempts' } },
});
const demoRoute = createRoute({
  method: 'get', path: '/auth/demo-accounts', tags,
  summary: 'The demo accounts and their passwords, for the sign-in page (demo mode only; 404 otherwise)',
  responses: jsonResponses(DemoAccounts, 'Demo accounts'),
});
const logoutRoute = createRoute({ method: 'post', path: '/auth/logout', tags, summary: 'Sign out: ends this session', responses: noContent });
const meRoute = createRoute({
  method: 'get', path: '/auth/me', tags, summary: 'Who is signed in, what they may do, and the CSRF token for state-changing requests',
  responses: { ...jsonResponses(Me, 'The session'), 401: { description: 'Not signed in' } },
});
const passwordRoute = createRoute({
  method: 'post', path: '/auth/password', tags, summary: 'Change your own password (your other sessions end)',
  request: { body: jsonBody(PasswordChange) }, responses: noContent,
});
const mySessionsRoute = createRoute({
  method: 'get', path: '/auth/sessions', tags, summary: 'Your sessions (devices signed in), newest activity first',
  responses: jsonResponses(z.object({ sessions: z.array(SessionInfo) }), 'Sessions'),
});
const revokeMineRoute = createRoute({
  method: 'delete', path: '/auth/sessions/{id}', tags, summary: 'End one of your sessions', request: { params: HandleParam }, responses: noContent,
});

const usersRoute = createRoute({ method: 'get', path: '/users', tags, summary: 'Every account (admin)', responses: jsonResponses(z.object({ users: z.array(User) }), 'Accounts') });
const createUserRoute = createRoute({
  method: 'post', path: '/users', tags, summary: 'Add an account (admin); a unit reporter names their unit',
  request: { body: jsonBody(UserCreate) }, responses: jsonResponses(User, 'The account', { status: 201, conflict: 'The username is taken' }),
});
const patchUserRoute = createRoute({
  method: 'patch', path: '/users/{id}', tags, summary: 'Rename, change role or unit, disable or enable an account (admin; its sessions end when its powers change)',
  request: { params: IdParam, body: jsonBody(UserPatch) }, responses: jsonResponses(User, 'The account'),
});
const resetRoute = createRoute({
  method: 'post', path: '/users/{id}/password', tags, summary: 'Reset a password (admin): a temporary one the user must change at the next sign-in',
  request: { params: IdParam, body: jsonBody(PasswordReset) }, responses: jsonResponses(User, 'The account'),
});
const userSessionsRoute = createRoute({
  method: 'get', path: '/users/{id}/sessions', tags, summary: "An account's sessions (admin)",
  request: { params: IdParam }, responses: jsonResponses(z.object({ sessions: z.array(SessionInfo) }), 'Sessions'),
});
const UserSessionParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
  sid: z.string().max(64).openapi({ param: { name: 'sid', in: 'path' }, example: '3f2a9c1d0b7e4a55' }),
});
const revokeUserSessionRoute = createRoute({
  method: 'delete', path: '/users/{id}/sessions/{sid}', tags, summary: "End one of an account's sessions (admin), e.g. a lost phone",
  request: { params: UserSessionParam }, responses: noContent,
});
const tokensRoute = createRoute({ method: 'get', path: '/tokens', tags, summary: 'Machine tokens (admin); the secrets themselves are never shown again', responses: jsonResponses(z.object({ tokens: z.array(TokenInfo) }), 'Tokens') });
const createTokenRoute = createRoute({
  method: 'post', path: '/tokens', tags, summary: 'Create a machine token (admin): ingest for a remote crawler, read for other systems. The token is in this response only',
  request: { body: jsonBody(TokenCreate) }, responses: jsonResponses(TokenCreated, 'The token, shown once', { status: 201 }),
});
const revokeTokenRoute = createRoute({ method: 'delete', path: '/tokens/{id}', tags, summary: 'Revoke a machine token (admin)', request: { params: IdParam }, responses: noContent });

/** Sign-in, one's own account and sessions; accounts and machine tokens for admins. */
export function authRoutes(auth: AuthService, cookies: { mode: 'auto' | 'always' | 'never'; trustProxy: boolean }) {
  const secure = (c: Parameters<typeof isSecure>[0]) => isSecure(c, cookies.mode, cookies.trustProxy);
  const userId = (c: Parameters<typeof authOf>[0]) => {
    const id = authOf(c).identity;
    if (id.kind !== 'user') throw new ForbiddenError('this route is for signed-in people, not tokens');
    return id.id;
  };
  const actor = (c: Parameters<typeof authOf>[0]) => actorName(authOf(c).identity);
  return createRouter()
    .openapi(loginRoute, async (c) => {
      const { secret, me } = await auth.login(c.req.valid('json'), clientOf(c));
      setSessionCookie(c, secret, secure(c));
      return c.json(me, 200);
    })
    .openapi(demoRoute, (c) => c.json({ accounts: auth.demoAccounts() }, 200))
    .openapi(logoutRoute, (c) => {
      const a = authOf(c);
      if (a.session && a.identity.kind === 'user') auth.logout(a.session.idHash, a.identity.username);
      clearSessionCookie(c, secure(c));
      return c.body(null, 204);
    })
    .openapi(meRoute, (c) => c.json(auth.me(userId(c), authOf(c).session?.csrfToken ?? ''), 200))
    .openapi(passwordRoute, async (c) => {
      await auth.changePassword(userId(c), c.req.valid('json'), authOf(c).session?.idHash ?? '');
      return c.body(null, 204);
    })
    .openapi(mySessionsRoute, (c) => c.json({ sessions: auth.sessions(userId(c), authOf(c).session?.idHash ?? null) }, 200))
    .openapi(revokeMineRoute, (c) => {
      auth.revokeSession(userId(c), c.req.valid('param').id, actor(c));
      return c.body(null, 204);
    })
    .openapi(usersRoute, (c) => c.json({ users: auth.listUsers() }, 200))
    .openapi(createUserRoute, async (c) => c.json(await auth.createUser(c.req.valid('json'), actor(c)), 201))
    .openapi(patchUserRoute, (c) => c.json(auth.updateUser(c.req.valid('param').id, c.req.valid('json'), actor(c), userId(c)), 200))
    .openapi(resetRoute, async (c) => c.json(await auth.resetPassword(c.req.valid('param').id, c.req.valid('json').password, actor(c)), 200))
    .openapi(userSessionsRoute, (c) => c.json({ sessions: auth.sessions(c.req.valid('param').id, authOf(c).session?.idHash ?? null) }, 200))
    .openapi(revokeUserSessionRoute, (c) => {
      const { id, sid } = c.req.valid('param');
      auth.revokeSession(id, sid, actor(c));
      return c.body(null, 204);
    })
    .openapi(tokensRoute, (c) => c.json({ tokens: auth.listTokens() }, 200))
    .openapi(createTokenRoute, (c) => c.json(auth.createToken(c.req.valid('json'), actor(c)), 201))
    .openapi(revokeTokenRoute, (c) => {
      auth.revokeToken(c.req.valid('param').id, actor(c));
      return c.body(null, 204);
    });
}
