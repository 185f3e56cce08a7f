/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eAvailability, launchChromium, watchPage } from '../support/browser';
import { startE2eServer } from '../support/e2e-server';
import { startFixtureSite } from '../support/fixture-site';
import { forumSource, rssFeed, type ForumPost } from '../support/rss-forum';

const availability = e2eAvailability();
const SHOTS = path.resolve('test-results');

// A local forum the test controls: a burst of posts about a gas leak appears at once.
const posts: ForumPost[] = [
  { title: '小区绿化改造完成', body: '新种的树很好看，居民很满意。', at: new Date(Date.now() - 3_600_000).toUTCString() },
];
const feed = rssFeed('西湖论坛', posts);

let site: Awaited<ReturnType<typeof startFixtureSite>>;
let server: Awaited<ReturnType<typeof startE2eServer>>;
let browser: BrowserContext;
const pageErrors: string[] = [];

async function api(method: string, url: string, body?: unknown) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: body === undefined ? server.adminHeaders : { ...server.adminHeaders, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (res.status === 204 ? {} : await res.json()) as Record<string, any> };
}

async function openPage(url: string): Promise<Page> {
  const page = await browser.newPage();
  watchPage(page, pageErrors);
  await page.goto(url);
  // Marks this document: still there after the alert arrives means the page was not reloaded.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  return page;
}

describe.skipIf(!availability.run)('opinion trends and alerts in headless Chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    site = await startFixtureSite({ '/rss.xml': feed });
    const forum = forumSource('xihu-forum', '西湖论坛', `${site.url}/rss.xml`);
    server = await startE2eServer({ extraSources: [forum] });
    await server.crawlOne('xihu-forum');
    browser = await launchChromium();
    await server.signInBrowser(browser, 'analyst', { displayName: 'e2e分析员' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.close();
  });

  it('shows an alert live on the dashboard and on the big screen when a burst of posts is crawled', async () => {
    const rule = await api('POST', '/api/alert-rules', {
      actor: 'e2e分析员',
      rule: { name: '燃气泄漏', kind: 'threshold', scope: { keywords: ['燃气'] }, windowMinutes: 60, threshold: 4, owner: '值班分析员' },
    });
    expect(rule.status).toBe(201);
    const dashboard = await openPage(`${server.url}/alerts`);
    await dashboard.locator('.page-title').first().waitFor();
    const screen = await openPage(`${server.url}/screen`);
    await screen.getByTestId('screen-alerts').waitFor({ timeout: 20_000 });
    await dashboard.waitForTimeout(500); // both pages connected to the live stream

    // The burst: five posts about a gas smell, published now, crawled as the schedule would.
    const now = new Date().toUTCString();
    for (let i = 1; i <= 5; i++) posts.push({ title: `西湖小区闻到燃气味 ${i}`, body: `西湖小区${i}号楼闻到很浓的燃气味，大家注意安全！`, at: now });
    expect((await api('POST', '/api/sources/xihu-forum/crawl')).status).toBe(202);

    const row = dashboard.getByTestId('alert-row').filter({ hasText: '燃气泄漏' }).first();
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('值班分析员');
    const onScreen = screen.getByTestId('screen-alert').filter({ hasText: '燃气泄漏' }).first();
    await onScreen.waitFor({ timeout: 30_000 });
    for (const p of [dashboard, screen]) {
      expect(await p.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    }
    await dashboard.screenshot({ path: path.join(SHOTS, 'alerts-live.png'), fullPage: true });
    await screen.setViewportSize({ width: 1920, height: 1080 });
    await screen.waitForTimeout(500);
    await screen.screenshot({ path: path.join(SHOTS, 'screen-1920.png') });
    await screen.close();
    await dashboard.close();
    expect(pageErrors).toEqual([]);
  });

  it('keeps an analyst’s sentiment correction after a reload', async () => {
    // The burst was crawled by the test before; its items reach the search index shortly after.
    let item: Record<string, any> | undefined;
    await expect
      .poll(async () => (item = (await api('GET', `/api/items?source=xihu-forum&q=${encodeURIComponent('燃气味')}`)).body.items?.[0]), { timeout: 30_000 })
      .toBeDefined();
    item = item!;
    const wanted = item.sentiment?.label === 'neg' ? '中性' : '负面';
    const page = await openPage(`${server.url}/items/${item.id}`);
    const panel = page.getByTestId('item-sentiment');
    await panel.waitFor({ timeout: 20_000 });
    await panel.getByTestId('sentiment-choice').getByText(wanted, { exact: true }).click();
    await panel.getByTestId('sentiment-save').click();
    await panel.getByText('人工').first().waitFor({ timeout: 10_000 });
    await page.reload();
    await panel.waitFor();
    const badge = panel.getByTestId('sentiment-badge').first();
    await badge.waitFor();
    expect(await badge.innerText()).toContain(wanted);
    expect(await panel.innerText()).toContain('e2e分析员');
    // The correction is in the item's history, before → after.
    const change = page.getByTestId('history-sentiment').first();
    await change.waitFor({ timeout: 10_000 });
    expect(await change.innerText()).toContain(`→ ${wanted}`);
    const stored = await api('GET', `/api/items/${item.id}`);
    expect(stored.body.sentiment).toMatchObject({ source: 'analyst', actor: 'e2e分析员' });
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('lays out topics, trends, alerts and the big screen at 1366×768 and on a phone', async () => {
    const page = await openPage(`${server.url}/topics`);
    for (const [w, h, name] of [
      [1366, 768, 'desktop'],
      [375, 740, 'phone'],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const p of ['/topics', '/trends', '/alerts', '/screen']) {
        await page.goto(`${server.url}${p}`);
        await page.waitForTimeout(800);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${p} at ${w}px`).toBeLessThanOrEqual(1);
        await page.screenshot({ path: path.join(SHOTS, `layout-${name}${p.replace('/', '-')}.png`) });
      }
    }
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
