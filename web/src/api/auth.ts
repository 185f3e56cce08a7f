import type {
  DemoAccounts, Me, PasswordChange, Role, SessionInfo, TokenCreate, TokenCreated, TokenInfo, User, UserCreate, UserPatch,
} from '../../../server/contracts/auth';
import { apiRequest } from './client';

export type { DemoAccounts, Me, Role, SessionInfo, TokenCreate, TokenCreated, TokenInfo, User, UserCreate, UserPatch };
export type DemoAccount = DemoAccounts['accounts'][number];

/* The signed-in person. A 401 here is the answer (not signed in, wrong password): no redirect. */
export const fetchMe = () => apiRequest<Me>('/api/auth/me', { noAuthRedirect: true });
export const postLogin = (username: string, password: string) =>
  apiRequest<Me>('/api/auth/login', { method: 'POST', json: { username, password }, noAuthRedirect: true });
export const postLogout = () => apiRequest<void>('/api/auth/logout', { method: 'POST', noAuthRedirect: true });
export const fetchDemoAccounts = () => apiRequest<DemoAccounts>('/api/auth/demo-accounts', { noAuthRedirect: true });
export const postPasswordChange = (body: PasswordChange) =>
  apiRequest<void>('/api/auth/password', { method: 'POST', json: body, noAuthRedirect: true });
export const fetchMySessions = () => apiRequest<{ sessions: SessionInfo[] }>('/api/auth/sessions');
export const deleteMySession = (id: string) => apiRequest<void>(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });

/* Accounts and machine tokens (admin). */
export const fetchUsers = () => apiRequest<{ users: User[] }>('/api/users');
export const createUser = (body: UserCreate) => apiRequest<User>('/api/users', { method: 'POST', json: body });
export const patchUser = (id: number, body: UserPatch) => apiRequest<User>(`/api/users/${id}`, { method: 'PATCH', json: body });
export const resetUserPassword = (id: number, password: string) =>
  apiRequest<User>(`/api/users/${id}/password`, { method: 'POST', json: { password } });
export const fetchUserSessions = (id: number) => apiRequest<{ sessions: SessionInfo[] }>(`/api/users/${id}/sessions`);
export const fetchTokens = () => apiRequest<{ tokens: TokenInfo[] }>('/api/tokens');
export const createToken = (body: TokenCreate) => apiRequest<TokenCreated>('/api/tokens', { method: 'POST', json: body });
export const revokeToken = (id: number) => apiRequest<void>(`/api/tokens/${id}`, { method: 'DELETE' });
