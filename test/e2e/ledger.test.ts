/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
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
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe.skipIf(!availability.run)('the outreach ledger in headless Chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startE2eServer();
    for (const name of ['城关镇', '东门街道']) {
      expect((await api('POST', '/api/ledger/units', { name, kind: 'street', actor: 'e2e' })).status).toBe(201);
    }
    browser = await launchChromium();
    // An analyst files for any unit (a unit reporter only for their own); changes are recorded under this name.
    await server.signInBrowser(browser, 'analyst', { displayName: '东门街道宣传员' });
    page = await browser.newPage();
    watchPage(page, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('takes three outputs entered by keyboard alone, and the unit leaves the not-reported list', async () => {
    await page.goto(`${server.url}/ledger`);
    await page.getByTestId('ledger-unit').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('ledger-actor').innerText()).toContain('东门街道宣传员');
    await page.getByTestId('ledger-unit').click();
    await page.keyboard.type('东门街道');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('宣传单');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    for (const q of ['1200', '35', '8']) {
      await page.keyboard.type(q);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(400);
    }
    await expect.poll(() => page.getByTestId('ledger-entry-row').count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(async () => page.getByTestId('ledger-missing').innerText(), { timeout: 10_000 }).not.toContain('东门街道');
    const totals = await api('GET', '/api/ledger/totals?from=2026-01-01&to=2030-12-31');
    const leaflets = totals.body.totals.find((c: Record<string, any>) => c.name.includes('宣传单'));
    expect(leaflets.quantity).toBe(1243);
    await page.screenshot({ path: path.join(SHOTS, 'ledger-entry.png') });
  });

  it('links an entry to a topic chosen by keyboard after the note, and lists the records behind an automatic figure', async () => {
    const topic = await api('POST', '/api/topics', { topic: { name: '冬季防火宣传', includeAny: ['防火'] }, actor: 'e2e' });
    expect(topic.status).toBe(201);
    await page.reload();
    await page.getByTestId('ledger-unit').waitFor({ timeout: 20_000 });
    await page.getByTestId('ledger-category').click();
    await page.keyboard.type('宣传单');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('60');
    await page.keyboard.press('Tab'); // note
    await page.keyboard.press('Tab'); // topic
    await page.keyboard.type('冬季防火');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await page.getByTestId('ledger-submit').click();
    await expect.poll(() => page.getByTestId('ledger-entry-topic').allInnerTexts(), { timeout: 10_000 }).toContain('专题：冬季防火宣传');
    const entries = await api('GET', '/api/ledger/entries?from=2026-01-01&to=2030-12-31&pageSize=500');
    expect(entries.body.entries.find((e: Record<string, any>) => e.quantity === 60)?.topicId).toBe(topic.body.id);

    const row = page.getByTestId('ledger-total-row').filter({ hasText: '辟谣信息' });
    await row.getByTestId('ledger-basis-toggle').click();
    await page.getByTestId('ledger-basis-records').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('ledger-basis-records').locator('[data-testid="state-empty"], [data-testid="ledger-basis-record"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await row.getByTestId('ledger-basis-toggle').getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: path.join(SHOTS, 'ledger-links.png'), fullPage: true });
  });

  it('names the bad row of an imported spreadsheet, imports nothing until it is fixed, then imports', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-'));
    const bad = path.join(dir, 'bad.csv');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    fs.writeFileSync(bad, `日期,单位,类别,数量,备注\n${today},城关镇,标语横幅,20,\n${today},不存在的镇,标语横幅,-5,\n`);
    await page.locator('input[data-testid="ledger-import-file"]').setInputFiles(bad);
    await page.getByTestId('ledger-import-preview').waitFor({ timeout: 10_000 });
    const errors = await page.getByTestId('ledger-import-error').allInnerTexts();
    expect(errors.join(' ')).toMatch(/第 ?3 ?行/);
    expect(errors.join(' ')).toContain('单位');
    // In the reader's language, naming what was written: not the server's English.
    expect(errors.join(' ')).toContain('没有名为“不存在的镇”的单位');
    expect(errors.join(' ')).toContain('数量不能为负数（-5）');
    expect(errors.join(' ')).not.toMatch(/unknown unit|negative quantity/);
    expect(await page.getByTestId('ledger-import-submit').isDisabled()).toBe(true);
    const before = await api('GET', `/api/ledger/entries?from=${today}&to=${today}`);

    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, `日期,单位,类别,数量,备注\n${today},城关镇,标语横幅,20,\n`);
    await page.locator('input[data-testid="ledger-import-file"]').setInputFiles(good);
    await expect.poll(() => page.getByTestId('ledger-import-submit').isDisabled(), { timeout: 10_000 }).toBe(false);
    await page.getByTestId('ledger-import-submit').click();
    await expect
      .poll(async () => (await api('GET', `/api/ledger/entries?from=${today}&to=${today}`)).body.entries?.length ?? 0, { timeout: 10_000 })
      .toBe((before.body.entries?.length ?? 0) + 1);
    expect(pageErrors).toEqual([]);
  });
});
