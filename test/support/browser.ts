import fs from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import { tempDir } from './temp-dirs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether e2e tests can run. Missing Chromium is said loudly; with REQUIRE_E2E=1 it is a failure,
 * so CI can never pass by silently skipping the browser tests.
 */
export function e2eAvailability(): { run: boolean; reason: string } {
  if (fs.existsSync(CHROMIUM_PATH)) return { run: true, reason: '' };
  const reason = `No Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH): END-TO-END TESTS ARE SKIPPED.`;
  if (process.env.REQUIRE_E2E === '1') throw new Error(`REQUIRE_E2E=1 but ${reason}`);
  process.stderr.write(`\n\u001b[41m\u001b[97m ${reason} \u001b[0m\n\n`);
  return { run: false, reason };
}

/** Headless Chromium with a fresh profile (Playwright passes it as --user-data-dir). */
export async function launchChromium(opts: { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const userDataDir = tempDir('chromium-profile');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: opts.viewport ?? { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Records what must never happen on a page (an uncaught error, any alert/confirm dialog) into `errors`. */
export function watchPage(page: import('playwright-core').Page, errors: string[]): import('playwright-core').Page {
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
  return page;
}
