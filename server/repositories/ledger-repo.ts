import type { LedgerAuditEntry, LedgerCategory, LedgerEntry, LedgerTarget, LedgerUnit, PressState, UnitKind, ZeroReport } from '../contracts/ledger';
import type { DistrictProfile } from '../contracts/report';
import type { Db } from '../db/open-database';
import { createChangeCache } from './change-version';

interface UnitRow { id: number; name: string; parent_id: number | null; kind: UnitKind; sort_order: number; depth: number }
interface CategoryRow { key: string; name: string; measure: string; automatic: number; sort_order: number }
interface EntryRow {
  id: number; day: string; unit_id: number; unit_name: string; category_key: string; category_name: string; measure: string;
  quantity: number; note: string | null; library_id: number | null; topic_id: number | null;
  created_by: string; created_at: string; updated_at: string;
}
interface TargetRow {
  id: number; category_key: string; unit_id: number | null; period_start: string; period_end: string; quantity: number;
  created_by: string; created_at: string; updated_at: string;
}
interface AuditRow { id: number; action: string; actor: string; at: string; before_json: string | null; after_json: string | null }

export type AuditEntity = 'entry' | 'unit' | 'category' | 'target' | 'zero-report';
/** Settings kept apart from the entries' audit (ledger_settings_audit), under the same append-only rule. */
export type SettingsEntity = 'district' | 'press-conference';
export interface StoredDistrict extends DistrictProfile { updatedBy: string; updatedAt: string }
/** An item that may be a press conference, with the decision on it, if any. */
export interface PressRow {
  id: number; title: string; url: string; sourceId: string; kind: 'news' | 'notice' | 'post'; day: string; sortAt: string;
  /** Its near-duplicate cluster (the item itself when it has none): one conference, many outlets. */
  conference: number;
  own: boolean;
  decision: Exclude<PressState, 'recognised'> | null; decidedBy: string | null; decidedAt: string | null;
}
interface PressDbRow extends Omit<PressRow, 'own'> { own: number }
export interface EntryWrite {
  day: string; unitId: number; categoryKey: string; quantity: number; note: string | null; libraryId: number | null; topicId: number | null;
}
export interface TargetWrite { categoryKey: string; unitId: number | null; periodStart: string; periodEnd: string; quantity: number }
export type TargetRecord = Omit<LedgerTarget, 'progress'>;
export interface EntryFilter { from?: string; to?: string; unitId?: number; category?: string }

const toUnit = (r: UnitRow): LedgerUnit => ({ id: r.id, name: r.name, parentId: r.parent_id, kind: r.kind, sortOrder: r.sort_order, depth: r.depth });
const toCategory = (r: CategoryRow): LedgerCategory => ({ key: r.key, name: r.name, measure: r.measure, automatic: r.automatic === 1, sortOrder: r.sort_order });
const toEntry = (r: EntryRow): LedgerEntry => ({
  id: r.id, day: r.day, unitId: r.unit_id, unitName: r.unit_name, categoryKey: r.category_key, categoryName: r.category_name,
  measure: r.measure, quantity: r.quantity, note: r.note, libraryId: r.library_id, topicId: r.topic_id,
  createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
});
const toTarget = (r: TargetRow): TargetRecord => ({
  id: r.id, categoryKey: r.category_key, unitId: r.unit_id, periodStart: r.period_start, periodEnd: r.period_end, quantity: r.quantity,
  createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
});

// Parents before children, siblings by sort order then id: the order a select box shows.
const TREE = `WITH RECURSIVE tree(id, name, parent_id, kind, sort_order, depth, path) AS (
  SELECT id, name, parent_id, kind, sort_order, 0, printf('%09d.%09d', sort_order, id) FROM ledger_units WHERE parent_id IS NULL
  UNION ALL
  SELECT u.id, u.name, u.parent_id, u.kind, u.sort_order, t.depth + 1, t.path || '/' || printf('%09d.%09d', u.sort_order, u.id)
  FROM ledger_units u JOIN tree t ON u.parent_id = t.id)`;
