import type { Db } from '../db/open-database';
import type { AuditEntry } from '../contracts/review';
import type { VerdictValue } from '../contracts/item';
import { prepareEnqueue } from './outbox-repo';

/** The stored review row of one item (absent = never touched = 'new'). */
export interface ReviewRow {
  item_id: number;
  status: 'new' | VerdictValue;
  note: string | null;
  duplicate_of: number | null;
  library_id: number | null;
  decided_by: string | null;
  decided_at: string | null;
  claimed_by: string | null;
  claim_expires_at: string | null;
  decided_score: number | null;
  decided_reasons: string | null;
  updated_at: string;
}

export interface VerdictWrite {
  status: VerdictValue;
  note: string | null;
  duplicateOf: number | null;
  libraryId: number | null;
}

export type AuditEntity = AuditEntry['entity'];

interface AuditRow {
  id: number;
  entity: AuditEntity;
  entity_id: number;
  action: string;
  actor: string;
  at: string;
  before_json: string | null;
  after_json: string | null;
}

/** What the audit log keeps of a review row: the decision, not the bookkeeping columns. */
function reviewState(r: ReviewRow | undefined): Record<string, unknown> | null {
  if (!r) return null;
  return {
    status: r.status,
    note: r.note,
    duplicateOf: r.duplicate_of,
    libraryId: r.library_id,
    claimedBy: r.claimed_by,
    claimExpiresAt: r.claim_expires_at,
  };
}

/**
 * Review rows, claims and the append-only audit log. Every write records its audit entry and
 * queues the item for the search index in the same transaction: a state change is never half-made.
 */
