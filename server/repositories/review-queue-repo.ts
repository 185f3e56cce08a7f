import type { Db } from '../db/open-database';
import { createChangeVersion, freshnessOf, mayServeStale } from './change-version';
import { createCandidateSet } from './review-queue-candidates';
import type { QueueSort, QueueStatus } from '../contracts/review';
import type { Tag } from '../contracts/item';

export interface QueueFilter {
  status: QueueStatus;
  sourceId?: string;
  /** Only items with this tag; without it, everything the desk should see (see CANDIDATE). */
  tag?: Tag;
  topicId?: number;
  fromIso?: string;
  toIso?: string;
}

export interface QueueHit {
  id: number;
  priority: number;
  growth24h: number;
  inQueue: number;
}

/** The built-in source that offline sightings are stored under (see the offline-sightings service). */
export const OFFLINE_SOURCE_ID = 'offline-sightings';

/**
 * Items the desk must see: suspected or known rumours, suggested library matches, community sightings.
 * Written as a union of ids read from the indexes (item_tags_tag, library_sightings, items_source_sort)
 * rather than a test on every item: the queue is a few percent of the items, and scanning all of them
 * was most of the queue's cost.
 */
const CANDIDATE_IDS = `SELECT item_id AS id FROM item_tags WHERE tag IN ('rumor-suspect', 'known-rumor')
  UNION SELECT item_id FROM library_sightings WHERE kind = 'suggested'
  UNION SELECT id FROM items WHERE source_id = '${OFFLINE_SOURCE_ID}'`;
/** With a tag filter, only items with that tag (? = the tag). */
const TAGGED_IDS = 'SELECT item_id AS id FROM item_tags WHERE tag = ?';

/** A claim holds while it has not expired; ? = now. */
const CLAIMED = 'r.claimed_by IS NOT NULL AND r.claim_expires_at > ?';

function statusClause(status: QueueStatus): { sql: string; needsNow: boolean } {
  switch (status) {
    case 'all':
      return { sql: '1', needsNow: false };
    case 'pending':
      return { sql: `(r.item_id IS NULL OR r.status IN ('new', 'needs-verification'))`, needsNow: false };
    case 'new':
      return { sql: `(r.item_id IS NULL OR (r.status = 'new' AND NOT (${CLAIMED})))`, needsNow: true };
    case 'in-progress':
      return { sql: `(r.status = 'new' AND ${CLAIMED})`, needsNow: true };
    case 'decided':
      return { sql: `r.status IN ('confirmed-rumor', 'not-rumor', 'duplicate')`, needsNow: false };
    default:
      return { sql: 'r.status = ?', needsNow: false };
  }
}

/**
 * A computed ranking (every cluster in the queue, in order) is reused, so the pages of one queue and
 * repeated requests cost one query. It is dropped as soon as anything is written to the database
 * (a verdict, a claim, ingest, a re-tag, a library match: total_changes / data_version move), when the
 * next claim in it lapses, and at the latest after this long, because priorities age with the clock.
 */
const RANKING_MAX_AGE_MS = 10_000;
/** Distinct filter combinations kept at once. */
const MAX_RANKINGS = 32;

interface Ranking {
  version: string;
  /** The freshness epoch it was computed under (see change-version.ts). */
  epoch: number;
  /** Real time it was computed (the stale tolerance is real time, not the injectable clock). */
  computedAtMs: number;
  atMs: number;
  untilMs: number;
  hits: QueueHit[];
}

const ORDER: Record<QueueSort, string> = {
  priority: 'priority DESC, sort_at DESC, id DESC',
  score: 'score DESC, sort_at DESC, id DESC',
  spread: 'size DESC, growth DESC, priority DESC, id DESC',
  newest: 'sort_at DESC, id DESC',
};

/**
 * The rumour desk's queue, one row per near-duplicate cluster (its most urgent member), so an
 * editor sees a rumour once however many copies are circulating.
 *
 * priority = max(score, 0.05) × (1 + ½·ln size) × (1 + ½·ln(1 + copies in the last 24 h)) ÷ (1 + age in days):
 * likely, spreading, and still growing first; a day-old item weighs half of a fresh one. The floor on
 * the score keeps community sightings (no text signal yet) in view.
 */
