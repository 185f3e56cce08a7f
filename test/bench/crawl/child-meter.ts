import { readFileSync } from 'node:fs';
import { articleIdFromUrl, isDecodedCorrectly } from './markers';

/** What run.ts hands each crawler child (as JSON in argv[2]). */
export interface ChildArgs {
  startUrl: string;
  /** Articles on the site, i.e. what a complete crawl delivers. */
  pages: number;
  listPages: number;
  concurrency: number;
  /** Record RSS every this many delivered pages (0: only start and end). */
  checkpointEvery: number;
}

export interface Checkpoint {
  pages: number;
  seconds: number;
  rssMiB: number;
  heapUsedMiB: number;
  /** V8 heap reserved, used or not. */
  heapTotalMiB: number;
  /** Memory outside the V8 heap: Buffers and ArrayBuffers (response bodies), mostly. */
  externalMiB: number;
}

/** What a child reports back when its crawl is over. */
export interface ChildResult {
  crawler: string;
  /** Article pages delivered (items for ours, detail pages handled for Crawlee). */
  pages: number;
  /** Distinct articles among them. */
  distinct: number;
  wrong: number;
  failed: number;
  seconds: number;
  cpuSeconds: number;
  /** CPU of the whole child process, imports included (to tell other processes' load apart). */
  lifetimeCpuSeconds: number;
  /** RSS after imports and set-up, before the first request. */
  startRssMiB: number;
  /** VmHWM from /proc/self/status (falls back to the 100 ms samples off Linux). */
  peakRssMiB: number;
  sampledPeakRssMiB: number;
  checkpoints: Checkpoint[];
  notes: string[];
}

const MiB = 1024 * 1024;

export function parseChildArgs(): ChildArgs {
  const raw = process.argv[2];
  if (!raw) throw new Error('usage: run through test/bench/crawl/run.ts (expects JSON args in argv[2])');
  return JSON.parse(raw) as ChildArgs;
}

function highWaterMarkMiB(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m?.[1] ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Counts delivered pages, checks each one's decoding, samples RSS every 100 ms and at page
 * checkpoints. Keeps one byte per article, so it does not itself grow with the crawl.
 */
export function createMeter(crawler: string, args: ChildArgs) {
  const seen = new Uint8Array(args.pages);
  const checkpoints: Checkpoint[] = [];
  const notes: string[] = [];
  let pages = 0;
  let distinct = 0;
  let wrong = 0;
  let failed = 0;
  let sampledPeak = process.memoryUsage().rss;
  let startedAt = 0;
  let startCpu = process.cpuUsage();
  let startRss = 0;
  const timer = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  }, 100);
  timer.unref();

  const checkpoint = () => {
    const mem = process.memoryUsage();
    sampledPeak = Math.max(sampledPeak, mem.rss);
    checkpoints.push({
      pages,
      seconds: (performance.now() - startedAt) / 1000,
      rssMiB: mem.rss / MiB,
      heapUsedMiB: mem.heapUsed / MiB,
      heapTotalMiB: mem.heapTotal / MiB,
      externalMiB: mem.external / MiB,
    });
  };

  return {
    start(): void {
      startRss = process.memoryUsage().rss;
      startCpu = process.cpuUsage();
      startedAt = performance.now();
      checkpoint();
    },
    page(url: string, title: string, body: string): void {
      pages += 1;
      const id = articleIdFromUrl(url);
      if (id === null || id >= args.pages) {
        wrong += 1;
        notes.push(`unexpected page ${url}`);
        return;
      }
      if (!seen[id]) {
        seen[id] = 1;
        distinct += 1;
      }
      if (!isDecodedCorrectly(id, title, body)) {
        wrong += 1;
        if (notes.length < 5) notes.push(`wrongly decoded: ${url} title=${JSON.stringify(title.slice(0, 30))}`);
      }
      if (args.checkpointEvery > 0 && pages % args.checkpointEvery === 0) checkpoint();
    },
    failure(what: string, count = 1): void {
      failed += count;
      if (notes.length < 10) notes.push(`failed: ${what.slice(0, 300)}`);
    },
    note(text: string): void {
      notes.push(text);
    },
    finish(): ChildResult {
      const seconds = (performance.now() - startedAt) / 1000;
      const cpu = process.cpuUsage(startCpu);
      const lifetime = process.cpuUsage();
      if (args.checkpointEvery > 0 && pages % args.checkpointEvery !== 0) checkpoint();
      clearInterval(timer);
      const sampledPeakRssMiB = Math.max(sampledPeak, process.memoryUsage().rss) / MiB;
      return {
        crawler,
        pages,
        distinct,
        wrong,
        failed,
        seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        lifetimeCpuSeconds: (lifetime.user + lifetime.system) / 1e6,
        startRssMiB: startRss / MiB,
        peakRssMiB: highWaterMarkMiB() ?? sampledPeakRssMiB,
        sampledPeakRssMiB,
        checkpoints,
        notes,
      };
    },
  };
}

/** Sends the result to run.ts over IPC (or prints it when the child was started by hand), then exits. */
export function reportAndExit(result: ChildResult): void {
  if (process.send) process.send(result, () => process.exit(0));
  else {
    console.log(JSON.stringify(result, null, 2));
    process.exit(0);
  }
}
