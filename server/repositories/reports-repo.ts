import type { ReportFile, ReportKind, ReportStatus } from '../contracts/report';
import type { Db } from '../db/open-database';
// SUBTREE binds @unitId: the unit and every unit under it.
import { SUBTREE } from './ledger-repo';

interface ReportRow {
  id: number; kind: ReportKind; from_day: string; to_day: string; unit_id: number | null; unit_name: string | null; title: string;
  status: ReportStatus; done: number; total: number; error: string | null; file_name: string | null; size_bytes: number | null;
  created_by: string; created_at: string; finished_at: string | null;
}

const toReport = (r: ReportRow): ReportFile & { fileName: string | null } => ({
  id: r.id, kind: r.kind, from: r.from_day, to: r.to_day, unitId: r.unit_id, unitName: r.unit_name, title: r.title, status: r.status,
  done: r.done, total: r.total, error: r.error, sizeBytes: r.size_bytes, createdBy: r.created_by, createdAt: r.created_at,
  finishedAt: r.finished_at, fileName: r.file_name,
});

export type StoredReport = ReturnType<typeof toReport>;
export interface ReportCreate { kind: ReportKind; from: string; to: string; unitId: number | null; unitName: string | null; title: string; createdBy: string }

/** Unit activity in a period: what the report's "who reported" table reads. */
export interface UnitActivity { unitId: number; entries: number; daysReported: number; zeroDays: number }


/** The list of generated reports, and the ledger reads only the report needs. */
export function createReportsRepo(db: Db) {
  const byId = db.prepare('SELECT * FROM reports WHERE id = ?');
  return {
    list(limit: number, kind?: ReportKind): StoredReport[] {
      const rows = kind
        ? db.prepare('SELECT * FROM reports WHERE kind = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(kind, limit)
        : db.prepare('SELECT * FROM reports ORDER BY created_at DESC, id DESC LIMIT ?').all(limit);
      return (rows as ReportRow[]).map(toReport);
    },
    get(id: number): StoredReport | null {
      const r = byId.get(id) as ReportRow | undefined;
      return r ? toReport(r) : null;
    },
    /** Inserts a queued report; null when a scheduled period already has its report (unique index). */
    insert(r: ReportCreate, at: string): number | null {
      const res = db
        .prepare(
          `INSERT INTO reports (kind, from_day, to_day, unit_id, unit_name, title, created_by, created_at)
           VALUES (@kind, @from, @to, @unitId, @unitName, @title, @createdBy, @at) ON CONFLICT DO NOTHING`,
        )
        .run({ ...r, at });
      return res.changes === 1 ? Number(res.lastInsertRowid) : null;
    },
    hasScheduled(kind: ReportKind, from: string, to: string): boolean {
      return db.prepare('SELECT 1 FROM reports WHERE kind = ? AND from_day = ? AND to_day = ? AND unit_id IS NULL').get(kind, from, to) !== undefined;
    },
    progress(id: number, p: { status: ReportStatus; done: number; total: number }): void {
      db.prepare('UPDATE reports SET status = @status, done = @done, total = @total WHERE id = @id').run({ ...p, id });
    },
    finish(id: number, p: { fileName: string; sizeBytes: number; at: string }): void {
      db.prepare(
        `UPDATE reports SET status = 'done', done = total, error = NULL, file_name = @fileName, size_bytes = @sizeBytes, finished_at = @at WHERE id = @id`,
      ).run({ ...p, id });
    },
    fail(id: number, error: string, at: string): void {
      db.prepare(`UPDATE reports SET status = 'failed', error = ?, finished_at = ? WHERE id = ?`).run(error.slice(0, 500), at, id);
    },
    /** Reports a previous process left queued or running: they are generated again. */
    unfinished(): StoredReport[] {
      return (db.prepare(`SELECT * FROM reports WHERE status IN ('queued', 'running') ORDER BY id`).all() as ReportRow[]).map(toReport);
    },

    /** Per unit (of a subtree, or all): live entries, days with an entry, days with a zero report. */
    unitActivity(from: string, to: string, unitId?: number): UnitActivity[] {
      const scoped = unitId !== undefined;
      const inScope = scoped ? 'AND unit_id IN (SELECT id FROM sub)' : '';
      return db
        .prepare(
          `${scoped ? SUBTREE : ''}
           SELECT unit_id AS unitId, sum(entries) AS entries, sum(entries > 0) AS daysReported, sum(zero) AS zeroDays FROM (
             SELECT unit_id, day, count(*) AS entries, 0 AS zero FROM ledger_entries
               WHERE deleted = 0 AND day BETWEEN @from AND @to ${inScope} GROUP BY unit_id, day
             UNION ALL
             SELECT unit_id, day, 0, 1 FROM ledger_zero_reports WHERE day BETWEEN @from AND @to ${inScope}
           ) GROUP BY unit_id`,
        )
        .all(scoped ? { from, to, unitId } : { from, to }) as UnitActivity[];
    },
    /** Live entries per day of the period (the report's reporting-activity line). */
    entriesPerDay(from: string, to: string, unitId?: number): { day: string; entries: number }[] {
      const scoped = unitId !== undefined;
      return db
        .prepare(
          `${scoped ? SUBTREE : ''} SELECT day, count(*) AS entries FROM ledger_entries
           WHERE deleted = 0 AND day BETWEEN @from AND @to ${scoped ? 'AND unit_id IN (SELECT id FROM sub)' : ''} GROUP BY day ORDER BY day`,
        )
        .all(scoped ? { from, to, unitId } : { from, to }) as { day: string; entries: number }[];
    },
  };
}

export type ReportsRepo = ReturnType<typeof createReportsRepo>;
