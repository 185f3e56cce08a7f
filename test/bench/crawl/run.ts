import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChildArgs, ChildResult } from './child-meter';
import { startBenchSite, type BenchSite, type BenchSiteStats } from './site';

/**
 * npm run bench:crawl -- [--pages 5000] [--concurrency 8] [--long 50000] [--rounds 1] [--only ours,crawlee|none]
 *                         [--latency-ms 0] [--seed 20240630] [--per-list 50] [--timeout-s 1800] [--child-flags="--trace-gc …"]
 *
 * The site runs here, in the parent; each crawler runs in its own child process so its peak RSS
 * is its own. Crawlers run one after the other against the same site, never at the same time.
 * Our child runs with the Node flags of `npm run crawler` (see productFlags).
 * A benchmark, not a test: it prints figures and asserts nothing about time.
 */
const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '8' },
    long: { type: 'string', default: '0' },
    rounds: { type: 'string', default: '1' },
    only: { type: 'string', default: 'ours,crawlee' },
    seed: { type: 'string', default: '20240630' },
    'per-list': { type: 'string', default: '50' },
    'latency-ms': { type: 'string', default: '0' },
    'timeout-s': { type: 'string', default: '1800' },
    // Extra Node/V8 flags for the crawler children only (experiments: --trace-gc, other heap sizes).
    'child-flags': { type: 'string', default: '' },
  },
});

