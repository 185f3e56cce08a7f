import type { Db } from '../db/open-database';

/**
 * A token that changes whenever the database may have changed: total_changes() counts every row
 * written through this connection (ingest, verdicts, claims, re-tags, purges — triggers and cascades
 * ride along with the statement that set them off), PRAGMA data_version moves when another connection
 * commits. Answers computed from the database can be reused while the token is the same; reading it
 * costs two trivial statements.
 */
export function createChangeVersion(db: Db): () => string {
  const changes = db.prepare('SELECT total_changes()').pluck();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  return () => `${changes.get() as number}:${dataVersion.get() as number}`;
}

/**
 * How far behind *background* writes a cached aggregate may be. Machine ingest, the crawler, re-tagging
 * and other processes write many times a second during an incident; recomputing the review queue's
 * ranking, the overview counts and the current trend hour after every one of those batches was most of
 * the server's time under load, for answers nobody could tell apart. So an answer computed less than
 * `staleMs` ago is served although the database moved on — unless a person changed something since
 * (`requireFreshAnswers`, called after every state-changing request and when a background job ends):
 * then every cache recomputes, so an editor always sees their own verdict, and a dashboard reloading
 * on a live event sees what the event announced (the 'items' event is sent at least `staleMs` after
 * the writes it announces, see items-announcer.ts). `staleMs` 0 (the default) is exact.
 */
export interface Freshness {
  staleMs: number;
  /** Moves on every person's write: answers computed under an older epoch are never served stale. */
  epoch: number;
}

const freshnessByDb = new WeakMap<Db, Freshness>();

export function freshnessOf(db: Db): Freshness {
  let f = freshnessByDb.get(db);
  if (!f) freshnessByDb.set(db, (f = { staleMs: 0, epoch: 0 }));
  return f;
}

export function setStaleTolerance(db: Db, staleMs: number): void {
  freshnessOf(db).staleMs = Math.max(0, staleMs);
}

/** From now on no cached answer may be served past a database change (see Freshness). */
export function requireFreshAnswers(db: Db): void {
  freshnessOf(db).epoch++;
}

/**
 * May an answer computed at `atMs` (under `epoch`) still be served now that the database changed?
 * Only within the tolerance, with no person's write since, and with a clock that did not go back.
 */
export function mayServeStale(f: Freshness, atMs: number, epoch: number, nowMs: number): boolean {
  return f.staleMs > 0 && epoch === f.epoch && nowMs >= atMs && nowMs - atMs < f.staleMs;
}

/**
 * Answers keyed by their arguments, all dropped together when the database changes (see
 * createChangeVersion) — or, under a stale tolerance, once the change is older than it (see
 * Freshness). For aggregates whose inputs are the whole database and whose cost is a scan.
 */
export function createChangeCache(db: Db, maxEntries = 64, opts: { slowerTolerance?: number } = {}) {
  const version = createChangeVersion(db);
  const shared = freshnessOf(db);
  // Some answers may lag background writes longer than the shared tolerance (figures for a work
  // summary, not a live view); never when the tolerance is off (exact mode).
  const freshness: Freshness = {
    get staleMs() {
      return shared.staleMs > 0 ? Math.max(shared.staleMs, opts.slowerTolerance ?? 0) : 0;
    },
    get epoch() {
      return shared.epoch;
    },
  };
  let seen = '';
  let seenAtMs = 0;
  let seenEpoch = -1;
  const entries = new Map<string, unknown>();
  return function cached<T>(key: string, compute: () => T): T {
    const v = version();
    const nowMs = Date.now();
    const moved = v !== seen && !mayServeStale(freshness, seenAtMs, seenEpoch, nowMs);
    if (moved || entries.size >= maxEntries) {
      entries.clear();
      seen = v;
      seenAtMs = nowMs;
      seenEpoch = freshness.epoch;
    }
    if (entries.has(key)) return entries.get(key) as T;
    const value = compute();
    entries.set(key, value);
    return value;
  };
}
