import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent, h } from 'vue';
import { ElCheckbox, ElCheckboxGroup, ElDialog } from 'element-plus';
import { ApiError } from '../../../web/src/api/client';
import LoginPage from '../../../web/src/features/account/LoginPage.vue';
import AdminPage from '../../../web/src/features/admin/AdminPage.vue';
import { userCreateBody, userFormProblems, userPatchBody, emptyUserForm, tokenCreateBody } from '../../../web/src/features/admin/admin-form';
import { mountOptions, settle, testMe } from './mount-helpers';

const auth = vi.hoisted(() => ({
  fetchMe: vi.fn(),
  postLogin: vi.fn(),
  postLogout: vi.fn(),
  fetchDemoAccounts: vi.fn(),
  postPasswordChange: vi.fn(),
  fetchMySessions: vi.fn(),
  deleteMySession: vi.fn(),
  fetchUsers: vi.fn(),
  createUser: vi.fn(),
  patchUser: vi.fn(),
  resetUserPassword: vi.fn(),
  fetchUserSessions: vi.fn(),
  fetchTokens: vi.fn(),
  createToken: vi.fn(),
  revokeToken: vi.fn(),
}));
const ledger = vi.hoisted(() => ({ fetchLedgerUnits: vi.fn() }));
vi.mock('../../../web/src/api/auth', () => auth);
vi.mock('../../../web/src/api/ledger', () => ledger);

const Blank = defineComponent({ render: () => h('div') });
function router() {
  return createRouter({
    history: createMemoryHistory(),
    routes: ['/', '/ledger', '/review', '/account', '/admin', '/topics'].map((path) => ({ path, name: path === '/' ? 'overview' : path.slice(1), component: Blank }))
      .concat([{ path: '/login', name: 'login', component: LoginPage }]),
  });
}
const extra = { ElDialog, ElCheckbox, ElCheckboxGroup };

afterEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
});

describe('sign-in page', () => {
  let w: VueWrapper;
  async function mountLogin(query = '') {
    const r = router();
    await r.push(`/login${query}`);
    const opts = mountOptions(r, null);
    w = mount(LoginPage, { ...opts, global: { ...opts.global, components: { ...opts.global.components, ...extra } }, attachTo: document.body });
    await settle();
    return r;
  }
  async function submit(username: string, password: string) {
    await w.get('[data-testid="login-username"]').setValue(username);
    await w.get('[data-testid="login-password"]').setValue(password);
    await w.get('[data-testid="login-form"]').trigger('submit');
    await settle();
  }

  beforeEach(() => {
    auth.fetchDemoAccounts.mockRejectedValue(new ApiError(404, 'not_found', 'no demo'));
  });

  it('starts in the username field and names what is missing without calling the server', async () => {
    await mountLogin();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('login-username');
    expect(w.find('[data-testid="demo-accounts"]').exists()).toBe(false);
    await w.get('[data-testid="login-form"]').trigger('submit');
    expect(w.get('[data-testid="login-error"]').text()).toBe('请输入用户名和密码');
    expect(auth.postLogin).not.toHaveBeenCalled();
  });

  it('says which of wrong password, locked (with minutes), disabled or demo-only it was', async () => {
    await mountLogin();
    auth.postLogin.mockRejectedValueOnce(new ApiError(401, 'unauthorized', 'wrong username or password'));
    await submit('li', 'nope');
    expect(w.get('[data-testid="login-error"]').text()).toBe('用户名或密码错误');
    expect((w.get('[data-testid="login-password"]').element as HTMLInputElement).value).toBe('');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('login-password');

    auth.postLogin.mockRejectedValueOnce(new ApiError(429, 'too_many_attempts', 'locked', [], null, 840));
    await submit('li', 'nope');
    expect(w.get('[data-testid="login-error"]').text()).toContain('14 分钟');

    auth.postLogin.mockRejectedValueOnce(new ApiError(403, 'forbidden', 'this account is disabled'));
    await submit('li', 'pw');
    // Outside demo mode a 403 is either; the server's code does not say which.
    expect(w.get('[data-testid="login-error"]').text()).toContain('账号已停用');
    expect(w.get('[data-testid="login-error"]').text()).toContain('演示账号');
  });

  it('lists the demo accounts (demo only) and fills the form with one click; a 403 there means disabled', async () => {
    auth.fetchDemoAccounts.mockResolvedValue({ accounts: [{ username: 'demo-leader', displayName: '演示领导', role: 'leader', password: 'demo-pass-123' }] });
    await mountLogin();
    const box = w.get('[data-testid="demo-accounts"]');
    expect(box.text()).toContain('演示账号');
    expect(box.text()).toContain('领导');
    await w.get('[data-testid="demo-fill-demo-leader"]').trigger('click');
    await settle();
    expect((w.get('[data-testid="login-username"]').element as HTMLInputElement).value).toBe('demo-leader');
    expect((w.get('[data-testid="login-password"]').element as HTMLInputElement).value).toBe('demo-pass-123');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('login-submit');
    auth.postLogin.mockRejectedValueOnce(new ApiError(403, 'forbidden', 'this account is disabled'));
    await w.get('[data-testid="login-form"]').trigger('submit');
    await settle();
    expect(auth.postLogin).toHaveBeenCalledWith('demo-leader', 'demo-pass-123');
    expect(w.get('[data-testid="login-error"]').text()).toBe('该账号已停用，请联系管理员');
  });

  it('goes to a local `next`, never an outside one; a reporter to the ledger; a temporary password to the account page', async () => {
    auth.postLogin.mockResolvedValue(testMe('editor'));
    let r = await mountLogin('?next=%2Freview');
    await submit('wang', 'pw');
    expect(r.currentRoute.value.fullPath).toBe('/review');
    w.unmount();

    r = await mountLogin('?next=%2F%2Fevil.example%2Fx');
    await submit('wang', 'pw');
    expect(r.currentRoute.value.fullPath).toBe('/');
    w.unmount();

    auth.postLogin.mockResolvedValue(testMe('reporter', { unitId: 3 }));
    r = await mountLogin('?next=%2Freview');
    await submit('dongmen', 'pw');
    expect(r.currentRoute.value.fullPath).toBe('/ledger');
    w.unmount();

    auth.postLogin.mockResolvedValue(testMe('analyst', { mustChangePassword: true }));
    r = await mountLogin('?next=%2Ftopics');
    await submit('new', 'temporary-pw');
    expect(r.currentRoute.value.fullPath).toBe('/account?next=/topics');
  });
});

