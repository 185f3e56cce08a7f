import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/contracts/auth';
import { ACTIONS, type Action } from '../../server/auth/permissions';
import { ROUTE_RULES } from '../../server/auth/route-rules';
import { createDbApp } from '../support/db-app';
import { asUser } from '../support/authed-app';

/**
 * Every API route × every caller, generated from the OpenAPI document: a route without an access
 * rule fails here, and each rule is checked for who gets in (not 401/403) and who does not.
 */
const ROLES: Role[] = ['admin', 'analyst', 'editor', 'leader', 'reporter'];
const TOKEN = 'matrix-ingest-token-0123456789';
type Caller = { name: string; headers: Record<string, string> | null; allowed: (rule: string) => boolean };

let t: ReturnType<typeof createDbApp>;
let routes: { method: string; path: string }[] = [];
const callers: Caller[] = [];

const fill = (path: string) =>
  path.replace('{key}', 'leaflets').replace('{file}', 'swagger-ui.css').replace(/\{[A-Za-z]+\}/g, '999999');

beforeAll(async () => {
  t = createDbApp({ sources: [], tagger: { tag: () => ({ tags: [], score: 0, reasons: [] }) }, ingestToken: TOKEN });
  const doc = (await (await t.rawApp.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })));
  // The routes served outside the generated document.
  routes.push({ method: 'GET', path: '/docs' }, { method: 'GET', path: '/docs/init.js' }, { method: 'GET', path: '/docs/vendor/{file}' }, { method: 'GET', path: '/openapi.json' });
  // Signing out ends the caller's session: do it last.
  routes.sort((a, b) => Number(a.path === '/auth/logout') - Number(b.path === '/auth/logout'));
  const unit = await (await t.app.request('/api/ledger/units', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '城关镇', kind: 'township', actor: 'x' }) })).json() as { id: number };
  const token = await (await t.app.request('/api/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'reader', scopes: ['read'] }) })).json() as { token: string };
  callers.push({ name: 'anonymous', headers: {}, allowed: (r) => r === 'public' });
  for (const role of ROLES) {
    const { headers } = t.signIn(role, { username: `matrix-${role}`, unitId: role === 'reporter' ? unit.id : null });
    callers.push({ name: role, headers, allowed: (r) => r === 'public' || r === 'session' || (r !== 'ingest' && (ACTIONS[r as Action] as readonly string[] | undefined)?.includes(role) === true) });
  }
  callers.push({ name: 'read token', headers: { authorization: `Bearer ${token.token}` }, allowed: (r) => ['public', 'monitor:read', 'desk:read', 'ledger:read', 'reports:read'].includes(r) });
  callers.push({ name: 'ingest token', headers: { authorization: `Bearer ${TOKEN}` }, allowed: (r) => r === 'public' || r === 'ingest' });
});
afterAll(() => t.db.close());

describe('the access rules', () => {
  it('name every route the API serves, and no route that is gone', () => {
    const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
    expect([...served].filter((k) => !(k in ROUTE_RULES))).toEqual([]);
    expect(Object.keys(ROUTE_RULES).filter((k) => !served.has(k))).toEqual([]);
  });

  it('let each caller in exactly where its role allows, route by route', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const rule = ROUTE_RULES[`${route.method} ${route.path}`]!;
      for (const caller of callers) {
        const init: RequestInit = { method: route.method, headers: { ...caller.headers } };
        if (!['GET', 'HEAD', 'DELETE'].includes(route.method)) {
          init.body = '{}';
          (init.headers as Record<string, string>)['content-type'] = 'application/json';
        }
        const res = await asUser(t.rawApp, {}).request(`/api${fill(route.path)}`, init);
        await res.body?.cancel();
        const deniedWith = res.status === 401 || res.status === 403 ? res.status : null;
        const expected = caller.allowed(rule);
        if (expected && deniedWith) wrong.push(`${caller.name} ${route.method} ${route.path}: ${deniedWith}, expected to get in (${rule})`);
        if (!expected && !deniedWith) wrong.push(`${caller.name} ${route.method} ${route.path}: ${res.status}, expected 401/403 (${rule})`);
        if (!expected && caller.name === 'anonymous' && deniedWith !== 401) wrong.push(`anonymous ${route.method} ${route.path}: ${res.status}, expected 401`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});
