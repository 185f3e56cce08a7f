/**
 * The API over a benchmark database, in its own process so the load generator does not share its
 * event loop: wired exactly as the server wires it (no search engine: aggregates never use it).
 *   npx tsx test/bench/aggregates/serve.ts <db file> <port> <now, ms>
 * The clock is the generator's: windows counted back from now (hot words, events) must fall on the data.
 */
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from '../../../server/app';
import { signIn } from '../../support/authed-app';
import { openDatabase } from '../../../server/db/open-database';
import { normaliseText } from '../../../server/nlp/normalise';
import { createClaimMatcher } from '../../../server/services/claim-matcher';
import { createEventBus } from '../../../server/services/event-bus';
import { serviceDeps, wireServices } from '../../../server/wire-services';

const [file, port, nowMs] = process.argv.slice(2);
const db = openDatabase(file!);
const events = createEventBus();
const services = wireServices({
  db,
  reportsDir: `${file}.reports`,
  sources: [],
  tagger: { tag: () => ({ tags: [], score: 0, reasons: [] }) },
  matcher: createClaimMatcher(),
  normalise: normaliseText,
  index: null,
  runCrawl: async () => undefined,
  events,
  now: () => new Date(Number(nowMs)),
});
// The first request would recompute every hour of the year from items; do it before the clock
// starts, and time it (it is what a server pays once after a bulk import or this migration).
const hours = db.prepare('SELECT count(*) FROM trend_dirty').pluck().get() as number;
const started = performance.now();
services.trends.volume({ interval: 'day', by: 'all' });
const refreshMs = Math.round(performance.now() - started);
services.topics.load();
const app = createApp({
  ...serviceDeps(services),
  crawl: null,
  events,
  cookies: { mode: 'never', trustProxy: false },
  webRoot: null,
  log: pino({ level: 'silent' }),
  health: { version: 'bench', database: () => true, search: async () => false, outboxPending: () => 0 },
});
// The dashboard's readers are signed in: a leader's session (read-only), sent by every request.
const { headers } = signIn(db, services.auth, 'leader', { username: 'bench-leader' });
serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, () => {
  process.stdout.write(`${JSON.stringify({ ready: true, refreshMs, hours, headers })}\n`);
});

