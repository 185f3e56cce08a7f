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

describe.skipIf(!availability.run)('dashboard in headless Chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startE2eServer();
    await server.crawlAll();
    browser = await launchChromium();
    // Every page needs a session: an editor-in-chief who may do everything, named as the verdicts record.
    await server.signInBrowser(browser, 'admin', { username: 'e2e-chief', displayName: '测试编辑' });
    page = await browser.newPage();
    watchPage(page, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders the overview with Chinese labels and a trend chart drawn from data', async () => {
    await page.goto(`${server.url}/`);
    const chart = page.getByTestId('trend-chart');
    await chart.locator('canvas, svg').first().waitFor({ timeout: 20_000 });
    // Wait until the headline count shows data, then give the chart's animation a moment.
    await page.getByTestId('stat-items').filter({ hasText: /[1-9]/ }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1_500);
    const bodyText = await page.locator('body').innerText();
    expect(bodyText).toContain('总览');
    // A drawn chart has many non-background pixels; an empty one has almost none.
    const inked = await chart.evaluate((el) => {
      const canvas = el.querySelector('canvas');
      if (!canvas) return el.querySelectorAll('svg path').length * 100;
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200)) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(2_000);
    // Chinese glyphs really render: without a CJK font, 舆 is drawn as the same "tofu" box as a
    // code point no font has.
    const sameAsTofu = await page.evaluate(() => {
      const draw = (ch: string) => {
        const c = document.createElement('canvas');
        c.width = 40;
        c.height = 40;
        const ctx = c.getContext('2d')!;
        ctx.font = '32px sans-serif';
        ctx.fillText(ch, 2, 32);
        return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(',');
      };
      return draw('舆') === draw('\u{10FFFD}');
    });
    expect(sameAsTofu).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, 'overview.png'), fullPage: true });
  });

  it('searches for an item and opens it', async () => {
    await page.goto(`${server.url}/search`);
    const input = page.getByTestId('search-input').locator('input').or(page.locator('input[data-testid="search-input"]'));
    await input.first().fill('板蓝根');
    const answered = page.waitForResponse((r) => r.url().includes('/api/items?') && r.url().includes('q='));
    await input.first().press('Enter');
    await answered;
    await page.waitForFunction(() => !document.querySelector('.results.dim'));
    const row = page.getByTestId('result-row').first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain('板蓝根');
    expect(page.url()).toContain('q=');
    // The view is in the URL: opening it afresh shows the same results.
    await page.goto(page.url());
    await page.getByTestId('result-row').first().waitFor();
    expect(await page.getByTestId('result-row').first().innerText()).toContain('板蓝根');
    await page.getByTestId('result-row').first().locator('a').first().click();
    await page.getByTestId('item-detail').waitFor();
    expect(await page.getByTestId('item-detail').innerText()).toContain('板蓝根');
    await page.screenshot({ path: path.join(SHOTS, 'search.png'), fullPage: true });
  });

  it('records a verdict in the review queue that sticks after a reload', async () => {
    await page.goto(`${server.url}/review`);
    const row = page.getByTestId('review-row').first();
    await row.waitFor({ timeout: 20_000 });
    const title = (await row.innerText()).split('\n')[0]!.trim();
    await row.getByTestId('verdict-confirm').click();
    await row.getByTestId('verdict-save').click();
    await page.waitForTimeout(500);
    await page.reload();
    await page.goto(`${server.url}/review?status=decided`);
    const decided = page.getByTestId('review-row').filter({ hasText: title.slice(0, 10) }).first();
    await decided.waitFor({ timeout: 20_000 });
    expect(await decided.getByTestId('verdict-status').innerText()).toMatch(/确认谣言|测试编辑/);
    await page.screenshot({ path: path.join(SHOTS, 'review.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('serves the API docs offline: every request stays on this server', async () => {
    const docs = await browser.newPage();
    const foreign: string[] = [];
    docs.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await docs.goto(`${server.url}/api/docs`);
    await docs.locator('.swagger-ui .info').waitFor({ timeout: 20_000 });
    expect(await docs.locator('.swagger-ui').innerText()).toContain('/items');
    expect(foreign).toEqual([]);
    await docs.close();
  });
});
