import type { Db } from '../db/open-database';
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

/** Items the desk must see: suspected or known rumours, suggested library matches, community sightings. */
const CANDIDATE = `(EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag IN ('rumor-suspect', 'known-rumor'))
  OR EXISTS (SELECT 1 FROM library_sightings ls WHERE ls.item_id = i.id AND ls.kind = 'suggested')
  OR i.source_id = '${OFFLINE_SOURCE_ID}')`;

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
export function createReviewQueueRepo(db: Db) {
  return {
    list(f: QueueFilter, sort: QueueSort, limit: number, offset: number, nowIso: string): { hits: QueueHit[]; total: number } {
      const where: string[] = [f.tag ? 'EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag = ?)' : CANDIDATE];
      const params: unknown[] = f.tag ? [f.tag] : [];
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
          FROM items i LEFT JOIN reviews r ON r.item_id = i.id LEFT JOIN clusters c ON c.id = i.cluster_id
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
        SELECT id, priority, growth, in_queue, count(*) OVER () AS total
        FROM ranked WHERE rn = 1 ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?`;
      const rows = db.prepare(sql).all(dayAgo, ...params, nowIso, limit, offset) as {
        id: number;
        priority: number;
        growth: number;
        in_queue: number;
        total: number;
      }[];
      const total =
        rows[0]?.total ??
        (offset > 0
          ? (db
              .prepare(
                `SELECT count(DISTINCT coalesce(i.cluster_id, i.id)) FROM items i LEFT JOIN reviews r ON r.item_id = i.id
                 WHERE ${where.join(' AND ')}`,
              )
              .pluck()
              .get(...params) as number)
          : 0);
      return {
        hits: rows.map((r) => ({ id: r.id, priority: Math.round(r.priority * 1000) / 1000, growth24h: r.growth, inQueue: r.in_queue })),
        total,
      };
    },
  };
}

export type ReviewQueueRepo = ReturnType<typeof createReviewQueueRepo>;
