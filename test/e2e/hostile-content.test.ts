/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary } from '../../server/contracts/api';
import { MAX_BODY_CHARS, MAX_TITLE_CHARS } from '../../server/contracts/item';
import { HOSTILE_PAGES, HUGE_LINE_CHARS, startHostileSite } from '../fixtures/hostile/site';
import { e2eAvailability, launchChromium, watchPage } from '../support/browser';
import { startE2eServer } from '../support/e2e-server';

/**
 * Hostile crawled pages (test/fixtures/hostile/site.ts) go through crawl → index → API → dashboard
 * and search highlighting: nothing runs, nothing navigates, nothing overlays or widens the layout.
 */

const availability = e2eAvailability();
const SHOTS = path.resolve('test-results');

let server: Awaited<ReturnType<typeof startE2eServer>>;
let site: Awaited<ReturnType<typeof startHostileSite>>;
let browser: BrowserContext;
/** Everything that must never happen, from every page the tests open. */
const incidents: string[] = [];
/** Item id by page path, for the pages that became items. */
const ids = new Map<string, number>();
/** The item of the (first) page with this keyword. */
const idOf = (keyword: string) => ids.get(HOSTILE_PAGES.find((p) => p.keyword === keyword)!.path);

const KEPT = HOSTILE_PAGES.filter((p) => !('skipped' in p) && !('failed' in p));

/**
 * Runs in every document before any of its scripts: records alert/confirm/prompt/print and
 * window.open instead of showing them, and any write to window.__pwned (what every payload sets).
 */
function installTrap() {
  const w = window as unknown as Record<string, unknown> & { __trap: string[] };
  w.__trap = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    w[name] = (...args: unknown[]) => {
      w.__trap.push(`${name}(${String(args[0])})`);
      return null;
    };
  }
  w.open = (...args: unknown[]) => {
    w.__trap.push(`window.open(${String(args[0])})`);
    return null;
  };
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get: () => undefined,
    set: (v) => void w.__trap.push(`window.__pwned=${String(v)}`),
  });
}

async function newPage(viewport = { width: 1366, height: 768 }): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  await page.addInitScript(installTrap);
  watchPage(page, incidents);
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && !frame.url().startsWith(server.url)) incidents.push(`navigated away to ${frame.url()}`);
    if (frame !== page.mainFrame()) incidents.push(`a frame loaded ${frame.url()}`);
  });
  page.on('popup', (p) => incidents.push(`popup ${p.url()}`));
  // A request for the site's own resources (img src=x, /evil.css) or anything off the dashboard's
  // origin means crawled markup was parsed as HTML.
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:')) return;
    if (!u.startsWith(server.url) || /\/(x|evil\.css)(\?|$)/.test(new URL(u).pathname)) incidents.push(`request to ${u}`);
  });
  return page;
}

/** What the page's own DOM says: elements or attributes that can only have come from crawled markup. */
async function domFindings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const w = window as unknown as { __trap?: string[] };
    if (!w.__trap) found.push('trap missing (init script did not run)');
    else found.push(...w.__trap);
    if (document.title.includes('pwned')) found.push(`document.title = ${document.title}`);
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) found.push(`<${el.tagName.toLowerCase()} ${a.name}>`);
        if (/^\s*(javascript|vbscript|data:text)/i.test(a.value) && /^(href|src|action|formaction|xlink:href|data|srcdoc)$/i.test(a.name))
          found.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 40)}">`);
      }
    }
    const selectors = [
      'iframe',
      'object',
      'embed',
      'frame',
      'svg script',
      'script:not([src])',
      'meta[http-equiv="refresh" i]',
      'img[src="x"]',
      'body style',
      'link[href*="evil"]',
      'mark[class="x"]',
      // (ECharts' own tooltip has a high z-index: the overlay is known by its 100vw.)
      '#app [style*="100vw"]',
      'math',
      'details[ontoggle]',
      '[id="pwn"]',
    ];
    for (const sel of selectors) for (const el of Array.from(document.querySelectorAll(sel))) found.push(`${sel}: ${el.outerHTML.slice(0, 80)}`);
    return found;
  });
}

