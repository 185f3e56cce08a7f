import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createI18n } from 'vue-i18n';
import { ApiError, apiRequest, loginPath, safeNext, setCsrfToken, setUnauthorizedHandler } from '../../../web/src/api/client';
import { useSessionStore } from '../../../web/src/stores/session';
import { decideAccess, homeFor, type AccessView } from '../../../web/src/access';
import { visibleNav } from '../../../web/src/nav';
import { en } from '../../../web/src/i18n/en';
import { zhCN } from '../../../web/src/i18n/zh-CN';
import { actionsOf } from '../../../server/auth/permissions';
import type { Role } from '../../../server/contracts/auth';
import { testMe } from './mount-helpers';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, code, detail: code }), { status, headers: { 'content-type': 'application/problem+json', ...headers } });

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});

describe('the API client and the session', () => {
  it('sends the CSRF token on state-changing requests only, with same-origin credentials', async () => {
    const seen: { method: string; token: string | null; credentials?: RequestCredentials }[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen.push({ method: init.method ?? 'GET', token: new Headers(init.headers).get('x-csrf-token'), credentials: init.credentials });
      return new Response(null, { status: 204 });
    });
    setCsrfToken('tok-1');
    await apiRequest('/api/x');
    await apiRequest('/api/x', { method: 'POST', json: {} });
    await apiRequest('/api/x', { method: 'delete' });
    await apiRequest('/api/x', { method: 'PATCH', json: {} });
    expect(seen).toEqual([
      { method: 'GET', token: null, credentials: 'same-origin' },
      { method: 'POST', token: 'tok-1', credentials: 'same-origin' },
      { method: 'delete', token: 'tok-1', credentials: 'same-origin' },
      { method: 'PATCH', token: 'tok-1', credentials: 'same-origin' },
    ]);
  });

  it('on a 401 hands the current path to the sign-in redirect, except for calls that expect it', async () => {
    const redirects: string[] = [];
    setUnauthorizedHandler((p) => redirects.push(p));
    window.history.replaceState(null, '', '/review?status=decided');
    vi.stubGlobal('fetch', async () => problem(401, 'unauthorized'));
    await expect(apiRequest('/api/items')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(redirects).toEqual(['/review?status=decided']);
    await expect(apiRequest('/api/auth/me', { noAuthRedirect: true })).rejects.toBeInstanceOf(ApiError);
    expect(redirects).toHaveLength(1);
    // A 403 is not a sign-in matter.
    vi.stubGlobal('fetch', async () => problem(403, 'forbidden'));
    await expect(apiRequest('/api/users')).rejects.toMatchObject({ status: 403 });
    expect(redirects).toHaveLength(1);
  });

  it('by default reloads at /login?next=… (never an outside address)', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, pathname: '/ledger', search: '?day=2026-11-29', hash: '', assign });
    vi.stubGlobal('fetch', async () => problem(401, 'unauthorized'));
    await expect(apiRequest('/api/ledger/units')).rejects.toBeInstanceOf(ApiError);
    expect(assign).toHaveBeenCalledWith('/login?next=%2Fledger%3Fday%3D2026-11-29');
    expect(loginPath('/')).toBe('/login');
    for (const bad of ['//evil.example/x', 'https://evil.example', '/\\evil', 'javascript:alert(1)', '/login?next=/x', 42]) expect(safeNext(bad)).toBeNull();
    expect(safeNext('/topics/3?x=1')).toBe('/topics/3?x=1');
  });

  it('keeps Retry-After on a 429', async () => {
    vi.stubGlobal('fetch', async () => problem(429, 'too_many_attempts', { 'retry-after': '840' }));
    await expect(apiRequest('/api/auth/login', { method: 'POST', json: {} })).rejects.toMatchObject({ code: 'too_many_attempts', retryAfter: 840 });
  });

  describe('session store', () => {
    beforeEach(() => setActivePinia(createPinia()));

    it('loads who is signed in once, holds the permissions and hands the CSRF token to the client', async () => {
      const calls: string[] = [];
      vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
        calls.push(`${init.method ?? 'GET'} ${url} ${new Headers(init.headers).get('x-csrf-token') ?? '-'}`);
        return url === '/api/auth/me' ? json(testMe('leader', { displayName: '李主任' })) : new Response(null, { status: 204 });
      });
      const s = useSessionStore();
      await Promise.all([s.ensureLoaded(), s.ensureLoaded()]);
      await s.ensureLoaded();
      expect(s.status).toBe('signed-in');
      expect(s.displayName).toBe('李主任');
      expect(s.can('reports:read')).toBe(true);
      expect(s.can('desk:write')).toBe(false);
      expect(s.home).toBe('/');
      await apiRequest('/api/reports', { method: 'POST', json: {} });
      expect(calls).toEqual(['GET /api/auth/me -', 'POST /api/reports csrf-test']);
    });

    it('is signed out on a 401 from /me, and forgets the token on logout even when the server is gone', async () => {
      vi.stubGlobal('fetch', async () => problem(401, 'unauthorized'));
      const s = useSessionStore();
      await s.ensureLoaded();
      expect(s.status).toBe('signed-out');
      expect(s.signedIn).toBe(false);

      vi.stubGlobal('fetch', async (url: string) => (url === '/api/auth/login' ? json(testMe('reporter', { unitId: 4 })) : Promise.reject(new TypeError('offline'))));
      const me = await s.login('dongmen', 'pw');
      expect(me.user.role).toBe('reporter');
      expect(s.home).toBe('/ledger');
      await s.logout();
      expect(s.signedIn).toBe(false);
      const seen: (string | null)[] = [];
      vi.stubGlobal('fetch', async (_u: string, init: RequestInit) => {
        seen.push(new Headers(init.headers).get('x-csrf-token'));
        return new Response(null, { status: 204 });
      });
      await apiRequest('/api/x', { method: 'POST' });
      expect(seen).toEqual([null]);
    });
  });
});

