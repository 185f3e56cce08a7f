import type { Db } from '../db/open-database';
import type { QueueSort, QueueStatus } from '../contracts/review';

/**
 * The rumour desk's candidates kept in memory, so that ranking the queue does not re-read every
 * candidate row after each ingest batch (reading ~16,000 item rows took ~50 ms of SQLite, and ingest
 * writes ten batches a second). Each sync re-reads only what may have changed since the last: new
 * items, items the triggers of migration 0022 logged in queue_changes (verdicts, claims, tags,
 * library matches, re-scores, deletions — by any process), and every candidate of a cluster one of
 * those (or a new exact repost) belongs to, whose size moved. The whole set is re-read when the log
 * has a gap, and every REBUILD_MS as a safety net.
 *
 * rankCandidates is the JavaScript twin of the SQL ranking in review-queue-repo.ts (same priority,
 * same grouping per cluster, same orders); a test holds them equal.
 */

/** What the ranking needs of one candidate. */
export interface Candidate {
  id: number;
  clusterId: number | null;
  score: number;
  sortAt: string;
  sortMs: number;
  sourceId: string;
  /** Items in the cluster (growth is counted over them) and its size (items + exact reposts). */
  clusterItems: number;
  size: number;
  status: string | null;
  claimedBy: string | null;
  claimExpiresAt: string | null;
}

export interface CandidateFilter {
  status: QueueStatus;
  sourceId?: string;
  fromIso?: string;
  toIso?: string;
}

export interface RankedHit {
  id: number;
  priority: number;
  growth24h: number;
  inQueue: number;
}

/** A safety net only: the change log covers every write; a full re-read costs ~50 ms per 16,000 candidates. */
const REBUILD_MS = 5 * 60_000;

/** Items the desk must see (the same union as CANDIDATE_IDS in review-queue-repo.ts), as a test on one item `i`. */
const IS_CANDIDATE = `(EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag IN ('rumor-suspect', 'known-rumor'))
  OR EXISTS (SELECT 1 FROM library_sightings s WHERE s.item_id = i.id AND s.kind = 'suggested')
  OR i.source_id = @offline)`;

const COLUMNS = `i.id, i.cluster_id AS clusterId, i.score, i.sort_at AS sortAt, i.source_id AS sourceId,
  coalesce(c.items, 1) AS clusterItems, coalesce(c.items + c.exact_reposts, 1) AS size,
  r.status, r.claimed_by AS claimedBy, r.claim_expires_at AS claimExpiresAt`;
const JOINS = 'LEFT JOIN reviews r ON r.item_id = i.id LEFT JOIN clusters c ON c.id = i.cluster_id';

type Row = Omit<Candidate, 'sortMs'>;
const withMs = (r: Row): Candidate => ({ ...r, sortMs: Date.parse(r.sortAt) });

/** How long a cluster's 24-hour copy count is reused when the cluster gained nothing (see growthCache). */
const GROWTH_TTL_MS = 60_000;