/** `sub` holds the unit bound as @unitId and everything under it. */
export const SUBTREE = `WITH RECURSIVE sub(id) AS (SELECT @unitId UNION ALL SELECT u.id FROM ledger_units u JOIN sub ON u.parent_id = sub.id)`;
const ENTRY_SELECT = `SELECT e.*, u.name AS unit_name, c.name AS category_name, c.measure
  FROM ledger_entries e JOIN ledger_units u ON u.id = e.unit_id JOIN ledger_categories c ON c.key = e.category_key`;

function entryWhere(f: EntryFilter): { with: string; where: string; params: Record<string, unknown> } {
  const parts = ['e.deleted = 0'];
  if (f.from) parts.push('e.day >= @from');
  if (f.to) parts.push('e.day <= @to');
  if (f.category) parts.push('e.category_key = @category');
  if (f.unitId !== undefined) parts.push('e.unit_id IN (SELECT id FROM sub)');
  return {
    with: f.unitId !== undefined ? SUBTREE : '',
    where: `WHERE ${parts.join(' AND ')}`,
    params: { from: f.from, to: f.to, category: f.category, unitId: f.unitId },
  };
}
/** Own media or own site: what a source says for the district itself (ownMedia false still leaves an own site its own). */
const OWN_SOURCE = `(json_valid(s.config_json) AND (coalesce(json_extract(s.config_json, '$.ownMedia'), 0) = 1
  OR coalesce(json_extract(s.config_json, '$.ownSite'), 0) = 1))`;
/** Titles the press-conference recogniser could take; it decides on these few in memory. */
const PRESS_SELECT = `SELECT i.id, i.title, i.url, i.source_id AS sourceId, i.kind, i.day, i.sort_at AS sortAt,
    coalesce(i.cluster_id, i.id) AS conference, ${OWN_SOURCE} AS own,
    d.state AS decision, d.decided_by AS decidedBy, d.decided_at AS decidedAt
  FROM items i JOIN sources s ON s.id = i.source_id LEFT JOIN ledger_press_decisions d ON d.item_id = i.id`;
/** Keep in step with the partial index of migration 0023_press_index.sql, term for term. */
export const PRESS_TITLE = `(instr(i.title, '发布会') > 0 OR instr(i.title, '通气会') > 0 OR instr(i.title, '吹风会') > 0
  OR instr(i.title, '發佈會') > 0 OR instr(i.title, '發布會') > 0 OR instr(i.title, '通氣會') > 0 OR instr(i.title, '吹風會') > 0)`;
const toPress = (r: PressDbRow): PressRow => ({ ...r, own: r.own === 1 });

const bound = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));

