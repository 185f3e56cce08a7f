/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../server/lib/time';
import { addDays, previousWeek } from '../../server/reports/report-periods';
import { e2eAvailability, launchChromium, watchPage } from '../support/browser';
import { startE2eServer } from '../support/e2e-server';

const availability = e2eAvailability();
const SHOTS = path.resolve('test-results');

let server: Awaited<ReturnType<typeof startE2eServer>>;
let browser: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const week = previousWeek(shanghaiDay(new Date()));

async function api(method: string, url: string, body?: unknown) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: body === undefined ? server.adminHeaders : { ...server.adminHeaders, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe.skipIf(!availability.run)('work-summary reports in headless Chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startE2eServer();
    const town = await api('POST', '/api/ledger/units', { name: '城关镇', kind: 'township', actor: 'e2e' });
    for (const [offset, categoryKey, quantity] of [[0, 'leaflets', 8_000], [2, 'leaflets', 4_500], [3, 'banners', 12]] as const) {
      const res = await api('POST', '/api/ledger/entries', { day: addDays(week.from, offset), unitId: town.body.id, categoryKey, quantity, actor: 'e2e' });
      expect(res.status).toBe(201);
    }
    // The hourly schedule's work, done now: last week's and last month's reports.
    server.runtime.services.reports.schedule();
    await server.runtime.services.reports.waitIdle();
    browser = await launchChromium();
    await server.signInBrowser(browser, 'leader', { displayName: '李科长' });
    page = await browser.newPage();
    watchPage(page, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a leader downloads last week’s report from the menu, with the ledger’s numbers in it', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('a[href="/reports"]').first().click();
    const latest = page.getByTestId('report-latest-weekly');
    await latest.waitFor({ timeout: 20_000 });
    expect(await latest.getAttribute('aria-label')).toContain(week.from);
    await page.screenshot({ path: path.join(SHOTS, 'reports-page.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), latest.click()]);
    expect(download.suggestedFilename()).toMatch(/周报.*\.docx$/);
    const file = await download.path();
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    // 8,000 + 4,500 leaflets and 12 banners in the week, as the ledger holds them.
    expect(text).toContain('印制发放宣传单1.2万余张');
    expect(text).toContain('12,500');
    expect(text).toContain('悬挂标语横幅12条');
    expect(zip.file(/^word\/media\/.*\.png$/).length).toBeGreaterThanOrEqual(2);
    expect(pageErrors).toEqual([]);
  });

  it('generates a report for a chosen period with live progress, then offers it', async () => {
    await page.getByTestId('report-preset-lastWeek').click();
    await expect.poll(() => page.getByTestId('report-period').innerText()).toContain(week.from);
    const before = (await api('GET', '/api/reports')).body.reports.length;
    await page.getByTestId('report-generate-docx').click();
    await expect.poll(async () => (await api('GET', '/api/reports')).body.reports.length, { timeout: 10_000 }).toBe(before + 1);
    const newest = (await api('GET', '/api/reports')).body.reports[0];
    expect(newest).toMatchObject({ kind: 'custom', from: week.from, to: week.to, createdBy: '李科长' });
    await page.getByTestId(`report-download-${newest.id}`).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, 'reports-generated.png') });
    expect(pageErrors).toEqual([]);
  });
});