export function createCandidateSet(db: Db, opts: { candidateIdsSql: string; offlineSourceId: string }) {
  const all = db.prepare(`SELECT ${COLUMNS} FROM (${opts.candidateIdsSql}) ids JOIN items i ON i.id = ids.id ${JOINS}`);
  // What changed since the watermarks: new items and logged items (read once per sync) ...
  const changedIds = db.prepare('SELECT id FROM items WHERE id > @items UNION SELECT item_id FROM queue_changes WHERE seq > @changes').pluck();
  // ... and the candidates among them or in a cluster one of them belongs to, a logged item left, or a
  // new exact repost counts in (its size moved).
  const since = db.prepare(
    `WITH changed(id) AS (SELECT value FROM json_each(@ids))
     SELECT ${COLUMNS} FROM items i ${JOINS}
     WHERE (i.id IN (SELECT id FROM changed) OR i.cluster_id IN (
         SELECT cluster_id FROM items WHERE id IN (SELECT id FROM changed) AND cluster_id IS NOT NULL
         UNION SELECT cluster_id FROM queue_changes WHERE seq > @changes AND cluster_id IS NOT NULL
         UNION SELECT n.cluster_id FROM item_aliases a JOIN items n ON n.id = a.item_id WHERE a.rowid > @aliases AND n.cluster_id IS NOT NULL))
       AND ${IS_CANDIDATE}`,
  );
  const watermarks = db.prepare(
    `SELECT (SELECT coalesce(max(id), 0) FROM items) AS items, (SELECT coalesce(max(rowid), 0) FROM item_aliases) AS aliases,
            (SELECT coalesce(max(seq), 0) FROM queue_changes) AS changes, (SELECT coalesce(min(seq), 0) FROM queue_changes) AS oldest`,
  );
  const growthOf = db.prepare('SELECT count(*) FROM items WHERE cluster_id = ? AND sort_at >= ?').pluck();

  type Marks = { items: number; aliases: number; changes: number; oldest: number };
  const byId = new Map<number, Candidate>();
  let marks: Marks = { items: 0, aliases: 0, changes: 0, oldest: 0 };
  let builtAtMs = -Infinity;
  /**
   * Copies in the last 24 h per cluster, as counted at `atMs` (the ranking's clock). Counted afresh
   * when the cluster gains an item (sync re-reads its candidates) or after GROWTH_TTL_MS, the only
   * change then being copies leaving the 24-hour window: one SQL count per cluster per ranking
   * was most of the desk's CPU under a steady ingest.
   */
  const growthCache = new Map<number, { value: number; atMs: number }>();

  function growth(clusterId: number, nowMs: number, dayAgoIso: string): number {
    const known = growthCache.get(clusterId);
    if (known && nowMs >= known.atMs && nowMs - known.atMs < GROWTH_TTL_MS) return known.value;
    const value = growthOf.get(clusterId, dayAgoIso) as number;
    growthCache.set(clusterId, { value, atMs: nowMs });
    return value;
  }

  function rebuild() {
    // Watermarks first: anything written after them is read again next time (a harmless overlap).
    marks = watermarks.get() as Marks;
    byId.clear();
    growthCache.clear();
    for (const r of all.all() as Row[]) byId.set(r.id, withMs(r));
    builtAtMs = Date.now();
  }

  return {
    /** Brings the set up to date (see above); cheap when nothing was written. */
    sync(): void {
      const next = watermarks.get() as Marks;
      // Log entries we have not read were pruned: re-read everything.
      const gap = next.changes > marks.changes && next.oldest > marks.changes + 1;
      if (gap || Date.now() - builtAtMs >= REBUILD_MS) {
        rebuild();
        return;
      }
      if (next.items === marks.items && next.aliases === marks.aliases && next.changes === marks.changes) return;
      const changed = changedIds.all({ items: marks.items, changes: marks.changes }) as number[];
      // A changed item that is no longer a candidate (decided elsewhere, re-tagged, deleted) leaves the set.
      for (const id of changed) byId.delete(id);
      const params = { ids: JSON.stringify(changed), aliases: marks.aliases, changes: marks.changes, offline: opts.offlineSourceId };
      for (const r of since.all(params) as Row[]) {
        byId.set(r.id, withMs(r));
        if (r.clusterId !== null) growthCache.delete(r.clusterId);
      }
      marks = next;
    },

    /** Forgets everything: the next sync re-reads the whole set. */
    invalidate(): void {
      builtAtMs = -Infinity;
    },

    rank(f: CandidateFilter, sort: QueueSort, nowIso: string): RankedHit[] {
      const nowMs = Date.parse(nowIso);
      return rankCandidates(byId.values(), f, sort, nowIso, (clusterId, dayAgoIso) => growth(clusterId, nowMs, dayAgoIso));
    },
  };
}

export type CandidateSet = ReturnType<typeof createCandidateSet>;

