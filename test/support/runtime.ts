import pino from 'pino';
import { loadConfig } from '../../server/config';
import type { SourceConfig } from '../../server/contracts/source';
import { normaliseText } from '../../server/nlp/normalise';
import { startRuntime } from '../../server/runtime';
import type { RunCrawl } from '../../server/services/crawl-service';
import { createTagger } from '../../server/tagging/tagger';
import { tempDir } from './meili';
import { asNamedActors, signIn } from './authed-app';

/** The same runtime main.ts starts, against a given Meilisearch, in a fresh data dir, crawls driven by the test. */
export async function startTestRuntime(opts: {
  meili: { url: string; masterKey: string };
  sources: SourceConfig[];
  runCrawl?: RunCrawl;
  dataDir?: string;
  webRoot?: string | null;
  /** The server's learning tagger (model under DATA_DIR, taught by verdicts) instead of the plain lexicon. */
  learning?: boolean;
  /** Weekly and monthly reports made by themselves at start (off: the test calls reports.schedule()). */
  reportSchedule?: boolean;
}) {
  const dataDir = opts.dataDir ?? tempDir('runtime');
  const config = loadConfig({
    DATA_DIR: dataDir,
    MEILI_URL: opts.meili.url,
    MEILI_MASTER_KEY: opts.meili.masterKey,
    CRAWL: 'off',
    REPORT_SCHEDULE: opts.reportSchedule ? 'on' : 'off',
    LOG_LEVEL: 'silent',
  });
  const runtime = await startRuntime(
    config,
    {
      sources: opts.sources,
      runCrawl: opts.runCrawl ?? (async () => undefined),
      ...(opts.learning ? {} : { tagger: createTagger() }),
      normalise: normaliseText,
    },
    pino({ level: 'silent' }),
    opts.webRoot ?? null,
  );
  // Requests through runtime.app act as a signed-in admin (the HTTP server, runtime.app.fetch, does not:
  // a browser signs in itself).
  const admin = signIn(runtime.db, runtime.services.auth, 'admin');
  const rawApp = runtime.app;
  const app = Object.assign(asNamedActors(rawApp, runtime.db, runtime.services.auth, admin.headers), { fetch: rawApp.fetch.bind(rawApp) });
  (runtime as { app: unknown }).app = app;
  return { runtime, dataDir, admin, rawApp };
}
