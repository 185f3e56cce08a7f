import { serve } from '@hono/node-server';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crawlSource } from '../../crawler/crawl-source';
import { createFetcher } from '../../crawler/fetch/fetcher';
import { demoSources, startDemoSite } from '../../crawler/demo/demo-site';
import type { Runtime } from '../../server/runtime';
import type { SourceConfig } from '../../server/contracts/source';
import type { Role } from '../../server/contracts/auth';
import type { BrowserContext } from 'playwright-core';
import { signIn, TEST_PASSWORD } from './authed-app';
import { buildWeb, webBuildIsStale } from '../../server/web-build';
import { startTestMeili } from './meili';
import { startTestRuntime } from './runtime';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The whole product on loopback: demo site, real Meilisearch, runtime, built dashboard, HTTP server. */
export async function startE2eServer(opts: { extraSources?: SourceConfig[] } = {}) {
  if (webBuildIsStale(ROOT)) await buildWeb(ROOT);
  const webRoot = path.join(ROOT, 'dist/web');
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) throw new Error('dashboard build missing');
  const demo = await startDemoSite({ host: '127.0.0.1' });
  const meili = await startTestMeili();
  const sources = [...demoSources(demo.url), ...(opts.extraSources ?? [])];
  const fetcher = createFetcher({ retryBaseMs: 10 });
  const { runtime, admin } = await startTestRuntime({
    meili,
    sources,
    webRoot,
    runCrawl: (source, sink) => crawlSource(source, sink, { fetcher }),
  });
  const server = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** An account of the role (created once, password TEST_PASSWORD); the display name is what the server records as actor. */
  function account(role: Role, opts: { username?: string; displayName?: string; unitId?: number | null } = {}) {
    const username = opts.username ?? `e2e-${role}`;
    signIn(runtime.db, runtime.services.auth, role, { ...opts, username });
    return { username, password: TEST_PASSWORD };
  }

  return {
    url,
    runtime: runtime as Runtime,
    sources,
    /** Session cookie and CSRF token of a signed-in admin, for the tests' own API calls. */
    adminHeaders: admin.headers as Record<string, string>,
    /** The password every test account has. */
    password: TEST_PASSWORD,
    account,
    /**
     * Signs the browser context in as a person of the role, through POST /api/auth/login on the
     * context's own request client (so the HttpOnly session cookie lands in the context).
     */
    async signInBrowser(context: BrowserContext, role: Role = 'admin', opts: { username?: string; displayName?: string; unitId?: number | null } = {}) {
      const { username, password } = account(role, opts);
      const res = await context.request.post(`${url}/api/auth/login`, { data: { username, password } });
      if (!res.ok()) throw new Error(`sign-in as ${username} failed: ${res.status()} ${await res.text()}`);
      return username;
    },
    async signOutBrowser(context: BrowserContext) {
      await context.clearCookies();
    },
    async crawlOne(id: string) {
      const { done } = await runtime.crawl.crawlNow(id);
      await done;
      await runtime.sync.flush(60_000);
    },
    async crawlAll() {
      for (const s of sources) {
        const { done } = await runtime.crawl.crawlNow(s.id);
        await done;
      }
      await runtime.sync.flush(60_000);
    },
    async close() {
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      await meili.stop();
      await demo.close();
    },
  };
}
