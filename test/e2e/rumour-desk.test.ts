/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eAvailability, launchChromium, watchPage } from '../support/browser';
import { startE2eServer } from '../support/e2e-server';
import { startFixtureSite } from '../support/fixture-site';
import { forumSource, rssFeed } from '../support/rss-forum';

const availability = e2eAvailability();
const SHOTS = path.resolve('test-results');
const CLAIM = '东湖公园的湖水检出剧毒，附近居民不要开窗';

// A local forum feed the test controls: the repost appears only after the rebuttal is written.
const posts: { title: string; body: string; at: string }[] = [
  { title: '紧急扩散！东湖公园湖水有剧毒', body: `据内部消息，${CLAIM}，速转给家人！`, at: 'Mon, 23 Nov 2026 09:00:00 +0800' },
];
const feed = rssFeed('东湖论坛', posts);

let site: Awaited<ReturnType<typeof startFixtureSite>>;
let server: Awaited<ReturnType<typeof startE2eServer>>;
let browser: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

describe.skipIf(!availability.run)('the rumour desk in headless Chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    site = await startFixtureSite({ '/rss.xml': feed });
    const forum = forumSource('donghu-forum', '东湖论坛', `${site.url}/rss.xml`);
    server = await startE2eServer({ extraSources: [forum] });
    await server.crawlOne('donghu-forum');
    browser = await launchChromium();
    await server.signInBrowser(browser, 'editor', { displayName: 'e2e编辑' });
    page = await browser.newPage();
    watchPage(page, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.close();
  });

  it('confirms a rumour into the library, records its rebuttal, and recognises a later repost', async () => {
    // 1. The editor confirms the suspect from the queue, adding its claim to the library.
    await page.goto(`${server.url}/review?source=donghu-forum`);
    const row = page.getByTestId('review-row').filter({ hasText: '东湖公园' }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.getByTestId('verdict-confirm').click();
    await row.locator('input[data-testid="claim-text"]').fill(CLAIM);
    await row.getByTestId('verdict-save').click();
    await page.getByText('已记录研判结论').first().waitFor({ timeout: 10_000 });

    // 2. The library has the entry; the editor records the rebuttal that went out.
    await page.goto(`${server.url}/library?q=${encodeURIComponent('东湖公园')}`);
    const entry = page.getByTestId('library-row').filter({ hasText: CLAIM }).first();
    await entry.waitFor({ timeout: 10_000 });
    await entry.getByTestId('library-row-link').click();
    await page.getByTestId('entry-clock').waitFor();
    const entryUrl = page.url();
    await page.getByTestId('open-rebuttal').click();
    await page.locator('input[data-testid="rebuttal-title"]').fill('东湖公园湖水检测正常');
    await page.locator('textarea[data-testid="rebuttal-text"]').fill('经区生态环境局检测，东湖公园湖水各项指标正常，网传剧毒系谣言。');
    await page.locator('input[data-testid="rebuttal-url"]').fill('https://www.example.gov.cn/piyao/donghu');
    await page.getByTestId('channel-own-media').check();
    await page.getByTestId('rebuttal-submit').click();
    await page.getByTestId('rebuttal-row').filter({ hasText: '东湖公园湖水检测正常' }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('entry-clock').innerText()).not.toContain('尚未辟谣');

    // 3. A repost appears on the forum later and comes in through the crawler.
    posts.push({ title: '转发', body: `转发：听说${CLAIM}！！😱`, at: 'Tue, 24 Nov 2026 10:00:00 +0800' });
    await server.crawlOne('donghu-forum');
    await page.goto(entryUrl);
    const sighting = page.getByTestId('sighting-row').filter({ hasText: '转发' }).first();
    await sighting.waitFor({ timeout: 10_000 });
    await sighting.locator('a').first().click();
    await page.getByTestId('item-detail').waitFor();
    expect(await page.getByTestId('item-detail').innerText()).toContain('已知谣言');
    const link = page.getByTestId('item-library-links').locator('a').first();
    expect(await link.innerText()).toBe(CLAIM);
    // Decided by the match itself, and the item's history says so.
    await page.getByTestId('item-history-row').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('item-history').innerText()).toContain('系统自动匹配');
    await page.screenshot({ path: path.join(SHOTS, 'rumour-desk-item.png'), fullPage: true });
    await page.goto(entryUrl);
    await page.getByTestId('sightings-chart').locator('canvas, svg').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(SHOTS, 'rumour-desk-entry.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('lays out the queue and the library at 1366×768 and on a phone without sideways scrolling', async () => {
    for (const [w, h, name] of [
      [1366, 768, 'desktop'],
      [375, 740, 'phone'],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const p of ['/review', '/library', '/sightings', '/calibration']) {
        await page.goto(`${server.url}${p}`);
        await page.locator('.page-title').first().waitFor();
        await page.waitForTimeout(300);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${p} at ${w}px`).toBeLessThanOrEqual(1);
        await page.screenshot({ path: path.join(SHOTS, `layout-${name}${p.replace('/', '-')}.png`) });
      }
    }
    expect(pageErrors).toEqual([]);
  });
});
