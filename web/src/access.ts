import type { Role } from '../../server/contracts/auth';

/**
 * Which action (server/auth/permissions.ts) each page needs to be seen. The server decides what a
 * request may do; this only keeps people away from pages that would answer 403 and hides menu
 * entries they cannot use. A page without an entry here needs only a session.
 */
export const PAGE_ACTIONS: Record<string, string> = {
  overview: 'monitor:read',
  search: 'monitor:read',
  item: 'monitor:read',
  topics: 'monitor:read',
  'topic-compare': 'monitor:read',
  topic: 'monitor:read',
  trends: 'monitor:read',
  alerts: 'monitor:read',
  ledger: 'ledger:read',
  reports: 'reports:read',
  screen: 'monitor:read',
  review: 'desk:read',
  library: 'desk:read',
  'library-entry': 'desk:read',
  sightings: 'desk:read',
  calibration: 'desk:read',
  sources: 'monitor:read',
  admin: 'admin',
};

export interface AccessView {
  signedIn: boolean;
  role: Role | null;
  mustChangePassword: boolean;
  can: (action: string) => boolean;
}

/** Where a person lands after signing in, and where a page they may not open sends them. */
export function homeFor(s: Pick<AccessView, 'role' | 'can'>): string {
  if (s.role === 'reporter') return '/ledger';
  if (s.can('monitor:read')) return '/';
  if (s.can('ledger:read')) return '/ledger';
  if (s.can('reports:read')) return '/reports';
  return '/account';
}

export function mayOpen(routeName: string | null | undefined, s: Pick<AccessView, 'can'>): boolean {
  const action = routeName ? PAGE_ACTIONS[routeName] : undefined;
  return !action || s.can(action);
}

export type AccessDecision =
  | { kind: 'allow' }
  | { kind: 'login'; next: string }
  | { kind: 'redirect'; to: string; denied: boolean };

/**
 * The router guard's decision for one navigation: public pages are open; everything else needs a
 * session; someone with a temporary password changes it first; a page the role may not use sends
 * them to their home (denied: the guard says why).
 */
export function decideAccess(to: { name?: string | symbol | null; fullPath: string; meta: { public?: boolean } }, s: AccessView): AccessDecision {
  const name = typeof to.name === 'string' ? to.name : null;
  if (to.meta.public) {
    // The sign-in page is no place for someone signed in.
    if (name === 'login' && s.signedIn) return { kind: 'redirect', to: s.mustChangePassword ? '/account' : homeFor(s), denied: false };
    return { kind: 'allow' };
  }
  if (!s.signedIn) return { kind: 'login', next: to.fullPath };
  if (s.mustChangePassword && name !== 'account') return { kind: 'redirect', to: '/account', denied: false };
  if (!mayOpen(name, s)) {
    const home = homeFor(s);
    // Home itself out of reach (no permissions at all): the account page always works.
    return { kind: 'redirect', to: home === to.fullPath ? '/account' : home, denied: true };
  }
  return { kind: 'allow' };
}
