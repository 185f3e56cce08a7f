import type { Role, TokenScope } from '../contracts/auth';
import type { Db } from '../db/open-database';

export interface UserRow {
  id: number; username: string; display_name: string; role: Role; unit_id: number | null; password_hash: string;
  demo: number; disabled: number; must_change: number; failed_logins: number; locked_until: string | null;
  created_at: string; updated_at: string; last_login_at: string | null;
}
export interface SessionRow {
  id_hash: string; user_id: number; csrf_token: string; created_at: string; last_seen_at: string; expires_at: string;
  ip: string | null; user_agent: string | null;
}
export interface TokenRow {
  id: number; name: string; token_hash: string; prefix: string; scopes_json: string; created_by: string; created_at: string;
  last_used_at: string | null; revoked_at: string | null;
}
export type TokenRecord = Omit<TokenRow, 'scopes_json'> & { scopes: TokenScope[] };

const toToken = ({ scopes_json, ...r }: TokenRow): TokenRecord => ({ ...r, scopes: JSON.parse(scopes_json) as TokenScope[] });

/** Accounts, sessions, sign-in failures, machine tokens and their audit. */
export function createAuthRepo(db: Db) {
  const userById = db.prepare('SELECT * FROM users WHERE id = ?');
  const userByName = db.prepare('SELECT * FROM users WHERE username = ?');
  const sessionByHash = db.prepare('SELECT * FROM sessions WHERE id_hash = ?');
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?');
  return {
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    countUsers(opts: { includeDemo: boolean }): number {
      return db.prepare(`SELECT count(*) FROM users ${opts.includeDemo ? '' : 'WHERE demo = 0'}`).pluck().get() as number;
    },
    listUsers(): UserRow[] {
      return db.prepare('SELECT * FROM users ORDER BY demo, role, username').all() as UserRow[];
    },
    getUser(id: number): UserRow | null {
      return (userById.get(id) as UserRow | undefined) ?? null;
    },
    userByName(username: string): UserRow | null {
      return (userByName.get(username) as UserRow | undefined) ?? null;
    },
    insertUser(u: { username: string; displayName: string; role: Role; unitId: number | null; passwordHash: string; demo: boolean; mustChange: boolean }, at: string): number {
      return Number(
        db.prepare(`INSERT INTO users (username, display_name, role, unit_id, password_hash, demo, must_change, created_at, updated_at)
          VALUES (@username, @displayName, @role, @unitId, @passwordHash, @demo, @mustChange, @at, @at)`)
          .run({ ...u, demo: u.demo ? 1 : 0, mustChange: u.mustChange ? 1 : 0, at }).lastInsertRowid,
      );
    },
    updateUser(id: number, u: { displayName: string; role: Role; unitId: number | null; disabled: boolean }, at: string): void {
      db.prepare('UPDATE users SET display_name = @displayName, role = @role, unit_id = @unitId, disabled = @disabled, updated_at = @at WHERE id = @id')
        .run({ ...u, disabled: u.disabled ? 1 : 0, at, id });
    },
    setPassword(id: number, hash: string, mustChange: boolean, at: string): void {
      db.prepare('UPDATE users SET password_hash = ?, must_change = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?')
        .run(hash, mustChange ? 1 : 0, at, id);
    },
    recordFailure(id: number, lockedUntil: string | null): number {
      db.prepare('UPDATE users SET failed_logins = failed_logins + 1, locked_until = coalesce(?, locked_until) WHERE id = ?').run(lockedUntil, id);
      return (userById.get(id) as UserRow).failed_logins;
    },
    recordLogin(id: number, at: string): void {
      db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?').run(at, id);
    },

    insertSession(s: SessionRow): void {
      db.prepare(`INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
        VALUES (@id_hash, @user_id, @csrf_token, @created_at, @last_seen_at, @expires_at, @ip, @user_agent)`).run(s);
    },
    getSession(idHash: string): SessionRow | null {
      return (sessionByHash.get(idHash) as SessionRow | undefined) ?? null;
    },
    touchSession(idHash: string, at: string, expiresAt: string): void {
      touch.run(at, expiresAt, idHash);
    },
    deleteSession(idHash: string): void {
      db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
    },
    deleteUserSessions(userId: number, exceptHash?: string): number {
      return db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?').run(userId, exceptHash ?? '').changes;
    },
    userSessions(userId: number): SessionRow[] {
      return db.prepare('SELECT * FROM sessions WHERE user_id = ? ORDER BY last_seen_at DESC').all(userId) as SessionRow[];
    },
    purgeExpiredSessions(now: string): number {
      return db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
    },

    addIpFailure(ip: string, at: string): void {
      db.prepare('INSERT INTO login_failures (ip, at) VALUES (?, ?)').run(ip, at);
    },
    ipFailuresSince(ip: string, since: string): number {
      return db.prepare('SELECT count(*) FROM login_failures WHERE ip = ? AND at > ?').pluck().get(ip, since) as number;
    },
    purgeIpFailures(before: string): void {
      db.prepare('DELETE FROM login_failures WHERE at <= ?').run(before);
    },

    insertToken(t: { name: string; tokenHash: string; prefix: string; scopes: TokenScope[]; createdBy: string }, at: string): number {
      return Number(
        db.prepare(`INSERT INTO api_tokens (name, token_hash, prefix, scopes_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
          .run(t.name, t.tokenHash, t.prefix, JSON.stringify(t.scopes), t.createdBy, at).lastInsertRowid,
      );
    },
    listTokens(): TokenRecord[] {
      return (db.prepare('SELECT * FROM api_tokens ORDER BY revoked_at IS NOT NULL, id DESC').all() as TokenRow[]).map(toToken);
    },
    getToken(id: number): TokenRecord | null {
      const r = db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as TokenRow | undefined;
      return r ? toToken(r) : null;
    },
    tokenByHash(hash: string): TokenRecord | null {
      const r = db.prepare('SELECT * FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL').get(hash) as TokenRow | undefined;
      return r ? toToken(r) : null;
    },
    tokenUsed(id: number, at: string): void {
      db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
    },
    revokeToken(id: number, at: string): void {
      db.prepare('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?').run(at, id);
    },

    audit(e: { action: string; actor: string; subject?: string | null; ip?: string | null; detail?: string | null }, at: string): void {
      db.prepare('INSERT INTO auth_audit (action, actor, subject, at, ip, detail) VALUES (?, ?, ?, ?, ?, ?)')
        .run(e.action, e.actor, e.subject ?? null, at, e.ip ?? null, e.detail ?? null);
    },
    unitExists(id: number): boolean {
      return db.prepare('SELECT 1 FROM ledger_units WHERE id = ?').get(id) !== undefined;
    },
  };
}

export type AuthRepo = ReturnType<typeof createAuthRepo>;
