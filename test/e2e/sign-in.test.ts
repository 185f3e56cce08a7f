/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eAvailability, launchChromium, watchPage } from '../support/browser';
import { startE2eServer } from '../support/e2e-server';

const availability = e2eAvailability();
const SHOTS = path.resolve('test-results');

let server: Awaited<ReturnType<typeof startE2eServer>>;
let browser: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

async function api(method: string, url: string, body?: unknown) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: body === undefined ? server.adminHeaders : { ...server.adminHeaders, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (res.status === 204 ? {} : await res.json()) as Record<string, any> };
}

/** Types into the focused field, as someone at a keyboard would. */
async function signInByKeyboard(username: string, password: string) {
  await page.getByTestId('login-form').waitFor({ timeout: 20_000 });
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('login-username');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

async function signOut() {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/, { timeout: 10_000 });
}

const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.skipIf(!availability.run)('signing in, roles and sessions in headless Chromium', () => {
  let unitId: number;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startE2eServer();
    const unit = await api('POST', '/api/ledger/units', { name: '东门街道', kind: 'street' });
    expect(unit.status).toBe(201);
    unitId = unit.body.id;
    server.account('editor', { username: 'wang.editor', displayName: '王编辑' });
    server.account('reporter', { username: 'dongmen', displayName: '东门填报员', unitId });
    browser = await launchChromium();
    page = await browser.newPage();
    watchPage(page, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends a visitor to the sign-in page, says a wrong password is wrong, and signs in by keyboard alone', async () => {
    await page.goto(`${server.url}/review`);
    await page.waitForURL(/\/login\?next=(%2F|\/)review/, { timeout: 20_000 });
    expect(await page.getByTestId('nav-overview').count()).toBe(0);

    await signInByKeyboard('wang.editor', 'not-the-password');
    await expect.poll(() => page.getByTestId('login-error').innerText(), { timeout: 10_000 }).toContain('用户名或密码错误');
    expect(page.url()).toContain('/login');
    // The password field is cleared and focused for the next try.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('login-password');
    await page.screenshot({ path: path.join(SHOTS, 'login-error.png') });

    await page.keyboard.type(server.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/review$/, { timeout: 10_000 });
    await page.getByTestId('review-total').or(page.getByTestId('state-empty')).first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('user-menu').innerText()).toContain('王编辑');
    expect(await page.getByTestId('user-role').innerText()).toBe('研判编辑');
    // An editor has no user administration in the menu.
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    expect(await page.getByTestId('nav-review').count()).toBe(1);
  });

  it('signs out back to /login, after which the API answers 401', async () => {
    await signOut();
    const status = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(status).toBe(401);
    const items = await page.evaluate(async () => (await fetch('/api/items')).status);
    expect(items).toBe(401);
  });

  it('shows a unit reporter only the ledger, and sends them back from /review', async () => {
    await page.goto(`${server.url}/login`);
    await signInByKeyboard('dongmen', server.password);
    await page.waitForURL(/\/ledger/, { timeout: 10_000 });
    const nav = await page.locator('nav .nav-link').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(nav).toEqual(['nav-ledger']);
    // No live stream for a reporter (it would answer 403).
    expect(await page.getByTestId('live-status').count()).toBe(0);
    await page.goto(`${server.url}/review`);
    await page.waitForURL(/\/ledger/, { timeout: 10_000 });
    await page.getByText('无权访问该页面').first().waitFor({ timeout: 5_000 });
    // Their own unit is chosen for them.
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain(`unit=${unitId}`);
    await page.screenshot({ path: path.join(SHOTS, 'reporter-ledger.png') });
    await signOut();
  });

  it('refuses a forged state-changing request that lacks the CSRF token', async () => {
    await page.goto(`${server.url}/login?next=%2Ftopics`);
    await signInByKeyboard('wang.editor', server.password);
    await page.waitForURL(/\/topics/, { timeout: 10_000 });
    const forged = await page.evaluate(async () => {
      const res = await fetch('/api/sightings', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ claim: '伪造的请求', channel: 'other', heardAt: new Date().toISOString(), reportedBy: 'x' }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('forbidden');
    expect(forged.body.detail).toMatch(/CSRF/);
    // The cookie alone is no use either from the API's own test client (no token): 403, not 401.
    await signOut();
  });

  it('lays out the sign-in page at 1366×768 and on a phone', async () => {
    for (const [w, h, name] of [
      [1366, 768, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-form').waitFor();
      expect(await noSideways(), `login at ${w}px`).toBeLessThanOrEqual(1);
      await page.screenshot({ path: path.join(SHOTS, `login-${name}.png`) });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('lets an admin add a reporter for a unit and create a token shown once; lays out at 1366×768 and on a phone', async () => {
    await server.signInBrowser(browser, 'admin', { username: 'e2e-admin', displayName: '系统管理员' });
    await page.goto(`${server.url}/admin`);
    await page.getByTestId('users-table').waitFor({ timeout: 20_000 });
    await page.getByTestId('user-create').click();
    await page.locator('input[data-testid="user-form-username"]').fill('chengguan');
    await page.locator('input[data-testid="user-form-name"]').fill('城关填报员');
    await page.getByTestId('user-form-role').click();
    await page.getByRole('option', { name: '单位填报员' }).click();
    await page.getByTestId('user-form-unit').click();
    await page.getByRole('option', { name: '东门街道' }).click();
    await page.locator('input[data-testid="user-form-password"]').fill('a-long-password-1');
    await page.getByTestId('user-form-save').click();
    await page.getByTestId('users-table').getByText('chengguan').waitFor({ timeout: 10_000 });
    const users = await api('GET', '/api/users');
    expect(users.body.users.find((u: Record<string, any>) => u.username === 'chengguan')).toMatchObject({ role: 'reporter', unitId, displayName: '城关填报员' });

    await page.getByTestId('token-create').click();
    await page.locator('input[data-testid="token-form-name"]').fill('远程采集器');
    await page.getByTestId('token-form-save').click();
    const token = await page.locator('input[data-testid="token-value"]').inputValue();
    expect(token.length).toBeGreaterThan(20);
    await page.waitForTimeout(500); // the dialogs' transitions
    await page.screenshot({ path: path.join(SHOTS, 'admin-token-once.png') });
    await page.getByTestId('token-done').click();
    // Never shown again: the list has its prefix only.
    await page.getByTestId('tokens-table').getByText('远程采集器').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(token);
    const read = await fetch(`${server.url}/api/sources`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);

    for (const [w, h, name] of [
      [1366, 768, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${server.url}/admin`);
      await page.getByTestId('users-table').waitFor();
      await page.waitForTimeout(300);
      expect(await noSideways(), `admin at ${w}px`).toBeLessThanOrEqual(1);
      await page.screenshot({ path: path.join(SHOTS, `admin-${name}.png`), fullPage: true });
    }
    expect(pageErrors).toEqual([]);
  });
});
