import type { Db } from '../db/open-database';
import type { CrawlRun, CrawlRunStats, CrawlRunStatus, SourceConfig, SourceView } from '../contracts/source';
import type { HealthInput } from '../services/source-health';
import type { ItemKind } from '../contracts/item';

interface RunRow {
  id: number;
  source_id: string;
  source_name: string;
  status: CrawlRunStatus;
  started_at: string;
  ended_at: string | null;
  fetched: number;
  new: number;
  duplicate: number;
  failed: number;
  skipped: number;
  last_error: string | null;
}

function rowToRun(r: RunRow): CrawlRun {
  return {
    id: r.id,
    sourceId: r.source_id,
    sourceName: r.source_name,
    status: r.status,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    fetched: r.fetched,
    new: r.new,
    duplicate: r.duplicate,
    failed: r.failed,
    skipped: r.skipped,
    lastError: r.last_error,
  };
}

const RUN_SELECT = `SELECT r.*, s.name AS source_name FROM crawl_runs r JOIN sources s ON s.id = r.source_id`;

export type SourceOrigin = 'file' | 'dashboard';

export interface SourceRecord {
  id: string;
  type: string;
  origin: SourceOrigin;
  /** The stored config, as JSON text. */
  config: string;
  itemCount: number;
}

/** Sources as configured, and the record of every crawl run. */
/** A source config as the named parameters of a `sources` row (the config itself kept whole as JSON). */
function sourceRow(s: SourceConfig, now: string) {
  return { id: s.id, name: s.name, kind: s.kind, type: s.type, url: s.url, schedule: s.schedule, enabled: s.enabled ? 1 : 0, configJson: JSON.stringify(s), now };
}