export function createReviewQueueRepo(db: Db, opts: { maxAgeMs?: number } = {}) {
  const maxAgeMs = opts.maxAgeMs ?? RANKING_MAX_AGE_MS;
  const version = createChangeVersion(db);
  const freshness = freshnessOf(db);
  const nextClaimExpiry = db
    .prepare('SELECT min(claim_expires_at) FROM reviews WHERE claimed_by IS NOT NULL AND claim_expires_at > ?')
    .pluck();
  const cache = new Map<string, Ranking>();
  // The default desk view (no tag or topic filter) is ranked from candidates kept in memory; the
  // rarer filtered views run the SQL ranking below.
  const candidates = createCandidateSet(db, { candidateIdsSql: CANDIDATE_IDS, offlineSourceId: OFFLINE_SOURCE_ID });

  function rank(f: QueueFilter, sort: QueueSort, nowIso: string): QueueHit[] {
    const ids = f.tag ? TAGGED_IDS : CANDIDATE_IDS;
    const idParams: unknown[] = f.tag ? [f.tag] : [];
    const where: string[] = [];
    const params: unknown[] = [];
    const st = statusClause(f.status);
    where.push(st.sql);
    if (st.needsNow) params.push(nowIso);
    if (!['all', 'pending', 'new', 'in-progress', 'decided'].includes(f.status)) params.push(f.status);
    if (f.sourceId) {
      where.push('i.source_id = ?');
      params.push(f.sourceId);
    }
    if (f.topicId) {
      where.push('EXISTS (SELECT 1 FROM item_topics it WHERE it.item_id = i.id AND it.topic_id = ?)');
      params.push(f.topicId);
    }
    if (f.fromIso) {
      where.push('i.sort_at >= ?');
      params.push(f.fromIso);
    }
    if (f.toIso) {
      where.push('i.sort_at < ?');
      params.push(f.toIso);
    }
    const dayAgo = new Date(Date.parse(nowIso) - 86_400_000).toISOString();
    const sql = `
      WITH cand AS (
        SELECT i.id, i.cluster_id, i.score, i.sort_at,
          coalesce(c.items + c.exact_reposts, 1) AS size,
          (SELECT count(*) FROM items m WHERE m.cluster_id = i.cluster_id AND m.sort_at >= ?) AS growth
        FROM (${ids}) ids JOIN items i ON i.id = ids.id
          LEFT JOIN reviews r ON r.item_id = i.id LEFT JOIN clusters c ON c.id = i.cluster_id
        WHERE ${where.join(' AND ')}
      ), scored AS (
        SELECT *, max(score, 0.05) * (1 + 0.5 * ln(size)) * (1 + 0.5 * ln(1 + growth))
                  / (1 + max(0, julianday(?) - julianday(sort_at))) AS priority
        FROM cand
      ), ranked AS (
        SELECT *, count(*) OVER (PARTITION BY coalesce(cluster_id, id)) AS in_queue,
               row_number() OVER (PARTITION BY coalesce(cluster_id, id) ORDER BY priority DESC, id DESC) AS rn
        FROM scored
      )
      SELECT id, priority, growth, in_queue FROM ranked WHERE rn = 1 ORDER BY ${ORDER[sort]}`;
    const rows = db.prepare(sql).all(dayAgo, ...idParams, ...params, nowIso) as {
      id: number;
      priority: number;
      growth: number;
      in_queue: number;
    }[];
    return rows.map((r) => ({ id: r.id, priority: Math.round(r.priority * 1000) / 1000, growth24h: r.growth, inQueue: r.in_queue }));
  }

  return {
    list(f: QueueFilter, sort: QueueSort, limit: number, offset: number, nowIso: string): { hits: QueueHit[]; total: number } {
      const key = JSON.stringify([f.status, f.sourceId ?? null, f.tag ?? null, f.topicId ?? null, f.fromIso ?? null, f.toIso ?? null, sort]);
      const nowMs = Date.parse(nowIso);
      const v = version();
      let hit = cache.get(key);
      // Background writes (ingest) may be up to the stale tolerance behind; a person's write never is.
      const current = (r: Ranking) => r.version === v || mayServeStale(freshness, r.computedAtMs, r.epoch, Date.now());
      if (!hit || !current(hit) || nowMs < hit.atMs || nowMs >= hit.untilMs) {
        // A write anywhere drops every ranking (they share their inputs), not just this one.
        for (const [k, r] of cache) if (!current(r)) cache.delete(k);
        if (cache.size >= MAX_RANKINGS) cache.clear();
        let hits: QueueHit[];
        if (f.tag || f.topicId) hits = rank(f, sort, nowIso);
        else {
          candidates.sync();
          hits = candidates.rank(f, sort, nowIso);
        }
        // A claim lapsing changes "new" and "in-progress" by itself, with no write: recompute then.
        const expiry = statusClause(f.status).needsNow ? (nextClaimExpiry.get(nowIso) as string | null) : null;
        const untilMs = Math.min(nowMs + maxAgeMs, expiry ? Date.parse(expiry) : Infinity);
        hit = { version: v, epoch: freshness.epoch, computedAtMs: Date.now(), atMs: nowMs, untilMs, hits };
        cache.set(key, hit);
      }
      return { hits: hit.hits.slice(offset, offset + limit), total: hit.hits.length };
    },

    /** Forgets every cached ranking (the next request recomputes). */
    invalidate(): void {
      cache.clear();
      candidates.invalidate();
    },

    /** The SQL ranking, whatever the filter (the reference the in-memory ranking is tested against). */
    rankWithSql: rank,
  };
}

export type ReviewQueueRepo = ReturnType<typeof createReviewQueueRepo>;