/** No horizontal scrolling; header and nav visible, inside the viewport, and on top at their centres. */
async function layoutFindings(page: Page, opts: { chrome?: boolean } = {}): Promise<string[]> {
  return page.evaluate((chrome) => {
    const found: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) found.push(`horizontal scroll: scrollWidth ${doc.scrollWidth} > ${window.innerWidth}`);
    if (getComputedStyle(document.body).display === 'none') found.push('body hidden');
    if (!chrome) return found;
    for (const sel of ['header.topbar', 'nav.sidenav']) {
      const el = document.querySelector<HTMLElement>(sel);
      if (!el) {
        found.push(`${sel} missing`);
        continue;
      }
      const r = el.getBoundingClientRect();
      if (r.width < 20 || r.height < 20) found.push(`${sel} collapsed to ${r.width}×${r.height}`);
      if (r.left < -1 || r.top < -1 || r.left > window.innerWidth || r.top > window.innerHeight) found.push(`${sel} outside the viewport at ${r.left},${r.top}`);
      // Centre of the part that is on screen.
      const x = Math.min(Math.max(r.left + Math.min(r.width, window.innerWidth - r.left) / 2, 0), window.innerWidth - 1);
      const y = Math.min(Math.max(r.top + Math.min(r.height, window.innerHeight - r.top) / 2, 0), window.innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      if (!hit || !el.contains(hit)) found.push(`${sel} covered at ${Math.round(x)},${Math.round(y)} by <${hit?.tagName.toLowerCase()} class="${hit?.className}">`);
      if (getComputedStyle(el).visibility === 'hidden' || getComputedStyle(el).display === 'none') found.push(`${sel} hidden`);
    }
    return found;
  }, opts.chrome ?? true);
}

async function check(page: Page, name: string, opts: { chrome?: boolean; fullPage?: boolean } = {}) {
  await page.waitForTimeout(300);
  const findings = [...(await domFindings(page)), ...(await layoutFindings(page, opts)), ...incidents.splice(0)];
  const vw = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: path.join(SHOTS, `hostile-${name}-${vw}.png`), fullPage: opts.fullPage ?? false });
  expect(findings, `${name} at ${vw}px`).toEqual([]);
  expect(page.url().startsWith(server.url)).toBe(true);
}

