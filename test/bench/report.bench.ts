/**
 * Work-summary report for a year of data (365 days × 30 units × 15 categories = 164,250 ledger
 * entries, plus a year of monitored items, rumours and rebuttals): seconds and peak memory of
 * generating the whole-district report (figures, 4 server-drawn charts, DOCX and print view), as the
 * server does it (warm process) and as `npm run report` does it (a fresh process, start-up included),
 * side by side on the same database. Target: ≤ 5 s.
 *
 *   npx tsx test/bench/report.bench.ts [--items 200000] [--rounds 3]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../server/db/open-database';
import { shanghaiDay } from '../../server/lib/time';
import { createClaimMatcher } from '../../server/services/claim-matcher';
import { createEventBus } from '../../server/services/event-bus';
import { wireServices } from '../../server/wire-services';
import { seedYear } from './report/seed';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DAY_MS = 86_400_000;
const { values } = parseArgs({
  options: { items: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '3' }, child: { type: 'string' } },
});

function services(dir: string) {
  const db = openDatabase(path.join(dir, 'app.db'));
  const s = wireServices({
    db,
    reportsDir: path.join(dir, 'reports'),
    sources: [],
    tagger: { tag: () => ({ tags: [], score: 0, reasons: [] }) },
    matcher: createClaimMatcher(),
    normalise: (t) => t,
    index: null,
    runCrawl: async () => undefined,
    events: createEventBus(),
  });
  return { db, s };
}

/** One generation in this (fresh) process: what the server does when asked, timed from request to file. */
async function child(dir: string, from: string, to: string): Promise<void> {
  const { db, s } = services(dir);
  const rounds = Number(values.rounds);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const r = s.reports.request({ from, to, unitId: null, actor: 'bench' });
    await s.reports.waitIdle();
    times.push(performance.now() - t0);
    const done = s.reports.get(r.id);
    if (done.status !== 'done') throw new Error(done.error ?? 'failed');
    bytes = done.sizeBytes ?? 0;
  }
  db.close();
  process.stdout.write(JSON.stringify({ times, bytes, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

async function main(): Promise<void> {
  if (values.child) {
    const [dir, from, to] = values.child.split(',');
    return child(dir!, from!, to!);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-bench-'));
  const nowMs = Date.now();
  const today = shanghaiDay(nowMs);
  const from = shanghaiDay(Date.parse(`${today}T00:00:00Z`) - 364 * DAY_MS);
  try {
    let t0 = performance.now();
    const { db, s } = services(dir);
    const { entries } = seedYear(db, { items: Number(values.items), nowMs, today });
    s.ledger.setDistrict({ name: '清河区', aliases: ['清河'], actor: 'bench' });
    process.stdout.write(`seeded ${entries.toLocaleString('en')} ledger entries and ${Number(values.items).toLocaleString('en')} items in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    // The server keeps the trend rollup current as items arrive; bring it up to date as it would be.
    t0 = performance.now();
    s.trends.volume({ from, to: today, interval: 'day', by: 'all' });
    process.stdout.write(`trend rollup caught up in ${((performance.now() - t0) / 1000).toFixed(1)} s (not part of the report)\n`);
    db.close();

    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const warm = JSON.parse(
      execFileSync(tsx, [fileURLToPath(import.meta.url), '--child', `${dir},${from},${today}`, '--rounds', values.rounds!], { encoding: 'utf8' }),
    ) as { times: number[]; bytes: number; maxRssMiB: number };
    const cliRuns: { seconds: number; maxRssMiB: number }[] = [];
    for (let i = 0; i < Number(values.rounds); i++) {
      const out = path.join(dir, `cli-${i}.docx`);
      const t1 = performance.now();
      const res = spawnSync('/usr/bin/time', ['-f', '%M', tsx, path.join(ROOT, 'server/cli/report.ts'), '--from', from, '--to', today, '--out', out], {
        env: { ...process.env, DATA_DIR: dir },
        encoding: 'utf8',
      });
      if (res.status !== 0) throw new Error(res.stderr);
      cliRuns.push({ seconds: (performance.now() - t1) / 1000, maxRssMiB: Number(res.stderr.trim().split('\n').pop()) / 1024 });
    }
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' / ');
    process.stdout.write(`\nreport ${from} … ${today}, whole district, ${(warm.bytes / 1024).toFixed(0)} KiB DOCX\n`);
    process.stdout.write('| how | seconds per round | peak RSS |\n|---|---|---|\n');
    process.stdout.write(`| server (request → DOCX and print view written) | ${fmt(warm.times.map((t) => t / 1000))} | ${warm.maxRssMiB.toFixed(0)} MiB |\n`);
    process.stdout.write(`| npm run report (fresh process, start-up included) | ${fmt(cliRuns.map((r) => r.seconds))} | ${Math.max(...cliRuns.map((r) => r.maxRssMiB)).toFixed(0)} MiB |\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
