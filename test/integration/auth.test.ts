import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';
import { asUser } from '../support/authed-app';
import { argon2Hasher } from '../../server/auth/passwords';
import { createAuthRepo } from '../../server/repositories/auth-repo';
import { createAuthService } from '../../server/services/auth-service';

type Json = Record<string, any>;
let t: ReturnType<typeof createDbApp>;
let now = Date.parse('2026-11-29T02:00:00Z');

const jsonInit = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
async function login(username: string, password: string) {
  const res = await t.rawApp.request('/api/auth/login', jsonInit('POST', { username, password }));
  const body = (await res.json()) as Json;
  const cookie = res.headers.get('set-cookie');
  const headers: Record<string, string> = cookie ? { cookie: cookie.split(';')[0]!, 'x-csrf-token': body.csrfToken as string } : {};
  return { status: res.status, body, res, headers };
}
const admin = (url: string, init?: RequestInit) => t.app.request(url, init);
async function createUser(body: Json) {
  const res = await admin('/api/users', jsonInit('POST', body));
  return { status: res.status, body: (await res.json()) as Json };
}

beforeAll(async () => {
  t = createDbApp({ sources: [rssSource('forum')], tagger: { tag: () => ({ tags: [], score: 0, reasons: [] }) }, now: () => new Date(now) });
  expect((await createUser({ username: 'wang', displayName: '王编辑', role: 'editor', password: 'correct-horse-1' })).status).toBe(201);
  const again = await createUser({ username: 'wang', displayName: '另一个王', role: 'analyst', password: 'another-horse-2' });
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ reason: 'name_taken', params: { what: 'user', value: 'wang' } });
});
afterAll(() => t.db.close());

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns the user, permissions and CSRF token', async () => {
    const r = await login('wang', 'correct-horse-1');
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'wang', displayName: '王编辑', role: 'editor' });
    expect(r.body.permissions).toContain('desk:write');
    expect(r.body.permissions).not.toContain('admin');
    expect(r.body.user.passwordHash).toBeUndefined();
    const cookie = r.res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^yq_session=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const me = await asUser(t.rawApp, r.headers).request('/api/auth/me');
    expect(((await me.json()) as Json).user.username).toBe('wang');
  });

  it('marks the cookie Secure over HTTPS', async () => {
    const res = await t.rawApp.request('https://yq.example.gov.cn/api/auth/login', jsonInit('POST', { username: 'wang', password: 'correct-horse-1' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('; Secure');
    const plain = await login('wang', 'correct-horse-1');
    expect(plain.res.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('stores argon2id hashes, and session and token secrets only as digests', async () => {
    const r = await login('wang', 'correct-horse-1');
    const hash = t.db.prepare(`SELECT password_hash FROM users WHERE username = 'wang'`).pluck().get() as string;
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const secret = r.headers.cookie!.split('=')[1]!;
    expect(t.db.prepare('SELECT count(*) FROM sessions WHERE id_hash = ?').pluck().get(secret)).toBe(0);
  });

  it('says only "wrong username or password", for unknown names and wrong passwords alike', async () => {
    const a = await login('nobody', 'whatever-123');
    const b = await login('wang', 'wrong-password');
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.body.detail).toBe(b.body.detail);
  });

  it('locks an account after five wrong passwords, even against the right one, for 15 minutes', async () => {
    await createUser({ username: 'li', displayName: '李', role: 'analyst', password: 'right-password-1' });
    for (let i = 0; i < 5; i++) expect((await login('li', `wrong-${i}-xxxxx`)).status).toBe(401);
    const locked = await login('li', 'right-password-1');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too_many_attempts');
    expect(Number(locked.res.headers.get('retry-after'))).toBeGreaterThan(800);
    now += 16 * 60_000;
    expect((await login('li', 'right-password-1')).status).toBe(200);
  });

  it('slows down one address guessing across many accounts', async () => {
    now += 60 * 60_000;
    let last = 0;
    for (let i = 0; i < 21; i++) last = (await login(`guess-${i}`, 'password-guess')).status;
    expect(last).toBe(429);
    now += 16 * 60_000;
  });

  it('refuses disabled accounts and demo accounts outside demo mode', async () => {
    const made = await createUser({ username: 'zhao', displayName: '赵', role: 'leader', password: 'zhao-password-1' });
    await admin(`/api/users/${made.body.id}`, jsonInit('PATCH', { disabled: true }));
    const disabled = await login('zhao', 'zhao-password-1');
    expect(disabled.status).toBe(403);
    expect(disabled.body.code).toBe('account_disabled');
    await t.services.auth.seedDemoUsers([{ username: 'demo-x', displayName: '演示', role: 'leader', password: 'demo-password-1' }]);
    const demo = await login('demo-x', 'demo-password-1');
    expect(demo.status).toBe(403);
    expect(demo.body.code).toBe('demo_only');
    expect((await t.rawApp.request('/api/auth/demo-accounts')).status).toBe(404);
  });
});

describe('sessions', () => {
  it('refuses a state-changing request without its CSRF token, even with the cookie', async () => {
    const r = await login('wang', 'correct-horse-1');
    const body = jsonInit('POST', { claim: '一条谣言的说法', actor: 'x' });
    const noToken = await t.rawApp.request('/api/library', { ...body, headers: { ...body.headers, cookie: r.headers.cookie! } });
    expect(noToken.status).toBe(403);
    const wrongToken = await t.rawApp.request('/api/library', { ...body, headers: { ...body.headers, cookie: r.headers.cookie!, 'x-csrf-token': 'forged' } });
    expect(wrongToken.status).toBe(403);
    const ok = await asUser(t.rawApp, r.headers).request('/api/library', body);
    expect(ok.status).toBe(201);
  });

  it('records the signed-in person as the actor, whatever the request says', async () => {
    const r = await login('wang', 'correct-horse-1');
    const res = await asUser(t.rawApp, r.headers).request('/api/library', jsonInit('POST', { claim: '另一条谣言的说法', actor: '冒名者' }));
    const entry = (await res.json()) as Json;
    expect(entry.createdBy).toBe('王编辑');
    // So do a claim's editor and a verdict's reviewer.
    t.ingest.ingest([rawItem({ sourceId: 'forum', title: '网传停水', body: '网传明天全区停水' })]);
    const id = t.db.prepare('SELECT max(id) FROM items').pluck().get() as number;
    const as = asUser(t.rawApp, r.headers);
    expect((await as.request(`/api/review/items/${id}/claim`, jsonInit('POST', { editor: '冒名者' }))).status).toBe(200);
    const verdict = await as.request(`/api/review/items/${id}/verdict`, jsonInit('POST', { verdict: 'not-rumor', reviewer: '冒名者', note: '已核实' }));
    expect(verdict.status).toBe(200);
    const history = (await (await as.request(`/api/review/items/${id}/history`)).json()) as Json[];
    expect(history.map((h) => h.actor)).toEqual(['王编辑', '王编辑']);
  });

  it('ends at sign-out: the cookie opens nothing afterwards', async () => {
    const r = await login('wang', 'correct-horse-1');
    const as = asUser(t.rawApp, r.headers);
    expect((await as.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await as.request('/api/items')).status).toBe(401);
  });

  it('lists one’s sessions and revokes one; a password change ends the others', async () => {
    const a = await login('wang', 'correct-horse-1');
    const b = await login('wang', 'correct-horse-1');
    const list = (await (await asUser(t.rawApp, a.headers).request('/api/auth/sessions')).json()) as Json;
    const other = list.sessions.find((s: Json) => !s.current);
    expect(list.sessions.filter((s: Json) => s.current)).toHaveLength(1);
    expect((await asUser(t.rawApp, a.headers).request(`/api/auth/sessions/${other.id}`, { method: 'DELETE' })).status).toBe(204);
    const c = await login('wang', 'correct-horse-1');
    const wrong = await asUser(t.rawApp, a.headers).request('/api/auth/password', jsonInit('POST', { currentPassword: 'not-my-password', newPassword: 'correct-horse-2' }));
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as Json).errors[0]).toMatchObject({ path: 'currentPassword', code: 'wrong_password' });
    const changed = await asUser(t.rawApp, a.headers).request('/api/auth/password', jsonInit('POST', { currentPassword: 'correct-horse-1', newPassword: 'correct-horse-2' }));
    expect(changed.status).toBe(204);
    expect((await asUser(t.rawApp, c.headers).request('/api/items')).status).toBe(401);
    expect((await asUser(t.rawApp, a.headers).request('/api/items')).status).toBe(200);
    expect((await asUser(t.rawApp, b.headers).request('/api/items')).status).toBe(401);
    expect((await login('wang', 'correct-horse-2')).status).toBe(200);
    // An admin ends a session of someone else's (a lost phone).
    const lost = await login('wang', 'correct-horse-2');
    const user = t.db.prepare(`SELECT id FROM users WHERE username = 'wang'`).pluck().get() as number;
    const theirs = (await (await admin(`/api/users/${user}/sessions`)).json()) as Json;
    for (const s of theirs.sessions) expect((await admin(`/api/users/${user}/sessions/${s.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await asUser(t.rawApp, lost.headers).request('/api/items')).status).toBe(401);
  });

  it('after an admin reset, allows nothing but choosing a new password', async () => {
    const made = await createUser({ username: 'sun', displayName: '孙', role: 'analyst', password: 'sun-password-1' });
    expect((await admin(`/api/users/${made.body.id}/password`, jsonInit('POST', { password: 'temporary-pass-1' }))).status).toBe(200);
    const r = await login('sun', 'temporary-pass-1');
    expect(r.body.user.mustChangePassword).toBe(true);
    const as = asUser(t.rawApp, r.headers);
    expect((await as.request('/api/items')).status).toBe(403);
    expect((await as.request('/api/auth/password', jsonInit('POST', { currentPassword: 'temporary-pass-1', newPassword: 'my-own-password-1' }))).status).toBe(204);
    expect((await as.request('/api/items')).status).toBe(200);
  });

  it('expires after 12 hours unused, and 7 days after sign-in however busy', () => {
    // The test app's sessions are made to outlive its moved clocks; the defaults are checked here.
    let clock = Date.parse('2026-12-01T00:00:00Z');
    const auth = createAuthService({ repo: createAuthRepo(t.db), hasher: argon2Hasher, demoMode: false, now: () => new Date(clock) });
    const user = t.db.prepare(`SELECT id FROM users WHERE username = 'wang'`).pluck().get() as number;
    const idle = auth.startSession(user, { ip: null, userAgent: null });
    clock += 11 * 3_600_000;
    expect(auth.session(idle.secret)).not.toBeNull();
    clock += 12 * 3_600_000 + 60_000;
    expect(auth.session(idle.secret)).toBeNull();
    const busy = auth.startSession(user, { ip: null, userAgent: null });
    for (let h = 0; h < 7 * 24; h += 6) {
      clock += 6 * 3_600_000;
      if (h < 7 * 24 - 6) expect(auth.session(busy.secret)).not.toBeNull();
    }
    expect(auth.session(busy.secret)).toBeNull();
  });
});

describe('machine tokens', () => {
  it('are shown once, kept as digests, limited to their scope and revocable', async () => {
    const made = (await (await admin('/api/tokens', jsonInit('POST', { name: '外部系统', scopes: ['read'] }))).json()) as Json;
    expect(made.token).toMatch(/^yq_[\w-]{43}$/);
    const listed = (await (await admin('/api/tokens')).json()) as Json;
    expect(JSON.stringify(listed)).not.toContain(made.token);
    expect(t.db.prepare('SELECT count(*) FROM api_tokens WHERE token_hash = ?').pluck().get(made.token)).toBe(0);
    const bearer = { authorization: `Bearer ${made.token}` };
    expect((await t.rawApp.request('/api/items', { headers: bearer })).status).toBe(200);
    // No CSRF token needed (no cookie to ride on), but a read token changes nothing.
    expect((await t.rawApp.request('/api/library', jsonInit('POST', { claim: '令牌不能写入的说法' }, bearer))).status).toBe(403);
    expect((await admin(`/api/tokens/${made.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.rawApp.request('/api/items', { headers: bearer })).status).toBe(401);
  });
});

describe('exports', () => {
  it('are audited: who took which file of data, and when', async () => {
    const r = await login('wang', 'correct-horse-2');
    expect((await asUser(t.rawApp, r.headers).request('/api/library/export?format=csv')).status).toBe(200);
    const row = t.db.prepare(`SELECT actor, subject, detail FROM auth_audit WHERE action = 'export' ORDER BY id DESC LIMIT 1`).get();
    expect(row).toEqual({ actor: '王编辑', subject: 'GET /library/export', detail: '/api/library/export?format=csv' });
  });
});

describe('the audit of accounts', () => {
  it('keeps sign-ins, failures, resets and token changes, append-only', () => {
    const actions = t.db.prepare('SELECT DISTINCT action FROM auth_audit').pluck().all() as string[];
    expect(actions).toEqual(expect.arrayContaining(['user-create', 'login', 'login-failed', 'logout', 'password-change', 'password-reset', 'token-create', 'token-revoke']));
    expect(() => t.db.prepare('DELETE FROM auth_audit').run()).toThrow(/append-only/);
  });
});

describe('a unit reporter', () => {
  it('files and sees only their own unit and its sub-units', async () => {
    const unit = async (name: string, parentId?: number) =>
      ((await (await admin('/api/ledger/units', jsonInit('POST', { name, kind: parentId ? 'community' : 'township', parentId }))).json()) as Json).id as number;
    const town = await unit('城关镇');
    const street = await unit('东街社区', town);
    const other = await unit('河西镇');
    const day = '2026-11-28';
    const theirs = (await (await admin('/api/ledger/entries', jsonInit('POST', { day, unitId: other, categoryKey: 'leaflets', quantity: 7 }))).json()) as Json;
    await createUser({ username: 'reporter', displayName: '城关镇报送员', role: 'reporter', unitId: town, password: 'reporter-pass-1' });
    const r = asUser(t.rawApp, (await login('reporter', 'reporter-pass-1')).headers);

    expect((await r.request('/api/ledger/entries', jsonInit('POST', { day, unitId: street, categoryKey: 'leaflets', quantity: 100 }))).status).toBe(201);
    const refused = await r.request('/api/ledger/entries', jsonInit('POST', { day, unitId: other, categoryKey: 'leaflets', quantity: 100 }));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Json).detail).toContain('not yours');
    expect((await r.request(`/api/ledger/entries/${theirs.id}`, jsonInit('PATCH', { quantity: 1 }))).status).toBe(403);
    expect((await r.request(`/api/ledger/entries/${theirs.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await r.request('/api/ledger/zero-reports', jsonInit('POST', { unitId: other, day }))).status).toBe(403);

    const listed = (await (await r.request(`/api/ledger/entries?from=${day}&to=${day}`)).json()) as Json;
    expect(listed.entries.map((e: Json) => e.unitId)).toEqual([street]);
    expect((await r.request(`/api/ledger/entries?unitId=${other}`)).status).toBe(403);
    const missing = (await (await r.request(`/api/ledger/missing-reports?day=${day}`)).json()) as Json;
    expect(missing.units.map((u: Json) => u.id)).toEqual([town]);

    const csv = `日期,单位,类别,数量,备注\n${day},东街社区,宣传单,5,\n${day},河西镇,宣传单,5,\n`;
    const imported = await r.request('/api/ledger/import', jsonInit('POST', { format: 'csv', content: csv, dryRun: false }));
    expect(imported.status).toBe(422);
    expect(JSON.stringify(await imported.json())).toContain('row 3');
    // And the rest of the system is closed to them.
    expect((await r.request('/api/items')).status).toBe(403);
    expect((await r.request('/api/review/queue')).status).toBe(403);
  });
});
