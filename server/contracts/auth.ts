import { z } from 'zod';

/**
 * Who may do what (see server/auth/permissions.ts): admin runs the system; analysts watch and set up
 * monitoring; editors run the rumour desk; leaders read the overview and reports; unit reporters
 * file outreach work for their own unit.
 */
export const Role = z.enum(['admin', 'analyst', 'editor', 'leader', 'reporter']);
export type Role = z.infer<typeof Role>;

export const Username = z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits and _ . @ -');
/** Long enough to resist guessing; no composition rules (they make passwords worse, NIST SP 800-63B). */
export const Password = z.string().min(10, 'at least 10 characters').max(200);

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /** A reporter's unit (they file for it and its sub-units); null for other roles. */
  unitId: z.number().int().nullable(),
  demo: z.boolean(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const LoginBody = z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof LoginBody>;

/** The signed-in user, what they may do (for the dashboard to show only that) and the CSRF token to send back. */
export const Me = z.object({
  user: User,
  permissions: z.array(z.string()),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;

export const PasswordChange = z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password });
export type PasswordChange = z.infer<typeof PasswordChange>;

export const UserCreate = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(40),
  role: Role,
  unitId: z.number().int().positive().nullish(),
  password: Password,
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserPatch = z
  .object({
    displayName: z.string().trim().min(1).max(40).optional(),
    role: Role.optional(),
    unitId: z.number().int().positive().nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type UserPatch = z.infer<typeof UserPatch>;

/** An admin's reset: a temporary password the user must change at the next sign-in. */
export const PasswordReset = z.object({ password: Password });

export const SessionInfo = z.object({
  /** A handle for revoking (not the session secret). */
  id: z.string(),
  userId: z.number().int(),
  username: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** ingest: a remote crawler's door; read: the monitoring, ledger and report reads, for other systems. */
export const TokenScope = z.enum(['ingest', 'read']);
export type TokenScope = z.infer<typeof TokenScope>;

export const TokenCreate = z.object({ name: z.string().trim().min(1).max(60), scopes: z.array(TokenScope).min(1).max(2) });
export type TokenCreate = z.infer<typeof TokenCreate>;

export const TokenInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(TokenScope),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

/** The token itself is shown once, here, and never again. */
export const TokenCreated = TokenInfo.extend({ token: z.string() });
export type TokenCreated = z.infer<typeof TokenCreated>;

/** The demo mode's accounts, shown on the sign-in page (they sign in only in demo mode). */
export const DemoAccounts = z.object({
  accounts: z.array(z.object({ username: z.string(), displayName: z.string(), role: Role, password: z.string() })),
});
export type DemoAccounts = z.infer<typeof DemoAccounts>;
