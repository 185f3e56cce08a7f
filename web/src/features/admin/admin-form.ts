import type { Role, TokenCreate, TokenScope, UserCreate, UserPatch } from '../../../../server/contracts/auth';

export const ROLES: Role[] = ['admin', 'analyst', 'editor', 'leader', 'reporter'];
export const SCOPES: TokenScope[] = ['ingest', 'read'];

export interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  password: string;
}

export const emptyUserForm = (): UserForm => ({ username: '', displayName: '', role: 'analyst', unitId: null, password: '' });

export type UserFormField = 'username' | 'displayName' | 'unitId' | 'password';
export type UserFormProblems = Partial<Record<UserFormField, 'required' | 'invalid' | 'tooShort'>>;

const USERNAME = /^[A-Za-z0-9_.@-]{2,40}$/;

/** The same rules as the server's UserCreate (it checks again). `creating` adds username and password. */
export function userFormProblems(f: UserForm, creating: boolean): UserFormProblems {
  const p: UserFormProblems = {};
  if (creating) {
    if (!f.username.trim()) p.username = 'required';
    else if (!USERNAME.test(f.username.trim())) p.username = 'invalid';
    if (f.password.length < 10) p.password = 'tooShort';
  }
  if (!f.displayName.trim()) p.displayName = 'required';
  if (f.role === 'reporter' && !f.unitId) p.unitId = 'required';
  return p;
}

/** POST /api/users: a reporter names their unit; other roles have none. */
export function userCreateBody(f: UserForm): UserCreate {
  return {
    username: f.username.trim(),
    displayName: f.displayName.trim(),
    role: f.role,
    unitId: f.role === 'reporter' ? f.unitId : null,
    password: f.password,
  };
}

/** PATCH /api/users/{id}: only what changed (the server refuses an empty patch). */
export function userPatchBody(before: { displayName: string; role: Role; unitId: number | null }, f: UserForm): UserPatch | null {
  const unitId = f.role === 'reporter' ? f.unitId : null;
  const patch: UserPatch = {};
  if (f.displayName.trim() !== before.displayName) patch.displayName = f.displayName.trim();
  if (f.role !== before.role) patch.role = f.role;
  if (unitId !== before.unitId) patch.unitId = unitId;
  return Object.keys(patch).length ? patch : null;
}

export function tokenCreateBody(name: string, scopes: TokenScope[]): TokenCreate | null {
  const n = name.trim();
  const s = SCOPES.filter((x) => scopes.includes(x));
  return n && s.length ? { name: n, scopes: s } : null;
}