/** The outreach ledger's tables: units, categories, entries with their audit, zero reports. */
export function createLedgerRepo(db: Db) {
  // Press conferences are counted for work summaries: new items may take up to a minute to count
  // (a person's write, such as confirming a conference, shows at once).
  const cachedPress = createChangeCache(db, 16, { slowerTolerance: 60_000 });
  // Conference titles through their partial index (migration 0023); decided items from the few
  // decisions (CROSS JOIN keeps SQLite from walking every item of the period to find them).
  const pressRowsOf = db.prepare(`${PRESS_SELECT} WHERE i.id IN (
      SELECT i.id FROM items i WHERE i.day BETWEEN @from AND @to AND ${PRESS_TITLE}
      UNION SELECT p.item_id FROM ledger_press_decisions p CROSS JOIN items x ON x.id = p.item_id WHERE x.day BETWEEN @from AND @to)
    ORDER BY i.sort_at, i.id`);
  const insertEntry = db.prepare(
    `INSERT INTO ledger_entries (day, unit_id, category_key, quantity, note, library_id, topic_id, created_by, created_at, updated_at)
     VALUES (@day, @unitId, @categoryKey, @quantity, @note, @libraryId, @topicId, @by, @at, @at)`,
  );
  const insertAudit = db.prepare(
    'INSERT INTO ledger_audit (entity, entity_id, action, actor, at, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const sameFigure = db.prepare(
    `SELECT 1 FROM ledger_entries WHERE deleted = 0 AND day = ? AND unit_id = ? AND category_key = ? AND quantity = ? AND coalesce(note, '') = ? LIMIT 1`,
  );
  return {
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },

    listUnits(): LedgerUnit[] {
      return (db.prepare(`${TREE} SELECT * FROM tree ORDER BY path`).all() as UnitRow[]).map(toUnit);
    },
    getUnit(id: number): LedgerUnit | null {
      const row = db.prepare(`${TREE} SELECT * FROM tree WHERE id = ?`).get(id) as UnitRow | undefined;
      return row ? toUnit(row) : null;
    },
    unitIdByName(name: string): number | null {
      return (db.prepare('SELECT id FROM ledger_units WHERE name = ?').pluck().get(name) as number | undefined) ?? null;
    },
    subtreeIds(unitId: number): number[] {
      return db.prepare(`${SUBTREE} SELECT id FROM sub`).pluck().all({ unitId }) as number[];
    },
    createUnit(u: { name: string; kind: UnitKind; parentId: number | null; sortOrder: number }, at: string): number {
      return Number(
        db.prepare('INSERT INTO ledger_units (name, parent_id, kind, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(u.name, u.parentId, u.kind, u.sortOrder, at, at).lastInsertRowid,
      );
    },
    updateUnit(id: number, u: { name: string; kind: UnitKind; parentId: number | null; sortOrder: number }, at: string): void {
      db.prepare('UPDATE ledger_units SET name = ?, parent_id = ?, kind = ?, sort_order = ?, updated_at = ? WHERE id = ?')
        .run(u.name, u.parentId, u.kind, u.sortOrder, at, id);
    },
    /** What still refers to a unit: any of these blocks deleting it. Deleted entries count (their audit names it). */
    unitUsage(id: number): { children: number; entries: number; zeroReports: number; targets: number } {
      return db.prepare(`SELECT
          (SELECT count(*) FROM ledger_units WHERE parent_id = @id) AS children,
          (SELECT count(*) FROM ledger_entries WHERE unit_id = @id) AS entries,
          (SELECT count(*) FROM ledger_zero_reports WHERE unit_id = @id) AS zeroReports,
          (SELECT count(*) FROM ledger_targets WHERE unit_id = @id) AS targets`).get({ id }) as never;
    },
    deleteUnit(id: number): void {
      db.prepare('DELETE FROM ledger_units WHERE id = ?').run(id);
    },

    listCategories(): LedgerCategory[] {
      return (db.prepare('SELECT * FROM ledger_categories ORDER BY sort_order, key').all() as CategoryRow[]).map(toCategory);
    },
    createCategory(c: { key: string; name: string; measure: string; sortOrder: number }, at: string): void {
      db.prepare('INSERT INTO ledger_categories (key, name, measure, automatic, sort_order, created_at) VALUES (?, ?, ?, 0, ?, ?)')
        .run(c.key, c.name, c.measure, c.sortOrder, at);
    },

    listEntries(f: EntryFilter, limit: number, offset: number): { entries: LedgerEntry[]; total: number } {
      const w = entryWhere(f);
      const params = bound(w.params);
      const total = db.prepare(`${w.with} SELECT count(*) FROM ledger_entries e ${w.where}`).pluck().get(params) as number;
      const rows = db
        .prepare(`${w.with} ${ENTRY_SELECT} ${w.where} ORDER BY e.day DESC, e.id DESC LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit, offset }) as EntryRow[];
      return { entries: rows.map(toEntry), total };
    },
    getEntry(id: number): LedgerEntry | null {
      const row = db.prepare(`${ENTRY_SELECT} WHERE e.id = ? AND e.deleted = 0`).get(id) as EntryRow | undefined;
      return row ? toEntry(row) : null;
    },
    insertEntry(e: EntryWrite, by: string, at: string): number {
      return Number(insertEntry.run({ ...e, by, at }).lastInsertRowid);
    },
    updateEntry(id: number, e: EntryWrite, at: string): void {
      db.prepare(
        `UPDATE ledger_entries SET day = @day, unit_id = @unitId, category_key = @categoryKey, quantity = @quantity, note = @note,
           library_id = @libraryId, topic_id = @topicId, updated_at = @at WHERE id = @id`,
      ).run({ ...e, at, id });
    },
    softDeleteEntry(id: number, at: string): void {
      db.prepare('UPDATE ledger_entries SET deleted = 1, updated_at = ? WHERE id = ?').run(at, id);
    },
    /** Whether a live entry with exactly this figure (day, unit, category, quantity, note) exists. */
    hasFigure(f: { day: string; unitId: number; categoryKey: string; quantity: number; note: string | null }): boolean {
      return sameFigure.get(f.day, f.unitId, f.categoryKey, f.quantity, f.note ?? '') !== undefined;
    },
    /** Sum and count of live entries per category for a day range, optionally a unit's subtree. */
    sums(f: { from: string; to: string; unitId?: number; category?: string }): { categoryKey: string; quantity: number; entries: number }[] {
      const w = entryWhere(f);
      return db.prepare(
        `${w.with} SELECT e.category_key AS categoryKey, sum(e.quantity) AS quantity, count(*) AS entries
         FROM ledger_entries e ${w.where} GROUP BY e.category_key`,
      ).all(bound(w.params)) as never;
    },

    audit(entity: AuditEntity, id: number | string, action: string, actor: string, at: string, before: unknown, after: unknown): void {
      insertAudit.run(entity, String(id), action, actor, at, before == null ? null : JSON.stringify(before), after == null ? null : JSON.stringify(after));
    },
    history(entity: AuditEntity, id: number | string): LedgerAuditEntry[] {
      const rows = db.prepare('SELECT * FROM ledger_audit WHERE entity = ? AND entity_id = ? ORDER BY id').all(entity, String(id)) as AuditRow[];
      return rows.map((r) => ({
        id: r.id, action: r.action, actor: r.actor, at: r.at,
        before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
        after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
      }));
    },

    getZeroReport(unitId: number, day: string): ZeroReport | null {
      return (db.prepare(
        'SELECT unit_id AS unitId, day, reported_by AS reportedBy, reported_at AS reportedAt FROM ledger_zero_reports WHERE unit_id = ? AND day = ?',
      ).get(unitId, day) as ZeroReport | undefined) ?? null;
    },
    insertZeroReport(unitId: number, day: string, by: string, at: string): void {
      db.prepare('INSERT INTO ledger_zero_reports (unit_id, day, reported_by, reported_at) VALUES (?, ?, ?, ?)').run(unitId, day, by, at);
    },
    hasEntries(unitId: number, day: string): boolean {
      return db.prepare('SELECT 1 FROM ledger_entries WHERE unit_id = ? AND day = ? AND deleted = 0 LIMIT 1').get(unitId, day) !== undefined;
    },
    /** Units that reported for a day: a live entry or a zero report. */
    reportedUnitIds(day: string): Set<number> {
      const ids = db.prepare(
        `SELECT unit_id FROM ledger_entries WHERE day = @day AND deleted = 0 UNION SELECT unit_id FROM ledger_zero_reports WHERE day = @day`,
      ).pluck().all({ day }) as number[];
      return new Set(ids);
    },

    listTargets(): TargetRecord[] {
      return (db.prepare('SELECT * FROM ledger_targets ORDER BY period_start DESC, id').all() as TargetRow[]).map(toTarget);
    },
    getTarget(id: number): TargetRecord | null {
      const row = db.prepare('SELECT * FROM ledger_targets WHERE id = ?').get(id) as TargetRow | undefined;
      return row ? toTarget(row) : null;
    },
    insertTarget(t: TargetWrite, by: string, at: string): number {
      return Number(
        db.prepare(`INSERT INTO ledger_targets (category_key, unit_id, period_start, period_end, quantity, created_by, created_at, updated_at)
          VALUES (@categoryKey, @unitId, @periodStart, @periodEnd, @quantity, @by, @at, @at)`).run({ ...t, by, at }).lastInsertRowid,
      );
    },
    updateTarget(id: number, t: TargetWrite, at: string): void {
      db.prepare(`UPDATE ledger_targets SET category_key = @categoryKey, unit_id = @unitId, period_start = @periodStart,
        period_end = @periodEnd, quantity = @quantity, updated_at = @at WHERE id = @id`).run({ ...t, at, id });
    },
    deleteTarget(id: number): void {
      db.prepare('DELETE FROM ledger_targets WHERE id = ?').run(id);
    },

    /** Rebuttals published in [startIso, endIso) (UTC instants bounding Asia/Shanghai days), oldest first. */
    rebuttalIds(startIso: string, endIso: string): number[] {
      return db.prepare('SELECT id FROM rebuttals WHERE published_at >= ? AND published_at < ? ORDER BY published_at, id')
        .pluck().all(startIso, endIso) as number[];
    },
    /**
     * Own-media sources: `"ownMedia": true` in config_json, else the department's own site
     * (`"ownSite": true`, which the source contract already keeps); `"ownMedia": false` opts a site out.
     */
    ownMediaSourceIds(): string[] {
      return db.prepare(`SELECT id FROM sources WHERE json_valid(config_json)
          AND coalesce(json_extract(config_json, '$.ownMedia'), json_extract(config_json, '$.ownSite')) = 1 ORDER BY id`)
        .pluck().all() as string[];
    },
    /** Items of the given sources on Asia/Shanghai days from..to (items.day), oldest first. */
    itemIds(sourceIds: string[], from: string, to: string): number[] {
      if (!sourceIds.length) return [];
      return db.prepare(`SELECT id FROM items WHERE source_id IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ? ORDER BY sort_at, id`)
        .pluck().all(JSON.stringify(sourceIds), from, to) as number[];
    },

    /**
     * Outside media: sources that are neither own media nor the district's own site. Their news and
     * notices mentioning the district are 上级媒体报道.
     */
    externalSourceIds(): string[] {
      return db.prepare(`SELECT s.id FROM sources s WHERE NOT ${OWN_SOURCE} ORDER BY s.id`).pluck().all() as string[];
    },
    /**
     * News and notice items of the given sources on days from..to whose title or body contains any
     * needle (every needle contains a probe: see needleProbes), oldest first. The day range bounds the scan (items_day); each body is scanned once per
     * probe (needleProbes), and only where a probe occurs for the full needles.
     */
    mentionItemIds(sourceIds: string[], text: { needles: string[]; probes: string[] }, from: string, to: string): number[] {
      const { needles, probes } = text;
      if (!sourceIds.length || !needles.length || !probes.length) return [];
      const params: Record<string, string> = { sources: JSON.stringify(sourceIds), from, to };
      needles.forEach((n, i) => { params[`n${i}`] = n; });
      probes.forEach((p, i) => { params[`p${i}`] = p; });
      const any = (keys: string[]) => [...keys.map((k) => `instr(title, ${k}) > 0`), ...keys.map((k) => `instr(body, ${k}) > 0`)].join(' OR ');
      return db.prepare(`SELECT id FROM items INDEXED BY items_day WHERE day BETWEEN @from AND @to AND kind IN ('news', 'notice')
          AND source_id IN (SELECT value FROM json_each(@sources))
          AND (${any(probes.map((_, i) => `@p${i}`))}) AND (${any(needles.map((_, i) => `@n${i}`))}) ORDER BY sort_at, id`)
        .pluck().all(params) as number[];
    },

    /** Items on days from..to whose title names a conference, or that carry a decision, oldest first. */
    /** Reused until the database next changes: every ledger total with a press figure scans these days' items. */
    pressRows(from: string, to: string): readonly PressRow[] {
      return cachedPress(`${from}:${to}`, () => (pressRowsOf.all({ from, to }) as PressDbRow[]).map(toPress));
    },
    pressRow(itemId: number): PressRow | null {
      const row = db.prepare(`${PRESS_SELECT} WHERE i.id = ?`).get(itemId) as PressDbRow | undefined;
      return row ? toPress(row) : null;
    },
    setPressDecision(itemId: number, state: Exclude<PressState, 'recognised'> | null, by: string, at: string): void {
      if (state === null) db.prepare('DELETE FROM ledger_press_decisions WHERE item_id = ?').run(itemId);
      else {
        db.prepare(`INSERT INTO ledger_press_decisions (item_id, state, decided_by, decided_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (item_id) DO UPDATE SET state = excluded.state, decided_by = excluded.decided_by, decided_at = excluded.decided_at`)
          .run(itemId, state, by, at);
      }
    },

    /** Title, link and day of items by id, newest first (what an automatic figure lists). */
    itemSummaries(ids: number[]): { id: number; title: string; url: string | null; day: string; sourceId: string | null }[] {
      return db.prepare(`SELECT i.id, i.title, i.url, i.day, i.source_id AS sourceId FROM items i
          WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.sort_at DESC, i.id DESC`).all(JSON.stringify(ids)) as never;
    },
    /** The same for rebuttals; their day is the Asia/Shanghai day they were published. */
    rebuttalSummaries(ids: number[]): { id: number; title: string; url: string | null; day: string; sourceId: null }[] {
      return db.prepare(`SELECT id, title, url, date(published_at, '+8 hours') AS day, NULL AS sourceId FROM rebuttals
          WHERE id IN (SELECT value FROM json_each(?)) ORDER BY published_at DESC, id DESC`).all(JSON.stringify(ids)) as never;
    },

    getDistrict(): StoredDistrict | null {
      const row = db.prepare('SELECT name, aliases_json, updated_by, updated_at FROM district_profile WHERE id = 1').get() as
        { name: string; aliases_json: string; updated_by: string; updated_at: string } | undefined;
      return row ? { name: row.name, aliases: JSON.parse(row.aliases_json) as string[], updatedBy: row.updated_by, updatedAt: row.updated_at } : null;
    },
    setDistrict(p: DistrictProfile, by: string, at: string): void {
      db.prepare(`INSERT INTO district_profile (id, name, aliases_json, updated_by, updated_at) VALUES (1, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, aliases_json = excluded.aliases_json,
          updated_by = excluded.updated_by, updated_at = excluded.updated_at`).run(p.name, JSON.stringify(p.aliases), by, at);
    },
    settingsAudit(entity: SettingsEntity, id: number | string, action: string, actor: string, at: string, before: unknown, after: unknown): void {
      db.prepare('INSERT INTO ledger_settings_audit (entity, entity_id, action, actor, at, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(entity, String(id), action, actor, at, before == null ? null : JSON.stringify(before), after == null ? null : JSON.stringify(after));
    },

    libraryExists(id: number): boolean {
      return db.prepare('SELECT 1 FROM rumour_library WHERE id = ?').get(id) !== undefined;
    },
    topicExists(id: number): boolean {
      return db.prepare('SELECT 1 FROM topics WHERE id = ?').get(id) !== undefined;
    },
  };
}

export type LedgerRepo = ReturnType<typeof createLedgerRepo>;
