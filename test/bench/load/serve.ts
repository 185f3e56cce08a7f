/**
 * The server for the load benchmark, in its own process so the load generator does not share its
 * event loop: the very runtime `npm start` runs (bundled Meilisearch under the data dir, learning
 * tagger, search outbox, alert evaluation), crawling off. A fresh data dir is first filled with N
 * synthetic items (test/bench/aggregates/generate.ts) and every one is indexed in Meilisearch, so
 * search queries hit a real index.
 *   npx tsx test/bench/load/serve.ts <data dir> <port> <items> <ingest token>
 * Prints one JSON line when ready: { sessions: [{ role, headers }], items, indexed }.
 */
import { serve } from '@hono/node-server';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { loadConfig } from '../../../server/config';
import { openDatabase } from '../../../server/db/open-database';
import { normaliseText } from '../../../server/nlp/normalise';
import { toSearchDoc } from '../../../server/repositories/search-index';
import { startRuntime } from '../../../server/runtime';
import type { Role } from '../../../server/contracts/auth';
import { signIn } from '../../support/authed-app';
import { rssSource } from '../../support/factories';
import { generate } from '../aggregates/generate';

const [dataDir, port, items, token] = process.argv.slice(2);
const log = pino({ level: 'warn' }, pino.destination(2));
const dbFile = path.join(dataDir!, 'app.db');

if (!fs.existsSync(dbFile)) {
  const t = performance.now();
  const db = openDatabase(dbFile);
  // Hour-aligned now: the newest day of the synthetic year is today, as on a live dashboard.
  generate(db, Number(items), Math.floor(Date.now() / 3_600_000) * 3_600_000);
  db.close();
  log.warn({ items: Number(items), s: Math.round((performance.now() - t) / 1000) }, 'generated the benchmark database');
}

const config = loadConfig({
  DATA_DIR: dataDir,
  PORT: port,
  CRAWL: 'off',
  REPORT_SCHEDULE: 'off',
  LOG_LEVEL: 'warn',
  INGEST_TOKEN: token,
  // The server's own default unless the run asks for another (STALE_MS=… npx tsx test/bench/load/run.ts).
  ...(process.env.STALE_MS ? { STALE_MS: process.env.STALE_MS } : {}),
});
const runtime = await startRuntime(
  config,
  { sources: [rssSource('load', { name: '压测来源' })], runCrawl: async () => undefined, normalise: normaliseText },
  log,
  null,
);

// Items written straight into SQLite by the generator are not in the index yet: index them once
// (large batches; a reused data dir skips this).
const total = runtime.itemsRepo.countItems();
let indexed = await runtime.search.index.documentCount();
if (indexed < total) {
  const t = performance.now();
  let batch: number[] = [];
  const flush = async () => {
    const docs = runtime.itemsRepo.getItemsByIds(batch).map((it) => toSearchDoc(it, normaliseText));
    await runtime.search.index.upsert(docs, 1_800_000);
    batch = [];
  };
  for (const ids of runtime.itemsRepo.iterateIds(5_000)) {
    batch.push(...ids);
    if (batch.length >= 20_000) await flush();
  }
  if (batch.length) await flush();
  indexed = await runtime.search.index.documentCount();
  log.warn({ indexed, s: Math.round((performance.now() - t) / 1000) }, 'indexed the benchmark database');
}

// The trend rollup of a freshly generated year is built by the first request that needs it; build it
// before the clock starts (what a server pays once after a bulk import), as the aggregates bench does.
runtime.services.trends.volume({ interval: 'day', by: 'all' });

// The people using the dashboard at once: several of each role, each with a session of their own.
const roles: [Role, number][] = [['leader', 8], ['analyst', 8], ['editor', 6], ['admin', 2]];
const sessions = roles.flatMap(([role, count]) =>
  Array.from({ length: count }, (_, i) => ({ role, headers: signIn(runtime.db, runtime.services.auth, role, { username: `load-${role}-${i}` }).headers })),
);

const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: '127.0.0.1' }, () => {
  process.stdout.write(`${JSON.stringify({ ready: true, sessions, items: total, indexed })}\n`);
});

// How long the event loop was blocked: the server's own share of the latencies the driver measures.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const stop = async () => {
  loopDelay.disable();
  const ms = (ns: number) => Math.round(ns / 1e6);
  process.stderr.write(
    `server event-loop delay: p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))} ms, max ${ms(loopDelay.max)} ms\n`,
  );
  server.close();
  await runtime.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
