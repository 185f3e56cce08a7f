import type {
  LoginBody, Me, PasswordChange, Role, SessionInfo, TokenCreate, TokenCreated, TokenInfo, User, UserCreate, UserPatch,
} from '../contracts/auth';
import { AppError, NotFoundError, TooManyRequestsError, UnauthorizedError, fieldFailures, nameTaken } from '../errors';
import { actionsOf, type Identity } from '../auth/permissions';
import type { PasswordHasher } from '../auth/passwords';
import { digest, randomSecret, safeEqual } from '../auth/secrets';
import type { AuthRepo, SessionRow, TokenRecord, UserRow } from '../repositories/auth-repo';

const MINUTE = 60_000;
/** Consecutive failures that lock an account, and for how long. */
export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;
/** Failures from one address within the window before it must wait (guessing across many accounts). */
export const IP_FAILURES = 20;
export const IP_WINDOW_MINUTES = 15;
/** By default a session ends after 12 hours unused, and at the latest 7 days after sign-in. */
export const SESSION_DEFAULTS = { idleHours: 12, maxDays: 7 };
const TOUCH_EVERY_MS = MINUTE;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface Authenticated {
  identity: Identity;
  /** Set for a browser session: the CSRF token its state-changing requests must carry, and its id digest. */
  session: { idHash: string; csrfToken: string } | null;
  mustChangePassword: boolean;
}

export interface DemoAccount { username: string; displayName: string; role: Role; unitId?: number | null; password: string }


function toUser(r: UserRow): User {
  return {
    id: r.id, username: r.username, displayName: r.display_name, role: r.role, unitId: r.unit_id, demo: r.demo === 1,
    disabled: r.disabled === 1, mustChangePassword: r.must_change === 1, lockedUntil: r.locked_until, createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
  };
}
const toIdentity = (r: UserRow): Identity => ({ kind: 'user', id: r.id, username: r.username, displayName: r.display_name, role: r.role, unitId: r.unit_id });
const toTokenInfo = ({ token_hash: _h, ...t }: TokenRecord): TokenInfo => ({
  id: t.id, name: t.name, prefix: t.prefix, scopes: t.scopes, createdBy: t.created_by, createdAt: t.created_at, lastUsedAt: t.last_used_at,
  revokedAt: t.revoked_at,
});
/** A session's public handle: enough to name it for revoking, useless as the session itself. */
const handleOf = (idHash: string) => idHash.slice(0, 16);

/**
 * Accounts, sign-in, sessions and machine tokens. Passwords are argon2id; sessions and tokens are
 * random 256-bit secrets kept only as SHA-256 digests. Sign-in failures lock the account for a while
 * and slow down an address guessing across accounts.
 */