async function api<T>(p: string): Promise<T> {
  const res = await fetch(`${server.url}${p}`, { headers: server.adminHeaders });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface FullItem {
  id: number;
  title: string;
  body: string;
  author: string | null;
  url: string;
}

describe.skipIf(!availability.run)('hostile crawled content', () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    site = await startHostileSite();
    server = await startE2eServer({ extraSources: [site.source] });
    await server.crawlOne('hostile');
    browser = await launchChromium();
    await server.signInBrowser(browser, 'admin', { username: 'e2e-hostile', displayName: '安全测试' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.close();
  });

  it('crawls every hostile page, failing or skipping only the two that are not text', async () => {
    const { runs } = await api<{ runs: { sourceId: string; fetched: number; new: number | null; failed: number; lastError: string | null; finishedAt?: string | null; endedAt?: string | null }[] }>(
      '/api/crawl-runs?source=hostile',
    );
    const run = runs.find((r) => r.sourceId === 'hostile');
    expect(run, JSON.stringify(runs[0])).toBeTruthy();
    // The mostly-garbage page fails alone as mojibake; the NUL page is skipped as binary.
    expect(run!.failed).toBe(1);
    expect((run as { skipped?: number }).skipped).toBe(1);
    expect(run!.lastError).toMatch(/garbled\.html.*mojibake/);
    expect(run!.new).toBe(KEPT.length);
    for (const p of KEPT) {
      const { items } = await api<{ items: ItemSummary[] }>(`/api/items?source=hostile&q=${encodeURIComponent(p.keyword)}`);
      const item = items.find((i) => i.url.endsWith(p.path));
      expect(item, `${p.path} (${p.keyword}) not found by search`).toBeTruthy();
      ids.set(p.path, item!.id);
    }
    const { items: all } = await api<{ items: ItemSummary[] }>('/api/items?source=hostile&pageSize=100');
    expect(all.map((i) => i.url).some((u) => /garbled|nul\.html|javascript|^data:/.test(u))).toBe(false);
  });

  it('stores titles, bodies and authors as bounded plain text', async () => {
    // The API has no author field: it is provenance only, read from the database.
    const authorOf = (id: number) =>
      (server.runtime.db.prepare('SELECT author FROM items WHERE id = ?').get(id) as { author: string | null }).author;
    const item = async (k: string) => {
      const it = await api<FullItem>(`/api/items/${idOf(k)}`);
      return { ...it, author: authorOf(it.id) };
    };
    // Markup is gone, not escaped: script/style/svg contents are not text either.
    for (const k of ['葡萄', '西瓜', '菠萝', '榴莲', '芒果', '樱桃', '柠檬', '椰子', '荔枝']) {
      const it = await item(k);
      for (const field of [it.title, it.body, it.author ?? '']) {
        expect(field, `${k}`).not.toMatch(/<|>|alert\(1\)\s*<|__pwned|display:none|onerror/);
      }
    }
    expect((await item('葡萄')).title).toBe('葡萄园通报');
    expect((await item('葡萄')).author).toBe('张三');
    expect((await item('菠萝')).title).toBe('菠萝新闻');
    expect((await item('榴莲')).title).toBe('榴莲覆盖');
    expect((await item('菠萝')).author).toBe('王五');
    // Bidi embeddings, overrides and isolates are dropped (they reorder the text around them);
    // zero-width characters and ZWJ emoji sequences stay.
    const mango = await item('芒果');
    expect(mango.title).toBe('芒果fdp.exe 通知 隔离 右到左 先强 embed \u200F\u200E尾');
    expect(mango.author).toBe('四李');
    for (const f of [mango.title, mango.body, mango.author ?? '']) expect(f).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(mango.body).toContain('\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}');
    // Text that only looked like markup (decoded entities) is kept, as text.
    const olive = await item('橄榄');
    expect(olive.title).toContain('<script>');
    expect(olive.body).toContain('<svg onload=alert(1)>');
    expect(olive.body).toContain('&lt;script&gt;');
    // Bounded to the ingest contract.
    const huge = await item('樱桃');
    expect(huge.body.length).toBe(MAX_BODY_CHARS);
    expect(huge.body.length).toBeLessThan(HUGE_LINE_CHARS);
    const long = await item('柠檬');
    expect(long.title.length).toBe(MAX_TITLE_CHARS);
    expect((long.author ?? '').length).toBeLessThanOrEqual(200);
    // Malformed UTF-8 became U+FFFD; the rest of the page is intact.
    const coconut = await item('椰子');
    expect(coconut.title).toMatch(/^椰子\uFFFD新闻\uFFFD+$/);
    expect(coconut.body).toContain('\uFFFD');
    expect(coconut.body).toContain('椰子汁很好喝');
    // GBK bytes declaring UTF-8 were read as GBK.
    const lychee = await item('荔枝');
    expect(lychee.title).toBe('荔枝上市通知');
    expect(lychee.body).not.toContain('\uFFFD');
    // The hit markers of search highlighting never survive ingest.
    for (const k of ['石榴', '杨梅']) {
      const it = await item(k);
      expect(it.title + it.body).not.toMatch(/[\u0001\u0002]/);
    }
  });

  it('returns search highlights whose hits are only the keyword', async () => {
    for (const k of ['石榴', '杨梅', '橄榄', '葡萄']) {
      const { items } = await api<{ items: ItemSummary[] }>(`/api/items?source=hostile&q=${encodeURIComponent(k)}`);
      const it = items.find((i) => i.id === idOf(k))!;
      expect(it.highlight, k).not.toBeNull();
      const hits = it.highlight!.filter((s) => s.hit).map((s) => s.text);
      expect(hits.length, k).toBeGreaterThan(0);
      for (const h of hits) expect(h, k).toBe(k);
      // Joined back, the segments are the stored text: nothing spliced in or lost.
      const joined = it.highlight!.map((s) => s.text).join('');
      expect(joined).not.toMatch(/[\u0001\u0002]/);
    }
    // The title-only keyword: the highlighted title is the view, with the decoded markup as text.
    const { items } = await api<{ items: ItemSummary[] }>(`/api/items?source=hostile&q=${encodeURIComponent('杨梅')}`);
    const bayberry = items.find((i) => i.id === idOf('杨梅'))!;
    expect(bayberry.highlight!.map((s) => s.text).join('')).toContain('<mark>杨梅</mark><script>');
  });

  it('has checks that do fail when markup is injected or a dialog is called (self-test)', async () => {
    const page = await newPage();
    try {
      await page.goto(`${server.url}/search`);
      await page.getByTestId('search-input').first().waitFor({ timeout: 20_000 });
      // What a v-html of crawled text would do (the CSP stops the handler; the DOM check does not need it to run).
      await page.evaluate(() => {
        document.querySelector('#app')!.insertAdjacentHTML(
          'beforeend',
          '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a><div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999;background:red"></div>',
        );
        window.alert('direct');
        (window as unknown as { __pwned: number }).__pwned = 1;
      });
      const dom = await domFindings(page);
      expect(dom).toEqual(
        expect.arrayContaining(['alert(direct)', 'window.__pwned=1', '<img onerror>', '<a href="javascript:alert(1)">', 'img[src="x"]: <img src="x" onerror="alert(1)">']),
      );
      expect((await layoutFindings(page)).join('\n')).toMatch(/nav\.sidenav covered/);
    } finally {
      incidents.splice(0);
      await page.close();
    }
  });

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    it(`shows overview, search, items, review, trends, topics and the big screen without running anything (${viewport.width}px)`, async () => {
      const page = await newPage(viewport);
      try {
        await page.goto(`${server.url}/`);
        await page.getByTestId('stat-items').filter({ hasText: /[1-9]/ }).waitFor({ timeout: 20_000 });
        await check(page, 'overview');

        for (const k of ['石榴', '杨梅', '橄榄', '芒果', '柠檬', '樱桃', '榴莲']) {
          await page.goto(`${server.url}/search?q=${encodeURIComponent(k)}&source=hostile`);
          await page.getByTestId('result-row').first().waitFor({ timeout: 20_000 });
          await page.waitForFunction(() => !document.querySelector('.results.dim'));
          const marks = await page.locator('[data-testid="result-row"] mark').allInnerTexts();
          expect(marks.length, k).toBeGreaterThan(0);
          for (const m of marks) expect(m).toBe(k);
          await check(page, `search-${k}`);
        }
        // The decoded markup is on screen as characters.
        await page.goto(`${server.url}/search?q=${encodeURIComponent('杨梅')}&source=hostile`);
        await page.getByTestId('result-row').first().waitFor({ timeout: 20_000 });
        expect(await page.getByTestId('result-row').first().innerText()).toContain('<mark>杨梅</mark><script>alert(1)</script>');
        await page.goto(`${server.url}/search?source=hostile`);
        await page.getByTestId('result-row').first().waitFor({ timeout: 20_000 });
        await check(page, 'search-all');

        for (const p of KEPT) {
          await page.goto(`${server.url}/items/${ids.get(p.path)}`);
          await page.getByTestId('item-detail').waitFor({ timeout: 20_000 });
          await check(page, `item-${p.path.replace(/^.*\/|\.html$/g, '')}`);
        }
        await page.goto(`${server.url}/items/${idOf('橄榄')}`);
        await page.getByTestId('item-body').waitFor();
        expect(await page.getByTestId('item-body').innerText()).toContain('<script>alert(1)</script>');

        await page.goto(`${server.url}/review?source=hostile`);
        await page.getByTestId('review-row').first().waitFor({ timeout: 20_000 });
        await check(page, 'review', { fullPage: true });

        // Hot words are counted from the crawled text: the payloads' words are there, as words.
        await page.goto(`${server.url}/trends`);
        await page.getByTestId('word-cloud').waitFor({ timeout: 20_000 });
        expect(await page.getByTestId('cloud-word').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('alert')]));
        await page.getByTestId('event-row').first().waitFor({ timeout: 20_000 });
        expect(await page.getByTestId('event-row').first().innerText()).toContain('<b id=pwn>枇杷</b><img src=x onerror=alert(1)>事件');
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(1_000);
        await check(page, 'trends', { fullPage: true });

        await page.goto(`${server.url}/topics`);
        await page.waitForLoadState('networkidle');
        await check(page, 'topics');

        await page.goto(`${server.url}/screen`);
        await page.getByTestId('screen').waitFor({ timeout: 20_000 });
        await page.waitForLoadState('networkidle');
        // The hot event's bar: its tooltip (HTML drawn by ECharts) shows the crawled title as text.
        const bars = page.locator('.a-events canvas').first();
        await bars.waitFor({ timeout: 20_000 });
        await page.waitForTimeout(1_000);
        const box = (await bars.boundingBox())!;
        await bars.scrollIntoViewIfNeeded();
        for (const fx of [0.3, 0.5, 0.7]) {
          await page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.5);
          await page.waitForTimeout(300);
        }
        const tooltip = await page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>('.a-events div'))
            .filter((d) => d.style.position === 'absolute' && d.style.display !== 'none' && d.innerText.trim() !== '')
            .map((d) => d.innerText)
            .join('|'),
        );
        // The axis label is the title cut to 9 characters; what matters is that it is text.
        if (viewport.width >= 1000) expect(tooltip).toContain('<b id=pw');
        await page.waitForTimeout(1_000);
        await check(page, 'screen', { chrome: false, fullPage: true });
      } finally {
        await page.close();
      }
    });
  }
});