const view = (role: Role | null, over: Partial<AccessView> = {}): AccessView => {
  const actions = role ? (actionsOf(role) as string[]) : [];
  return { signedIn: role !== null, role, mustChangePassword: false, can: (a) => actions.includes(a), ...over };
};
const to = (name: string, fullPath: string, meta: { public?: boolean } = {}) => ({ name, fullPath, meta });

describe('the router guard', () => {
  const pages: [string, string][] = [
    ['overview', '/'], ['search', '/search'], ['topics', '/topics'], ['trends', '/trends'], ['alerts', '/alerts'], ['ledger', '/ledger'],
    ['reports', '/reports'], ['review', '/review'], ['library', '/library'], ['sightings', '/sightings'], ['calibration', '/calibration'],
    ['sources', '/sources'], ['screen', '/screen'], ['admin', '/admin'], ['account', '/account'],
  ];
  const open = (role: Role) => pages.filter(([n, p]) => decideAccess(to(n, p), view(role)).kind === 'allow').map(([n]) => n);

  it('sends everyone not signed in to /login with the page to come back to', () => {
    expect(decideAccess(to('review', '/review?status=decided'), view(null))).toEqual({ kind: 'login', next: '/review?status=decided' });
    expect(decideAccess(to('login', '/login', { public: true }), view(null))).toEqual({ kind: 'allow' });
  });

  it('opens to each role exactly the pages its actions allow', () => {
    const all = pages.map(([n]) => n);
    expect(open('admin')).toEqual(all);
    expect(open('analyst')).toEqual(all.filter((n) => n !== 'admin'));
    expect(open('editor')).toEqual(all.filter((n) => n !== 'admin'));
    expect(open('leader')).toEqual(all.filter((n) => n !== 'admin'));
    expect(open('reporter')).toEqual(['ledger', 'account']);
  });

  it('sends a role away from a page it may not use, to its home, saying so', () => {
    expect(decideAccess(to('review', '/review'), view('reporter'))).toEqual({ kind: 'redirect', to: '/ledger', denied: true });
    expect(decideAccess(to('overview', '/'), view('reporter'))).toEqual({ kind: 'redirect', to: '/ledger', denied: true });
    expect(decideAccess(to('admin', '/admin'), view('leader'))).toEqual({ kind: 'redirect', to: '/', denied: true });
  });

  it('sends someone with a temporary password to change it first, and a signed-in person away from /login', () => {
    expect(decideAccess(to('overview', '/'), view('analyst', { mustChangePassword: true }))).toEqual({ kind: 'redirect', to: '/account', denied: false });
    expect(decideAccess(to('account', '/account'), view('analyst', { mustChangePassword: true }))).toEqual({ kind: 'allow' });
    expect(decideAccess(to('login', '/login', { public: true }), view('reporter'))).toEqual({ kind: 'redirect', to: '/ledger', denied: false });
  });

  it('gives each role its home and shows only its menu entries', () => {
    const home = (r: Role) => homeFor(view(r));
    expect(['admin', 'analyst', 'editor', 'leader', 'reporter'].map((r) => home(r as Role))).toEqual(['/', '/', '/', '/', '/ledger']);
    expect(visibleNav(view('reporter').can).map((n) => n.key)).toEqual(['ledger']);
    expect(visibleNav(view('leader').can).map((n) => n.key)).not.toContain('admin');
    expect(visibleNav(view('admin').can).map((n) => n.key)).toContain('admin');
  });
});

describe('translations compile', () => {
  it('every message renders (no stray @ | { } that vue-i18n reads as syntax)', () => {
    const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warns = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const bad: string[] = [];
    const walk = (o: object, prefix: string, locale: 'zh-CN' | 'en') => {
      for (const [k, v] of Object.entries(o)) {
        if (typeof v === 'object' && v) walk(v, `${prefix}${k}.`, locale);
        else {
          try {
            i18n.global.t(`${prefix}${k}`, {}, { locale });
          } catch (err) {
            bad.push(`${locale} ${prefix}${k}: ${(err as Error).message}`);
          }
        }
      }
    };
    walk(zhCN, '', 'zh-CN');
    walk(en, '', 'en');
    expect(bad).toEqual([]);
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([]);
    errors.mockRestore();
    warns.mockRestore();
  });
});