export function createAuthService(deps: {
  repo: AuthRepo;
  hasher: PasswordHasher;
  /** Demo accounts work only in demo mode. */
  demoMode: boolean;
  /** INGEST_TOKEN from the environment: a token with the ingest scope that lives outside the database. */
  ingestToken?: string | null;
  session?: { idleHours: number; maxDays: number };
  now?: () => Date;
}) {
  const { idleHours: IDLE_HOURS, maxDays: MAX_DAYS } = deps.session ?? SESSION_DEFAULTS;
  const { repo, hasher } = deps;
  let demoList: DemoAccount[] = [];
  const now = () => deps.now?.() ?? new Date();
  const iso = (ms: number) => new Date(ms).toISOString();
  // A real hash to verify against when the username is unknown, so timing does not tell which names exist.
  let decoy: Promise<string> | null = null;
  const decoyHash = () => (decoy ??= hasher.hash(randomSecret()));

  function userOrThrow(id: number): UserRow {
    const u = repo.getUser(id);
    if (!u) throw new NotFoundError('user', id);
    return u;
  }
  function checkUnit(role: Role, unitId: number | null | undefined): number | null {
    if (role !== 'reporter') return null;
    if (unitId == null) throw fieldFailures.other('unitId', 'a unit reporter needs the unit they report for', 'unit_required');
    if (!repo.unitExists(unitId)) throw fieldFailures.unknown('unitId', 'unit', unitId);
    return unitId;
  }
  const usable = (u: UserRow) => u.disabled === 0 && (u.demo === 0 || deps.demoMode);

  function newSession(u: UserRow, client: ClientInfo): { secret: string; row: SessionRow } {
    const secret = randomSecret();
    const t = now().getTime();
    const row: SessionRow = {
      id_hash: digest(secret), user_id: u.id, csrf_token: randomSecret(), created_at: iso(t), last_seen_at: iso(t),
      expires_at: iso(t + IDLE_HOURS * 3_600_000), ip: client.ip, user_agent: client.userAgent?.slice(0, 300) ?? null,
    };
    repo.insertSession(row);
    return { secret, row };
  }

  function me(u: UserRow, csrfToken: string): Me {
    return { user: toUser(u), permissions: actionsOf(u.role), csrfToken };
  }

  async function createUser(b: UserCreate & { demo?: boolean; mustChange?: boolean }, actor: string): Promise<User> {
    if (repo.userByName(b.username)) throw nameTaken('user', b.username);
    const unitId = checkUnit(b.role, b.unitId);
    const at = now().toISOString();
    const id = repo.insertUser(
      { username: b.username, displayName: b.displayName, role: b.role, unitId, passwordHash: await hasher.hash(b.password), demo: b.demo ?? false, mustChange: b.mustChange ?? false },
      at,
    );
    repo.audit({ action: 'user-create', actor, subject: b.username, detail: JSON.stringify({ role: b.role, unitId, demo: b.demo ?? false }) }, at);
    return toUser(repo.getUser(id)!);
  }

  return {
    /** Checks the password; on success a new session (its secret goes into the cookie, never stored). */
    async login(b: LoginBody, client: ClientInfo): Promise<{ secret: string; me: Me }> {
      const t = now().getTime();
      const ip = client.ip ?? 'unknown';
      repo.purgeIpFailures(iso(t - IP_WINDOW_MINUTES * MINUTE));
      if (repo.ipFailuresSince(ip, iso(t - IP_WINDOW_MINUTES * MINUTE)) >= IP_FAILURES) {
        throw new TooManyRequestsError(`too many failed sign-ins from this address; try again in ${IP_WINDOW_MINUTES} minutes`, IP_WINDOW_MINUTES * 60);
      }
      const u = repo.userByName(b.username);
      if (u?.locked_until && u.locked_until > iso(t)) {
        const wait = Math.ceil((Date.parse(u.locked_until) - t) / 1000);
        throw new TooManyRequestsError(`this account is locked after ${LOCK_AFTER} failed sign-ins; try again in ${Math.ceil(wait / 60)} minutes or ask an admin`, wait);
      }
      const ok = await hasher.verify(u ? u.password_hash : await decoyHash(), b.password);
      if (!u || !ok) {
        repo.addIpFailure(ip, iso(t));
        if (u) {
          const failures = repo.recordFailure(u.id, null);
          if (failures >= LOCK_AFTER) repo.recordFailure(u.id, iso(t + LOCK_MINUTES * MINUTE));
          repo.audit({ action: 'login-failed', actor: b.username, subject: b.username, ip: client.ip }, iso(t));
        }
        throw new UnauthorizedError('wrong username or password');
      }
      if (!usable(u)) {
        repo.audit({ action: 'login-refused', actor: u.username, subject: u.username, ip: client.ip, detail: u.disabled ? 'disabled' : 'demo account outside demo mode' }, iso(t));
        // Distinct codes, so the sign-in page can say which (both are 403).
        throw u.disabled
          ? new AppError(403, 'account_disabled', 'this account is disabled')
          : new AppError(403, 'demo_only', 'demo accounts work only in demo mode');
      }
      repo.recordLogin(u.id, iso(t));
      const { secret, row } = newSession(u, client);
      repo.audit({ action: 'login', actor: u.username, subject: u.username, ip: client.ip }, iso(t));
      return { secret, me: me(repo.getUser(u.id)!, row.csrf_token) };
    },

    /**
     * A session for an account without its password: for the process's own tools (tests, the
     * command line), never reachable over HTTP.
     */
    startSession(userId: number, client: ClientInfo): { secret: string; me: Me } {
      const u = userOrThrow(userId);
      const { secret, row } = newSession(u, client);
      return { secret, me: me(u, row.csrf_token) };
    },

    /** The identity behind a session cookie, or null when it is unknown, expired, or its user can no longer sign in. */
    session(secret: string): Authenticated | null {
      const idHash = digest(secret);
      const s = repo.getSession(idHash);
      if (!s) return null;
      const t = now().getTime();
      if (s.expires_at <= iso(t) || Date.parse(s.created_at) + MAX_DAYS * 86_400_000 <= t) {
        repo.deleteSession(idHash);
        return null;
      }
      const u = repo.getUser(s.user_id);
      if (!u || !usable(u)) return null;
      if (t - Date.parse(s.last_seen_at) > TOUCH_EVERY_MS) repo.touchSession(idHash, iso(t), iso(t + IDLE_HOURS * 3_600_000));
      return { identity: toIdentity(u), session: { idHash, csrfToken: s.csrf_token }, mustChangePassword: u.must_change === 1 };
    },

    /** The identity behind a bearer token (a database token, or INGEST_TOKEN), or null. */
    token(bearer: string): Authenticated | null {
      if (deps.ingestToken && safeEqual(bearer, deps.ingestToken)) {
        return { identity: { kind: 'token', id: null, name: 'INGEST_TOKEN', scopes: ['ingest'] }, session: null, mustChangePassword: false };
      }
      const t = repo.tokenByHash(digest(bearer));
      if (!t) return null;
      if (!t.last_used_at || now().getTime() - Date.parse(t.last_used_at) > TOUCH_EVERY_MS) repo.tokenUsed(t.id, now().toISOString());
      return { identity: { kind: 'token', id: t.id, name: t.name, scopes: t.scopes }, session: null, mustChangePassword: false };
    },

    /** An export (a file of data handed out): who took what, and when. */
    recordExport(actor: string, route: string, url: string, ip: string | null): void {
      repo.audit({ action: 'export', actor, subject: route, ip, detail: url.slice(0, 500) }, now().toISOString());
    },

    logout(idHash: string, username: string): void {
      repo.deleteSession(idHash);
      repo.audit({ action: 'logout', actor: username, subject: username }, now().toISOString());
    },

    me(userId: number, csrfToken: string): Me {
      return me(userOrThrow(userId), csrfToken);
    },

    /** Changes one's own password; every other session of the account ends. */
    async changePassword(userId: number, b: PasswordChange, keepSession: string): Promise<void> {
      const u = userOrThrow(userId);
      if (!(await hasher.verify(u.password_hash, b.currentPassword))) throw fieldFailures.other('currentPassword', 'the current password is wrong', 'wrong_password');
      if (b.currentPassword === b.newPassword) throw fieldFailures.other('newPassword', 'choose a password different from the current one', 'same_password');
      const at = now().toISOString();
      repo.setPassword(u.id, await hasher.hash(b.newPassword), false, at);
      repo.deleteUserSessions(u.id, keepSession);
      repo.audit({ action: 'password-change', actor: u.username, subject: u.username }, at);
    },

    listUsers(): User[] {
      return repo.listUsers().map(toUser);
    },
    createUser(b: UserCreate, actor: string): Promise<User> {
      return createUser(b, actor);
    },
    updateUser(id: number, p: UserPatch, actor: string, self: number | null): User {
      const u = userOrThrow(id);
      const role = p.role ?? u.role;
      if (self === id && (p.disabled === true || (p.role && p.role !== 'admin'))) {
        throw fieldFailures.other(p.disabled ? 'disabled' : 'role', 'you cannot disable yourself or give up your own admin role', 'own_admin');
      }
      const unitId = checkUnit(role, p.unitId === undefined ? u.unit_id : p.unitId);
      const at = now().toISOString();
      repo.transaction(() => {
        repo.updateUser(id, { displayName: p.displayName ?? u.display_name, role, unitId, disabled: p.disabled ?? u.disabled === 1 }, at);
        // A disabled account, or one whose powers changed, signs in again.
        if (p.disabled || (p.role && p.role !== u.role) || (p.unitId !== undefined && p.unitId !== u.unit_id)) repo.deleteUserSessions(id);
        repo.audit({ action: 'user-update', actor, subject: u.username, detail: JSON.stringify(p) }, at);
      });
      return toUser(repo.getUser(id)!);
    },
    /** An admin's reset: a temporary password, every session ended, a new password required at sign-in. */
    async resetPassword(id: number, password: string, actor: string): Promise<User> {
      const u = userOrThrow(id);
      const at = now().toISOString();
      repo.setPassword(id, await hasher.hash(password), true, at);
      repo.deleteUserSessions(id);
      repo.audit({ action: 'password-reset', actor, subject: u.username }, at);
      return toUser(repo.getUser(id)!);
    },

    sessions(userId: number, currentHash: string | null): SessionInfo[] {
      const u = userOrThrow(userId);
      return repo.userSessions(userId).map((s) => ({
        id: handleOf(s.id_hash), userId, username: u.username, createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at,
        ip: s.ip, userAgent: s.user_agent, current: s.id_hash === currentHash,
      }));
    },
    revokeSession(userId: number, handle: string, actor: string): void {
      const s = repo.userSessions(userId).find((x) => handleOf(x.id_hash) === handle);
      if (!s) throw new NotFoundError('session', handle);
      repo.deleteSession(s.id_hash);
      repo.audit({ action: 'session-revoke', actor, subject: userOrThrow(userId).username }, now().toISOString());
    },

    listTokens(): TokenInfo[] {
      return repo.listTokens().map(toTokenInfo);
    },
    createToken(b: TokenCreate, actor: string): TokenCreated {
      const token = `yq_${randomSecret()}`;
      const at = now().toISOString();
      const id = repo.insertToken({ name: b.name, tokenHash: digest(token), prefix: token.slice(0, 8), scopes: [...new Set(b.scopes)], createdBy: actor }, at);
      repo.audit({ action: 'token-create', actor, subject: b.name, detail: JSON.stringify(b.scopes) }, at);
      return { ...toTokenInfo(repo.getToken(id)!), token };
    },
    revokeToken(id: number, actor: string): void {
      const t = repo.getToken(id);
      if (!t) throw new NotFoundError('token', id);
      const at = now().toISOString();
      repo.revokeToken(id, at);
      repo.audit({ action: 'token-revoke', actor, subject: t.name }, at);
    },

    /** The first admin, from ADMIN_USER / ADMIN_PASSWORD, when no real (non-demo) account exists yet. */
    async bootstrapAdmin(username: string, password: string): Promise<User | null> {
      if (repo.countUsers({ includeDemo: false }) > 0) return null;
      return createUser({ username, displayName: username, role: 'admin', password }, 'ADMIN_USER');
    },
    /** Demo accounts, one per role, marked demo (refused outside demo mode). */
    async seedDemoUsers(accounts: DemoAccount[]): Promise<number> {
      let added = 0;
      for (const a of accounts) {
        if (repo.userByName(a.username)) continue;
        await createUser({ ...a, demo: true }, 'demo');
        added++;
      }
      demoList = accounts;
      return added;
    },
    /** The demo accounts to show on the sign-in page; 404 outside demo mode. */
    demoAccounts(): DemoAccount[] {
      if (!deps.demoMode || !demoList.length) throw new NotFoundError('demo accounts', 'list');
      return demoList.map(({ username, displayName, role, password }) => ({ username, displayName, role, password }));
    },
    hasUsers(): boolean {
      return repo.countUsers({ includeDemo: true }) > 0;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