function int(name: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer ≥ ${min} (got ${raw})`);
    process.exit(1);
  }
  return n;
}

const pages = int('pages', values.pages, 1);
const concurrency = int('concurrency', values.concurrency, 1);
const longPages = int('long', values.long, 0);
const rounds = int('rounds', values.rounds, 1);
const seed = int('seed', values.seed, 0);
const perList = int('per-list', values['per-list'], 1);
const latencyMs = int('latency-ms', values['latency-ms'], 0);
const childFlags = (values['child-flags'] ?? '').split(/\s+/).filter(Boolean);
/**
 * Our crawler runs with the Node/V8 flags of `npm run crawler` (package.json), as in production:
 * the options between `node` and `--import`. Crawlee runs with Node's defaults, as its users would.
 */
function productFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts?: Record<string, string> };
  const words = (pkg.scripts?.crawler ?? '').split(/\s+/);
  if (words[0] !== 'node') return [];
  const end = words.indexOf('--import');
  return words.slice(1, end < 0 ? undefined : end).filter((w) => w.startsWith('--'));
}
const oursFlags = productFlags();
const timeoutMs = int('timeout-s', values['timeout-s'], 1) * 1000;
// "--only none" skips the comparison (with --long: the long run alone).
const crawlers = (values.only ?? '').split(',').map((s) => s.trim()).filter((s) => s && s !== 'none');
for (const c of crawlers) {
  if (c !== 'ours' && c !== 'crawlee') {
    console.error(`--only takes ours and/or crawlee, or none (got ${c})`);
    process.exit(1);
  }
}

const CHILD = { ours: fileURLToPath(new URL('./ours.ts', import.meta.url)), crawlee: fileURLToPath(new URL('./crawlee.ts', import.meta.url)) };

// Crawlee may touch ./storage even with persistence off; keep it out of the repository.
const storageDir = mkdtempSync(join(os.tmpdir(), 'bench-crawl-'));

interface RunRecord {
  result: ChildResult;
  site: BenchSiteStats;
  siteCpuSeconds: number;
  wallSeconds: number;
  /** CPU seconds the whole machine spent on anything but this site and this crawler (null off Linux). */
  otherCpuSeconds: number | null;
}

/** Busy CPU seconds of the whole machine so far, from /proc/stat (USER_HZ = 100). */
function machineBusySeconds(): number | null {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return null;
  }
}

/** Forks one crawler child (it inherits tsx through execArgv) and waits for its result. */
function runChild(name: 'ours' | 'crawlee', site: BenchSite, checkpointEvery: number): Promise<RunRecord> {
  const args: ChildArgs = { startUrl: site.startUrl, pages: site.pages, listPages: site.listPages, concurrency, checkpointEvery };
  site.resetStats();
  const cpu0 = process.cpuUsage();
  const busy0 = machineBusySeconds();
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = fork(CHILD[name], [JSON.stringify(args)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [...process.execArgv, ...(name === 'ours' ? oursFlags : []), ...childFlags],
      env: { ...process.env, CRAWLEE_STORAGE_DIR: join(storageDir, name), CRAWLEE_PERSIST_STORAGE: 'false' },
    });
    let result: ChildResult | null = null;
    const timer = setTimeout(() => {
      console.error(`${name}: no result after ${timeoutMs / 1000} s, stopping it`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (msg) => (result = msg as ChildResult));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const cpu = process.cpuUsage(cpu0);
      const siteCpuSeconds = (cpu.user + cpu.system) / 1e6;
      const busy1 = machineBusySeconds();
      if (!result) {
        reject(new Error(`${name} exited (${signal ?? code}) without a result`));
        return;
      }
      const otherCpuSeconds = busy0 === null || busy1 === null ? null : Math.max(0, busy1 - busy0 - siteCpuSeconds - result.lifetimeCpuSeconds);
      resolve({ result, site: { ...site.stats }, siteCpuSeconds, wallSeconds: (performance.now() - t0) / 1000, otherCpuSeconds });
    });
  });
}

const f = (n: number, digits = 1) => n.toFixed(digits);

function printComparison(records: RunRecord[]): void {
  console.log(
    '\n| crawler | round | pages | seconds | pages/s | peak RSS MiB | RSS at start MiB | decoded wrongly | failed | crawler CPU s | site CPU s | other processes CPU s | connections |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  records.forEach((r, i) => {
    const x = r.result;
    console.log(
      `| ${x.crawler} | ${Math.floor(i / crawlers.length) + 1} | ${x.pages} | ${f(x.seconds, 2)} | ${f(x.pages / x.seconds)} | ${f(x.peakRssMiB, 0)} | ${f(x.startRssMiB, 0)} | ${x.wrong} | ${x.failed} | ${f(x.cpuSeconds)} | ${f(r.siteCpuSeconds)} | ${r.otherCpuSeconds === null ? 'n/a' : f(r.otherCpuSeconds)} | ${r.site.connections} |`,
    );
  });
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  };
  const summary = new Map<string, { rate: number; peak: number; maxPeak: number; wrong: number }>();
  for (const name of crawlers) {
    const mine = records.filter((r) => r.result.crawler === name).map((r) => r.result);
    if (mine.length === 0) continue;
    summary.set(name, {
      rate: median(mine.map((x) => x.pages / x.seconds)),
      peak: median(mine.map((x) => x.peakRssMiB)),
      maxPeak: Math.max(...mine.map((x) => x.peakRssMiB)),
      wrong: Math.max(...mine.map((x) => x.wrong)),
    });
  }
  console.log(`\nMedian over ${rounds} round(s):\n\n| crawler | pages/s | peak RSS MiB (median) | peak RSS MiB (worst) | decoded wrongly |\n|---|---|---|---|---|`);
  for (const [name, m] of summary) console.log(`| ${name} | ${f(m.rate)} | ${f(m.peak, 0)} | ${f(m.maxPeak, 0)} | ${m.wrong} |`);
  const ours = summary.get('ours');
  const theirs = summary.get('crawlee');
  if (ours && theirs) {
    console.log(
      `\nours / Crawlee: ${f(ours.rate / theirs.rate, 2)}× the pages/s (target ≥ 2×), ${f(ours.peak / theirs.peak, 2)}× the peak RSS (target ≤ 0.33×; worst rounds ${f(ours.maxPeak / theirs.maxPeak, 2)}×)`,
    );
  }
  for (const r of records) {
    const x = r.result;
    const s = r.site;
    console.log(
      `\n${x.crawler}: ${x.distinct}/${pages} distinct articles; site served ${s.articleRequests} articles (${s.articleRepeats} repeats; utf-8 ${s.served['utf-8']}, gbk+header ${s.served['gbk-header']}, gbk meta-only ${s.served['gbk-meta']}), ${s.listRequests} list pages, ${(s.bytes / 1024 / 1024).toFixed(0)} MiB; child wall ${f(r.wallSeconds)} s incl. start-up`,
    );
    for (const n of x.notes) console.log(`  ${n}`);
  }
}

function printLong(record: RunRecord): void {
  const x = record.result;
  const other = record.otherCpuSeconds === null ? '' : `; other processes used ${f(record.otherCpuSeconds)} CPU s meanwhile`;
  console.log(
    `\nLong run, ours over ${longPages} pages: ${x.pages} delivered, ${x.wrong} decoded wrongly, ${x.failed} failed, ${f(x.seconds)} s, ${f(x.pages / x.seconds)} pages/s, peak RSS ${f(x.peakRssMiB, 0)} MiB${other}`,
  );
  console.log('\n| pages done | seconds | RSS MiB | V8 heap used MiB | V8 heap reserved MiB | external MiB |');
  console.log('|---|---|---|---|---|---|');
  for (const c of x.checkpoints) {
    console.log(`| ${c.pages} | ${f(c.seconds)} | ${f(c.rssMiB, 0)} | ${f(c.heapUsedMiB, 0)} | ${f(c.heapTotalMiB, 0)} | ${f(c.externalMiB, 0)} |`);
  }
  for (const n of x.notes) console.log(`  ${n}`);
}

console.log(
  `bench:crawl — pages ${pages}, concurrency ${concurrency}, ${perList} links per list page, seed ${seed}, latency ${latencyMs} ms${longPages ? `, long ${longPages}` : ''}`,
);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

/** Which crawler code was measured: the commit, and whether crawler/ had uncommitted edits (read-only git). */
function codeVersion(): string {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'crawler', 'server/contracts').split('\n').filter(Boolean).length;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ` + ${dirty} uncommitted file(s) in crawler/ or server/contracts/` : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}
console.log(`crawler code: ${codeVersion()}`);
console.log(`ours runs with the flags of npm run crawler: ${oursFlags.join(' ') || '(none)'}${childFlags.length ? `; both children also get ${childFlags.join(' ')}` : ''}`);

try {
  if (crawlers.length > 0) {
    const site = await startBenchSite({ pages, seed, perList, latencyMs });
    const records: RunRecord[] = [];
    try {
      for (let round = 0; round < rounds; round++) {
        for (const name of crawlers as ('ours' | 'crawlee')[]) {
          console.log(`running ${name} (round ${round + 1}/${rounds}) …`);
          records.push(await runChild(name, site, Math.max(1, Math.ceil(pages / 5))));
        }
      }
    } finally {
      await site.close();
    }
    printComparison(records);
  }
  if (longPages > 0) {
    const site = await startBenchSite({ pages: longPages, seed, perList, latencyMs });
    try {
      console.log(`\nrunning ours over ${longPages} pages …`);
      printLong(await runChild('ours', site, Math.max(1, Math.ceil(longPages / 20))));
    } finally {
      await site.close();
    }
  }
  console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  rmSync(storageDir, { recursive: true, force: true });
}