export function createSourcesRepo(db: Db) {
  // Asked once per ingested item.
  const kindOf = db.prepare('SELECT kind FROM sources WHERE id = ?').pluck();
  const upsert = db.prepare(`INSERT INTO sources (id, name, kind, type, url, schedule, enabled, config_json, updated_at)
    VALUES (@id, @name, @kind, @type, @url, @schedule, @enabled, @configJson, @now)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, type = excluded.type,
      url = excluded.url, schedule = excluded.schedule, enabled = excluded.enabled,
      config_json = excluded.config_json, updated_at = excluded.updated_at`);

  return {
    /**
     * Makes the table match the configuration file. File sources that left it are disabled, not
     * deleted: their items stay and still name them. Dashboard sources (origin 'dashboard') are
     * kept as they are: they are not in the file by design.
     *
     * Id collision: the config file wins. A file source whose id names a dashboard source takes the
     * row over (origin becomes 'file', the file's config replaces the dashboard one); the caller
     * logs a warning with the ids returned. Rationale: the file is the operator's reviewed,
     * version-controlled configuration and the only one a fresh install reproduces.
     */
    syncSources: db.transaction((sources: SourceConfig[], now: string): { overridden: string[] } => {
      const ids = sources.map((s) => s.id);
      const dashboardIds = new Set(
        db.prepare(`SELECT id FROM sources WHERE origin = 'dashboard'`).pluck().all() as string[],
      );
      db.prepare(
        `UPDATE sources SET enabled = 0, updated_at = ? WHERE origin <> 'dashboard' AND id NOT IN (${ids.map(() => '?').join(',') || 'NULL'})`,
      ).run(now, ...ids);
      const overridden: string[] = [];
      for (const s of sources) {
        if (dashboardIds.has(s.id)) overridden.push(s.id);
        upsert.run(sourceRow(s, now));
        db.prepare(`UPDATE sources SET origin = 'file' WHERE id = ?`).run(s.id);
      }
      return { overridden };
    }),

    /** One source row with what the dashboard admin routes need; null when unknown. */
    getSourceRecord(id: string): SourceRecord | null {
      const r = db
        .prepare(
          `SELECT s.id, s.type, s.origin, s.config_json, (SELECT count(*) FROM items i WHERE i.source_id = s.id) AS item_count
           FROM sources s WHERE s.id = ?`,
        )
        .get(id) as { id: string; type: string; origin: string; config_json: string; item_count: number } | undefined;
      if (!r) return null;
      return {
        id: r.id,
        type: r.type,
        origin: r.origin === 'dashboard' ? 'dashboard' : 'file',
        config: r.config_json,
        itemCount: r.item_count,
      };
    },

    /** The configs of the sources added from the dashboard (stored as validated JSON). */
    dashboardConfigs(): SourceConfig[] {
      const rows = db
        .prepare(`SELECT config_json, enabled FROM sources WHERE origin = 'dashboard' ORDER BY id`)
        .all() as { config_json: string; enabled: number }[];
      return rows.map((r) => ({ ...(JSON.parse(r.config_json) as SourceConfig), enabled: r.enabled === 1 }));
    },

    /** Inserts (or, with replace, overwrites) a dashboard source. */
    saveDashboardSource(s: SourceConfig, now: string): void {
      db.prepare(
        `INSERT INTO sources (id, name, kind, type, url, schedule, enabled, config_json, updated_at, origin)
         VALUES (@id, @name, @kind, @type, @url, @schedule, @enabled, @configJson, @now, 'dashboard')
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, type = excluded.type,
           url = excluded.url, schedule = excluded.schedule, enabled = excluded.enabled,
           config_json = excluded.config_json, updated_at = excluded.updated_at
         WHERE sources.origin = 'dashboard'`,
      ).run(sourceRow(s, now));
    },

    /** Removes a dashboard source with no items, with its run history and crawl frontier. */
    deleteDashboardSource: db.transaction((id: string): boolean => {
      db.prepare('DELETE FROM crawl_frontier WHERE source_id = ?').run(id);
      db.prepare('DELETE FROM crawl_runs WHERE source_id = ?').run(id);
      return (
        db
          .prepare(
            `DELETE FROM sources WHERE id = ? AND origin = 'dashboard' AND NOT EXISTS (SELECT 1 FROM items WHERE source_id = ?)`,
          )
          .run(id, id).changes === 1
      );
    }),

    getSourceKind(id: string): ItemKind | null {
      return (kindOf.get(id) as ItemKind | undefined) ?? null;
    },

    setPaused(id: string, paused: boolean): boolean {
      return db.prepare('UPDATE sources SET paused = ? WHERE id = ?').run(paused ? 1 : 0, id).changes === 1;
    },

    /** Ids of the sources paused on the dashboard (the remote crawler skips them too). */
    pausedIds(): string[] {
      return db.prepare('SELECT id FROM sources WHERE paused = 1 ORDER BY id').pluck().all() as string[];
    },

    isPaused(id: string): boolean {
      return db.prepare('SELECT paused FROM sources WHERE id = ?').pluck().get(id) === 1;
    },

    /** The raw figures a source's health is judged from (see services/source-health.ts). */
    healthData(id: string, fromIso: string): Omit<HealthInput, 'now' | 'days'> {
      const perDay = db
        .prepare(
          // Not "day": items has a column of that name (the publication day), which GROUP BY would pick.
          `SELECT date(collected_at, '+8 hours') AS collected_day, count(*) AS n FROM items
           WHERE source_id = ? AND collected_at >= ? GROUP BY collected_day`,
        )
        .all(id, fromIso) as { collected_day: string; n: number }[];
      const runs = db
        .prepare(
          `SELECT status, ended_at AS endedAt, fetched, failed, last_error AS lastError FROM crawl_runs
           WHERE source_id = ? AND status != 'running' ORDER BY id DESC LIMIT 20`,
        )
        .all(id) as HealthInput['runs'];
      const firstRunEndedAt = (db
        .prepare(`SELECT ended_at FROM crawl_runs WHERE source_id = ? AND status != 'running' ORDER BY id LIMIT 1`)
        .pluck()
        .get(id) ?? null) as string | null;
      const timedItems = db
        .prepare(
          `SELECT published_at AS publishedAt, collected_at AS collectedAt FROM items
           WHERE source_id = ? AND collected_at >= ? AND published_at IS NOT NULL
             AND published_precision IN ('minute', 'second')
           ORDER BY collected_at DESC LIMIT 500`,
        )
        .all(id, fromIso) as HealthInput['timedItems'];
      const recentCollections = db
        .prepare('SELECT collected_at FROM items WHERE source_id = ? ORDER BY collected_at DESC LIMIT 50')
        .pluck()
        .all(id) as string[];
      return { collectedPerDay: new Map(perDay.map((r) => [r.collected_day, r.n])), runs, firstRunEndedAt, timedItems, recentCollections };
    },

    listSources(): Omit<SourceView, 'health'>[] {
      const rows = db
        .prepare(
          `SELECT s.id, s.name, s.kind, s.type, s.url, s.schedule, s.enabled, s.paused, s.origin,
             (SELECT count(*) FROM items i WHERE i.source_id = s.id) AS item_count,
             (SELECT max(id) FROM crawl_runs r WHERE r.source_id = s.id) AS last_run_id
           FROM sources s WHERE s.type <> 'manual' ORDER BY s.enabled DESC, s.name`,
        )
        .all() as {
        id: string;
        name: string;
        kind: ItemKind;
        type: 'html-list' | 'rss' | 'json';
        url: string;
        schedule: string;
        enabled: number;
        paused: number;
        origin: string;
        item_count: number;
        last_run_id: number | null;
      }[];
      const runById = db.prepare(`${RUN_SELECT} WHERE r.id = ?`);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        type: r.type,
        url: r.url,
        schedule: r.schedule,
        enabled: r.enabled === 1,
        paused: r.paused === 1,
        origin: r.origin === 'dashboard' ? ('dashboard' as const) : ('file' as const),
        itemCount: r.item_count,
        lastRun: r.last_run_id ? rowToRun(runById.get(r.last_run_id) as RunRow) : null,
      }));
    },

    startRun(sourceId: string, now: string): CrawlRun {
      const res = db
        .prepare(`INSERT INTO crawl_runs (source_id, status, started_at) VALUES (?, 'running', ?)`)
        .run(sourceId, now);
      return this.getRun(Number(res.lastInsertRowid))!;
    },

    finishRun(id: number, stats: CrawlRunStats, status: CrawlRunStatus, now: string): CrawlRun | null {
      db.prepare(
        `UPDATE crawl_runs SET status = ?, ended_at = ?, fetched = ?, new = ?, duplicate = ?, failed = ?, skipped = ?, last_error = ?
         WHERE id = ?`,
      ).run(status, now, stats.fetched, stats.new, stats.duplicate, stats.failed, stats.skipped ?? 0, stats.lastError, id);
      return this.getRun(id);
    },

    /** Runs left 'running' by a process that died are closed as failed at the next start. */
    /** Runs left 'running' by a process that stopped (all, or one source's: a remote crawler that died). */
    closeAbandonedRuns(now: string, sourceId?: string): number {
      return db
        .prepare(
          `UPDATE crawl_runs SET status = 'failed', ended_at = ?, last_error = coalesce(last_error, 'interrupted: the process stopped during the run')
           WHERE status = 'running'${sourceId === undefined ? '' : ' AND source_id = ?'}`,
        )
        .run(now, ...(sourceId === undefined ? [] : [sourceId])).changes;
    },

    getRun(id: number): CrawlRun | null {
      const row = db.prepare(`${RUN_SELECT} WHERE r.id = ?`).get(id) as RunRow | undefined;
      return row ? rowToRun(row) : null;
    },

    listRuns(sourceId: string | undefined, limit: number, offset: number): { runs: CrawlRun[]; total: number } {
      const where = sourceId ? 'WHERE r.source_id = ?' : '';
      const params = sourceId ? [sourceId] : [];
      const total = db.prepare(`SELECT count(*) FROM crawl_runs r ${where}`).pluck().get(...params) as number;
      const rows = db
        .prepare(`${RUN_SELECT} ${where} ORDER BY r.id DESC LIMIT ? OFFSET ?`)
        .all(...params, limit, offset) as RunRow[];
      return { runs: rows.map(rowToRun), total };
    },

    lastFinishedAt(): string | null {
      return (db.prepare('SELECT max(ended_at) FROM crawl_runs').pluck().get() as string | null) ?? null;
    },
  };
}

export type SourcesRepo = ReturnType<typeof createSourcesRepo>;