export function createReviewsRepo(db: Db) {
  const get = db.prepare('SELECT * FROM reviews WHERE item_id = ?');
  const upsert = db.prepare(`INSERT INTO reviews
      (item_id, status, note, duplicate_of, library_id, decided_by, decided_at, claimed_by, claim_expires_at,
       decided_score, decided_reasons, updated_at)
    VALUES (@item_id, @status, @note, @duplicate_of, @library_id, @decided_by, @decided_at, @claimed_by, @claim_expires_at,
       @decided_score, @decided_reasons, @updated_at)
    ON CONFLICT (item_id) DO UPDATE SET status = excluded.status, note = excluded.note,
      duplicate_of = excluded.duplicate_of, library_id = excluded.library_id, decided_by = excluded.decided_by,
      decided_at = excluded.decided_at, claimed_by = excluded.claimed_by, claim_expires_at = excluded.claim_expires_at,
      decided_score = excluded.decided_score, decided_reasons = excluded.decided_reasons, updated_at = excluded.updated_at`);
  const tagging = db.prepare('SELECT score, reasons_json FROM items WHERE id = ?');
  const insertAudit = db.prepare(`INSERT INTO audit_log (entity, entity_id, action, actor, at, before_json, after_json)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const enqueue = prepareEnqueue(db);
  const listAudit = db.prepare('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id');
  const clusterMembers = db.prepare('SELECT id FROM items WHERE cluster_id = ? ORDER BY sort_at, id').pluck();

  function getRow(itemId: number): ReviewRow | undefined {
    return get.get(itemId) as ReviewRow | undefined;
  }

  function audit(entity: AuditEntity, id: number, action: string, actor: string, at: string, before: unknown, after: unknown) {
    insertAudit.run(entity, id, action, actor, at, before == null ? null : JSON.stringify(before), after == null ? null : JSON.stringify(after));
  }

  function write(next: ReviewRow, action: string, actor: string, at: string): void {
    const before = getRow(next.item_id);
    upsert.run(next);
    audit('item', next.item_id, action, actor, at, reviewState(before), reviewState(next));
    enqueue.run(next.item_id, at);
  }

  function blank(itemId: number, at: string): ReviewRow {
    return {
      item_id: itemId,
      status: 'new',
      note: null,
      duplicate_of: null,
      library_id: null,
      decided_by: null,
      decided_at: null,
      claimed_by: null,
      claim_expires_at: null,
      decided_score: null,
      decided_reasons: null,
      updated_at: at,
    };
  }

  return {
    getRow,
    audit,

    /** Sets (or renews) a claim. The caller has checked nobody else holds one. */
    setClaim: db.transaction((itemId: number, editor: string, expiresAt: string, at: string) => {
      const row = getRow(itemId) ?? blank(itemId, at);
      write({ ...row, claimed_by: editor, claim_expires_at: expiresAt, updated_at: at }, 'claim', editor, at);
    }),

    releaseClaim: db.transaction((itemId: number, editor: string, at: string) => {
      const row = getRow(itemId);
      if (!row || !row.claimed_by) return;
      write({ ...row, claimed_by: null, claim_expires_at: null, updated_at: at }, 'release', editor, at);
    }),

    /** Records a decision and ends any claim on the item. */
    setVerdict: db.transaction((itemId: number, v: VerdictWrite, actor: string, at: string, action = 'verdict') => {
      const row = getRow(itemId) ?? blank(itemId, at);
      const t = tagging.get(itemId) as { score: number; reasons_json: string } | undefined;
      write(
        {
          ...row,
          decided_score: t?.score ?? null,
          decided_reasons: t?.reasons_json ?? null,
          status: v.status,
          note: v.note,
          duplicate_of: v.duplicateOf,
          library_id: v.libraryId,
          decided_by: actor,
          decided_at: at,
          claimed_by: null,
          claim_expires_at: null,
          updated_at: at,
        },
        action,
        actor,
        at,
      );
    }),

    /** Points the item's confirmed verdict at a library entry (made from it, or merged). */
    linkLibrary: db.transaction((itemId: number, libraryId: number, actor: string, at: string) => {
      const row = getRow(itemId);
      if (!row || row.library_id === libraryId) return;
      write({ ...row, library_id: libraryId, updated_at: at }, 'library-link', actor, at);
    }),

    /** Final verdicts with what the tagger said at the time, for calibration. */
    decidedRows(): { score: number; reasons_json: string; source_id: string; source_name: string; status: string; decided_at: string }[] {
      return db
        .prepare(
          `SELECT coalesce(r.decided_score, i.score) AS score, coalesce(r.decided_reasons, i.reasons_json) AS reasons_json,
             i.source_id, s.name AS source_name, r.status, r.decided_at
           FROM reviews r JOIN items i ON i.id = r.item_id JOIN sources s ON s.id = i.source_id
           WHERE r.status IN ('confirmed-rumor', 'not-rumor')`,
        )
        .all() as { score: number; reasons_json: string; source_id: string; source_name: string; status: string; decided_at: string }[];
    },

    /**
     * What may answer a rumour: official notices and crawled rebuttals of the past year (newest
     * `limit`, the item itself left out), and every rebuttal record.
     */
    evidencePool(excludeItemId: number, sinceIso: string, limit: number) {
      const items = db
        .prepare(
          `SELECT i.id, i.title, substr(i.body, 1, 1500) AS body, i.url, s.name AS source_name, i.sort_at
           FROM items i JOIN sources s ON s.id = i.source_id
           WHERE i.id <> ? AND i.sort_at >= ?
             AND (i.kind = 'notice' OR EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag = 'rebuttal'))
           ORDER BY i.sort_at DESC LIMIT ?`,
        )
        .all(excludeItemId, sinceIso, limit) as { id: number; title: string; body: string; url: string; source_name: string; sort_at: string }[];
      const records = db
        .prepare('SELECT id, title, substr(text, 1, 1500) AS text, url, published_at FROM rebuttals ORDER BY published_at DESC LIMIT ?')
        .all(limit) as { id: number; title: string; text: string; url: string | null; published_at: string }[];
      return { items, records };
    },

    clusterMembers(clusterId: number): number[] {
      return clusterMembers.all(clusterId) as number[];
    },

    listAudit(entity: AuditEntity, id: number): AuditEntry[] {
      return (listAudit.all(entity, id) as AuditRow[]).map((r) => ({
        id: r.id,
        entity: r.entity,
        entityId: r.entity_id,
        action: r.action,
        actor: r.actor,
        at: r.at,
        before: r.before_json ? (JSON.parse(r.before_json) as Record<string, unknown>) : null,
        after: r.after_json ? (JSON.parse(r.after_json) as Record<string, unknown>) : null,
      }));
    },

    /** Runs fn in one transaction (bulk verdicts: all members or none). */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type ReviewsRepo = ReturnType<typeof createReviewsRepo>;