function statusMatches(c: Candidate, status: QueueStatus, nowIso: string): boolean {
  const claimed = c.claimedBy !== null && c.claimExpiresAt !== null && c.claimExpiresAt > nowIso;
  switch (status) {
    case 'all':
      return true;
    case 'pending':
      return c.status === null || c.status === 'new' || c.status === 'needs-verification';
    case 'new':
      return c.status === null || (c.status === 'new' && !claimed);
    case 'in-progress':
      return c.status === 'new' && claimed;
    case 'decided':
      return c.status === 'confirmed-rumor' || c.status === 'not-rumor' || c.status === 'duplicate';
    default:
      return c.status === status;
  }
}

interface Scored extends Candidate {
  growth: number;
  priority: number;
}

const bySortThenId = (a: Scored, b: Scored) => (a.sortAt < b.sortAt ? 1 : a.sortAt > b.sortAt ? -1 : b.id - a.id);
const ORDERS: Record<QueueSort, (a: Scored, b: Scored) => number> = {
  priority: (a, b) => b.priority - a.priority || bySortThenId(a, b),
  score: (a, b) => b.score - a.score || bySortThenId(a, b),
  spread: (a, b) => b.size - a.size || b.growth - a.growth || b.priority - a.priority || b.id - a.id,
  newest: bySortThenId,
};

/**
 * The queue from candidates: one row per cluster (its most urgent member), with
 * priority = max(score, 0.05) × (1 + ½·ln size) × (1 + ½·ln(1 + copies in the last 24 h)) ÷ (1 + age in days),
 * exactly as the SQL ranking computes it. `growth(clusterId, since)` counts a cluster's items since then
 * (asked only for clusters of more than one item: a single item's growth is itself, or nothing).
 */
export function rankCandidates(
  candidates: Iterable<Candidate>,
  f: CandidateFilter,
  sort: QueueSort,
  nowIso: string,
  growth: (clusterId: number, sinceIso: string) => number,
): RankedHit[] {
  const nowMs = Date.parse(nowIso);
  const dayAgoIso = new Date(nowMs - 86_400_000).toISOString();
  const growthByCluster = new Map<number, number>();
  // One record per group, updated in place: no object per candidate.
  const groups = new Map<number, { best: Candidate; growth: number; priority: number; n: number }>();
  for (const c of candidates) {
    if (!statusMatches(c, f.status, nowIso)) continue;
    if (f.sourceId && c.sourceId !== f.sourceId) continue;
    if (f.fromIso && !(c.sortAt >= f.fromIso)) continue;
    if (f.toIso && !(c.sortAt < f.toIso)) continue;
    let g = 0;
    if (c.clusterId !== null) {
      if (c.clusterItems <= 1) g = c.sortAt >= dayAgoIso ? 1 : 0;
      else {
        let known = growthByCluster.get(c.clusterId);
        if (known === undefined) growthByCluster.set(c.clusterId, (known = growth(c.clusterId, dayAgoIso)));
        g = known;
      }
    }
    const ageDays = Math.max(0, (nowMs - c.sortMs) / 86_400_000);
    const priority = (Math.max(c.score, 0.05) * (1 + 0.5 * Math.log(c.size)) * (1 + 0.5 * Math.log(1 + g))) / (1 + ageDays);
    // Partitioned like the SQL (coalesce(cluster_id, id)).
    const key = c.clusterId ?? c.id;
    const group = groups.get(key);
    if (!group) groups.set(key, { best: c, growth: g, priority, n: 1 });
    else {
      group.n++;
      if (priority > group.priority || (priority === group.priority && c.id > group.best.id)) {
        group.best = c;
        group.growth = g;
        group.priority = priority;
      }
    }
  }
  const order = ORDERS[sort];
  return [...groups.values()]
    .map(({ best, growth, priority, n }) => ({ ...best, growth, priority, n }))
    .sort(order)
    .map((b) => ({ id: b.id, priority: Math.round(b.priority * 1000) / 1000, growth24h: b.growth, inQueue: b.n }));
}
