import type { ItemsRepo } from '../repositories/items-repo';
import type { OutboxRepo } from '../repositories/outbox-repo';
import { toSearchDoc, type SearchIndex } from '../repositories/search-index';

export interface SearchSyncLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

const BATCH = 500;
const MAX_BACKOFF_MS = 60_000;
/**
 * New work waits at least this long after the previous send: under steady ingest (ten batches a
 * second) this sends one larger indexing task instead of many small ones, each of which costs
 * Meilisearch a commit — CPU that searches, on the same machine, then lack.
 */
const MIN_GAP_MS = 1_000;

/**
 * Drains the SQLite outbox into Meilisearch. Failures back off exponentially and are retried
 * forever: SQLite is the truth, so an item is never lost while the search engine is down, and
 * re-sending is harmless (documents are keyed by item id).
 */
export function createSearchSync(deps: {
  items: ItemsRepo;
  outbox: OutboxRepo;
  index: SearchIndex;
  normalise: (s: string) => string;
  log?: SearchSyncLogger;
  now?: () => Date;
  idleMs?: number;
}) {
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;
  let kickRequested = false;
  let wasFailing = false;
  let lastSentMs = -Infinity;

  /** Sends every due entry once; returns how many documents were written. */
  async function drainOnce(): Promise<number> {
    let written = 0;
    for (;;) {
      const due = deps.outbox.takeDue(now().toISOString(), BATCH);
      if (due.length === 0) return written;
      const items = deps.items.getItemsByIds(due.map((d) => d.itemId));
      // An entry whose item is gone (purged by the retention policy) takes its document away.
      const present = new Set(items.map((it) => it.id));
      const gone = due.map((d) => d.itemId).filter((id) => !present.has(id));
      try {
        await deps.index.upsert(items.map((it) => toSearchDoc(it, deps.normalise)));
        await deps.index.remove(gone);
        deps.outbox.markDone(due);
        written += items.length;
        if (wasFailing) deps.log?.info({ written }, 'search index reachable again; catching up');
        wasFailing = false;
      } catch (err) {
        const attempts = Math.max(...due.map((d) => d.attempts)) + 1;
        const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts, 10)) * (0.75 + Math.random() * 0.5);
        deps.outbox.markFailed(due, new Date(now().getTime() + delay).toISOString(), String((err as Error).message));
        if (!wasFailing) deps.log?.warn({ err: (err as Error).message, pending: deps.outbox.pendingCount() }, 'search index unavailable; items stay queued in SQLite');
        wasFailing = true;
        return written;
      }
    }
  }

  function schedule(ms: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
  }

  async function tick() {
    timer = null;
    if (running) {
      kickRequested = true;
      return;
    }
    running = (async () => {
      if (wasFailing && (await deps.index.isHealthy())) deps.outbox.retryAllNow(now().toISOString());
      return drainOnce();
    })().catch(() => 0);
    await running;
    running = null;
    lastSentMs = Date.now();
    if (kickRequested) {
      kickRequested = false;
      schedule(MIN_GAP_MS);
    } else schedule(deps.idleMs ?? 1_000);
  }

  return {
    start() {
      stopped = false;
      schedule(0);
    },
    /** New work arrived: drain soon instead of waiting for the idle poll. */
    kick() {
      if (running) kickRequested = true;
      else schedule(Math.max(20, lastSentMs + MIN_GAP_MS - Date.now()));
    },
    drainOnce,
    /** Waits until the outbox is empty or the deadline passes (used by tests and graceful shutdown). */
    async flush(timeoutMs = 30_000): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (running) await running;
        if (wasFailing && (await deps.index.isHealthy())) deps.outbox.retryAllNow(now().toISOString());
        await drainOnce();
        if (deps.outbox.pendingCount() === 0) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return deps.outbox.pendingCount() === 0;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
    },
  };
}

export type SearchSync = ReturnType<typeof createSearchSync>;