describe('admin page', () => {
  const user = (over: Record<string, unknown> = {}) => ({
    id: 2, username: 'li', displayName: '李分析', role: 'analyst', unitId: null, demo: false, disabled: false, mustChangePassword: false,
    lockedUntil: null, createdAt: '2026-11-01T00:00:00Z', lastLoginAt: null, ...over,
  });
  async function mountAdmin() {
    const r = router();
    await r.push('/admin');
    const opts = mountOptions(r, testMe('admin'));
    const w = mount(AdminPage, { ...opts, global: { ...opts.global, components: { ...opts.global.components, ...extra } }, attachTo: document.body });
    await settle();
    return w;
  }

  beforeEach(() => {
    auth.fetchUsers.mockResolvedValue({ users: [user(), user({ id: 3, username: 'dongmen', displayName: '东门填报员', role: 'reporter', unitId: 4, demo: true, lockedUntil: '2099-01-01T00:00:00Z' })] });
    auth.fetchTokens.mockResolvedValue({ tokens: [] });
    ledger.fetchLedgerUnits.mockResolvedValue({ units: [{ id: 4, name: '东门街道', parentId: null, kind: 'street', sortOrder: 0, depth: 0 }] });
  });

  it('lists accounts with role, unit, demo badge and lock', async () => {
    const w = await mountAdmin();
    const text = w.get('[data-testid="users-table"]').text();
    expect(text).toContain('李分析');
    expect(text).toContain('舆情分析员');
    expect(text).toContain('东门街道');
    expect(text).toContain('演示');
    expect(text).toContain('2099');
    w.unmount();
  });

  it('creates a reporter for a unit: the body the server expects, and nothing until the form is right', async () => {
    auth.createUser.mockResolvedValue(user({ id: 9, username: 'chengguan', role: 'reporter', unitId: 4 }));
    const w = await mountAdmin();
    await w.get('[data-testid="user-create"]').trigger('click');
    await settle();
    const form = document.querySelector('[data-testid="user-form"]') as HTMLFormElement;
    expect(form).not.toBeNull();
    form.dispatchEvent(new Event('submit'));
    await settle();
    expect(auth.createUser).not.toHaveBeenCalled();
    expect(form.textContent).toContain('必填');
    // The form's rules and body, as the page uses them.
    const f = { ...emptyUserForm(), username: 'chengguan', displayName: '城关填报员', role: 'reporter' as const, unitId: null, password: 'long-enough-pw' };
    expect(userFormProblems(f, true)).toEqual({ unitId: 'required' });
    expect(userFormProblems({ ...f, username: 'a b', password: 'short' }, true)).toMatchObject({ username: 'invalid', password: 'tooShort' });
    expect(userCreateBody({ ...f, unitId: 4 })).toEqual({ username: 'chengguan', displayName: '城关填报员', role: 'reporter', unitId: 4, password: 'long-enough-pw' });
    expect(userCreateBody({ ...f, role: 'analyst', unitId: 4 }).unitId).toBeNull();
    expect(userPatchBody({ displayName: '城关填报员', role: 'reporter', unitId: 4 }, { ...f, role: 'leader', unitId: 4 })).toEqual({ role: 'leader', unitId: null });
    expect(userPatchBody({ displayName: '城关填报员', role: 'reporter', unitId: 4 }, { ...f, unitId: 4 })).toBeNull();
    w.unmount();
  });

  it('posts the typed account and reloads the list', async () => {
    auth.createUser.mockResolvedValue(user({ id: 9, username: 'zhao' }));
    const w = await mountAdmin();
    await w.get('[data-testid="user-create"]').trigger('click');
    await settle();
    const set = async (testid: string, value: string) => {
      const el = document.querySelector(`input[data-testid="${testid}"]`) as HTMLInputElement;
      el.value = value;
      el.dispatchEvent(new Event('input'));
      await settle(1);
    };
    await set('user-form-username', ' zhao ');
    await set('user-form-name', '赵分析');
    await set('user-form-password', 'a-long-password');
    (document.querySelector('[data-testid="user-form"]') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    expect(auth.createUser).toHaveBeenCalledWith({ username: 'zhao', displayName: '赵分析', role: 'analyst', unitId: null, password: 'a-long-password' });
    expect(auth.fetchUsers).toHaveBeenCalledTimes(2);
    w.unmount();
  });

  it('shows a new token once, with a copy button and a warning, and never again', async () => {
    const created = { id: 1, name: '远程采集器', prefix: 'yqt_ab12', scopes: ['ingest'], createdBy: 'admin', createdAt: '2026-11-29T00:00:00Z', lastUsedAt: null, revokedAt: null, token: 'yqt_ab12-secret-value-0123456789' };
    auth.createToken.mockResolvedValue(created);
    const w = await mountAdmin();
    auth.fetchTokens.mockResolvedValue({ tokens: [{ ...created, token: undefined }] });
    await w.get('[data-testid="token-create"]').trigger('click');
    await settle();
    const name = document.querySelector('input[data-testid="token-form-name"]') as HTMLInputElement;
    name.value = '远程采集器';
    name.dispatchEvent(new Event('input'));
    await settle(1);
    (document.querySelector('[data-testid="token-form"]') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    expect(auth.createToken).toHaveBeenCalledWith({ name: '远程采集器', scopes: ['read'] });
    const shown = document.querySelector('input[data-testid="token-value"]') as HTMLInputElement;
    expect(shown.value).toBe(created.token);
    expect(document.body.textContent).toContain('只显示这一次');
    expect(document.querySelector('[data-testid="token-copy"]')).not.toBeNull();
    (document.querySelector('[data-testid="token-done"]') as HTMLElement).click();
    await settle();
    expect(w.get('[data-testid="tokens-table"]').text()).toContain('远程采集器');
    expect(document.querySelector('input[data-testid="token-value"]')).toBeNull();
    expect(w.html()).not.toContain(created.token);
    expect(tokenCreateBody('x', [])).toBeNull();
    expect(tokenCreateBody(' x ', ['read', 'ingest'])).toEqual({ name: 'x', scopes: ['ingest', 'read'] });
    w.unmount();
  });
});
