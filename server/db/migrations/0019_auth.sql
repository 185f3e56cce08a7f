-- Accounts, sessions and machine tokens. Passwords are argon2id hashes; session ids and tokens are
-- kept only as SHA-256 digests, so a copy of this database opens no one's session.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'editor', 'leader', 'reporter')),
  -- A unit reporter files for this unit and its sub-units only.
  unit_id       INTEGER REFERENCES ledger_units(id),
  password_hash TEXT NOT NULL,
  -- Demo accounts work only while the server runs in demo mode.
  demo          INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  -- Set by an admin's reset: the user must choose a new password at the next sign-in.
  must_change   INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  last_login_at TEXT,
  CHECK (role <> 'reporter' OR unit_id IS NOT NULL)
);

CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY,           -- SHA-256 of the cookie value
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,              -- sent back in X-CSRF-Token on every state-changing request
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  ip           TEXT,
  user_agent   TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id, last_seen_at DESC);

-- Failed sign-ins per client address, for rate limiting (per account lockout lives on users).
CREATE TABLE login_failures (
  ip TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

-- Tokens for remote crawlers and API clients: scoped, revocable, stored as digests.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  prefix       TEXT NOT NULL,              -- the first characters, to recognise a token in a list
  scopes_json  TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);

-- Who did what to accounts, sessions and tokens; append-only like the other audit logs.
CREATE TABLE auth_audit (
  id       INTEGER PRIMARY KEY,
  action   TEXT NOT NULL,
  actor    TEXT NOT NULL,
  subject  TEXT,
  at       TEXT NOT NULL,
  ip       TEXT,
  detail   TEXT
);
CREATE TRIGGER auth_audit_no_update BEFORE UPDATE ON auth_audit
BEGIN SELECT RAISE(ABORT, 'auth_audit is append-only'); END;
CREATE TRIGGER auth_audit_no_delete BEFORE DELETE ON auth_audit
BEGIN SELECT RAISE(ABORT, 'auth_audit is append-only'); END;
