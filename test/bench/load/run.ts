/**
 * Load on loopback: C concurrent dashboard users (autocannon, C connections, signed-in sessions of
 * several roles) for S seconds over a weighted mix of what the dashboard loads — overview, item
 * pages, Meilisearch queries, trends, topics, alerts, review queue, ledger totals, reports, auth/me —
 * while a separate driver posts batches to /api/ingest/items with a bearer token at R items/s.
 *
 *   npx tsx test/bench/load/run.ts [--seconds 60] [--connections 200] [--ingest-rate 500] [--items 200000] [--data DIR]
 *
 * --data reuses a data dir prepared by an earlier run (database generated and indexed: a few minutes
 * for 200k items); items ingested by earlier runs stay in it.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLoad, type Session } from './load';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '200' },
    'ingest-rate': { type: 'string', default: '500' },
    items: { type: 'string', default: '200000' },
    data: { type: 'string' },
    // Requests per second per user (connection); 0: back to back (saturation).
    rate: { type: 'string', default: '0' },
    // Live-event streams held open (one per user by default).
    streams: { type: 'string' },
  },
});
const HERE = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const dataDir = values.data ?? fs.mkdtempSync(path.join(os.tmpdir(), 'load-bench-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const token = crypto.randomBytes(24).toString('hex');
  const t0 = performance.now();
  // LOAD_SERVER_CPU_PROF=DIR: the server writes a V8 CPU profile there when it stops.
  const profile = process.env.LOAD_SERVER_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.LOAD_SERVER_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(HERE, 'serve.ts'), dataDir, String(port), values.items!, token], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env },
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const ready = JSON.parse(line) as { sessions: Session[]; items: number; indexed: number };
    process.stdout.write(
      `server ready in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${ready.items.toLocaleString()} items, ${ready.indexed.toLocaleString()} indexed, ${ready.sessions.length} sessions (${[...new Set(ready.sessions.map((s) => s.role))].join(', ')}), data ${dataDir}\n`,
    );
    const r = await runLoad({
      baseUrl: `http://127.0.0.1:${port}`,
      sessions: ready.sessions,
      connections: Number(values.connections),
      seconds: Number(values.seconds),
      ingestRate: Number(values['ingest-rate']),
      ingestToken: token,
      sourceId: 'load',
      ratePerConnection: Number(values.rate),
      eventStreams: Number(values.streams ?? values.connections),
    });
    const ms = (v: number) => v.toFixed(1);
    const pace = Number(values.rate) > 0 ? `each at most ${values.rate} request/s` : 'back to back';
    process.stdout.write(`\n${values.connections} connections (${pace}), ${values.seconds} s, ingest target ${values['ingest-rate']} items/s; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
    process.stdout.write(`live-event streams: ${r.events.opened} open (${r.events.failed} refused), ${r.events.events.toLocaleString()} events received (${r.events.itemsEvents.toLocaleString()} 'items')\n`);
    process.stdout.write(`one request alone before the load (ms): ${JSON.stringify(r.alone)}\n`);
    if (r.refused.length) process.stdout.write(`not in a role's mix (403 by design): ${r.refused.join('; ')}\n`);
    process.stdout.write('\n| traffic | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | non-2xx |\n|---|---|---|---|---|---|---|---|---|\n');
    process.stdout.write(
      `| dashboard mix | ${r.http.total} | ${Math.round(r.http.rps)} | ${ms(r.http.p50)} | ${ms(r.http.p95)} | ${ms(r.http.p99)} | ${ms(r.http.max)} | ${r.http.errors + r.http.timeouts} | ${r.http.non2xx} |\n`,
    );
    process.stdout.write(
      `| ingest batches (${Math.round(r.ingest.target / 10)} items) | ${r.ingest.n} | ${(r.ingest.n / Number(values.seconds)).toFixed(1)} | ${ms(r.ingest.p50)} | ${ms(r.ingest.p95)} | ${ms(r.ingest.p99)} | ${ms(r.ingest.max)} | ${r.ingest.failed} | ${Object.entries(r.ingest.statuses).filter(([s]) => s !== '200').reduce((a, [, c]) => a + c, 0)} |\n`,
    );
    process.stdout.write(
      `\ningest: ${r.ingest.acked.toLocaleString()} of ${r.ingest.sent.toLocaleString()} items stored, ${r.ingest.achieved.toFixed(0)} items/s achieved (target ${r.ingest.target}); ${r.ingest.skippedTicks} ticks skipped (4 batches already in flight)\n`,
    );
    process.stdout.write('\n| endpoint | requests | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n');
    for (const e of r.endpoints) process.stdout.write(`| ${e.name} | ${e.n} | ${ms(e.p50)} | ${ms(e.p95)} | ${ms(e.p99)} | ${ms(e.max)} |\n`);
    process.stdout.write(`statuses: ${JSON.stringify(r.http.statuses)}; autocannon's own histogram (first group of connections): p50 ${r.http.autocannon.p50} ms, p99 ${r.http.autocannon.p99} ms\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

await main();
