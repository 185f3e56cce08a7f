import type {
  BasisRecords, CategoryCreate, EntryInput, EntryPage, EntryPatch, EntryQuery, LedgerAuditEntry, LedgerCategory, LedgerEntry, LedgerImportBody,
  LedgerImportResult, LedgerTarget, LedgerTotals, LedgerUnit, MissingReports, TargetInput, TargetPatch, TotalsQuery, UnitCreate,
  UnitPatch, ZeroReport, ZeroReportInput,
} from '../contracts/ledger';
import { ConflictError, NotFoundError, ValidationError, fieldFailures, nameTaken } from '../errors';
import { isDayString, shanghaiDay } from '../lib/time';
import type { EntryWrite, LedgerRepo, TargetWrite } from '../repositories/ledger-repo';
import { automaticFigure } from './ledger-automatic';
import { readImportTable, validateImportRows } from './ledger-import';
import { createLedgerMedia } from './ledger-media';
import { importTemplate } from './ledger-template';

/** Records listed behind an automatic figure; the figure itself says how many there are. */
const BASIS_RECORDS = 500;
const invalid = (path: string, message: string) => new ValidationError(`${path}: ${message}`, [{ path, message }]);

/**
 * The outreach ledger: reporting units, output categories, the daily figures they file (every
 * change audited), zero reports, targets and the totals the work summaries quote. Days are
 * Asia/Shanghai calendar days throughout.
 */
export function createLedgerService(deps: { ledger: LedgerRepo; now?: () => Date }) {
  const { ledger } = deps;
  const now = () => deps.now?.() ?? new Date();
  const today = () => shanghaiDay(now());

  const unitOrThrow = (id: number): LedgerUnit => {
    const u = ledger.getUnit(id);
    if (!u) throw new NotFoundError('unit', id);
    return u;
  };
  const category = (key: string): LedgerCategory | undefined => ledger.listCategories().find((c) => c.key === key);
  const pastDay = (day: string, path = 'day') => {
    if (!isDayString(day)) throw fieldFailures.notADay(path, day);
    if (day > today()) throw fieldFailures.futureDay(path, day, today());
  };
  const checkRange = (from: string, to: string) => {
    if (!isDayString(from)) throw fieldFailures.notADay('from', from);
    if (!isDayString(to)) throw fieldFailures.notADay('to', to);
    if (from > to) throw fieldFailures.periodReversed('to');
  };

  /** Checks a figure's references; automatic categories are counted, never typed. */
  function checkEntry(e: EntryWrite): void {
    pastDay(e.day);
    if (!ledger.getUnit(e.unitId)) throw fieldFailures.unknown('unitId', 'unit', e.unitId);
    const cat = category(e.categoryKey);
    if (!cat) throw fieldFailures.unknown('categoryKey', 'category', e.categoryKey);
    if (cat.automatic) throw invalid('categoryKey', `${cat.name} is counted automatically and cannot be typed`);
    if (e.libraryId !== null && !ledger.libraryExists(e.libraryId)) throw fieldFailures.unknown('libraryId', 'library-entry', e.libraryId);
    if (e.topicId !== null && !ledger.topicExists(e.topicId)) throw fieldFailures.unknown('topicId', 'topic', e.topicId);
  }

  /** Typed sums per category plus, for the whole district, the automatic counts. */
  function totals(q: TotalsQuery): LedgerTotals {
    checkRange(q.from, q.to);
    if (q.unitId !== undefined) unitOrThrow(q.unitId);
    const sums = new Map(ledger.sums(q).map((s) => [s.categoryKey, s]));
    const out: LedgerTotals['totals'] = [];
    for (const c of ledger.listCategories()) {
      const base = { key: c.key, name: c.name, measure: c.measure, automatic: c.automatic };
      if (!c.automatic) {
        const s = sums.get(c.key);
        out.push({ ...base, quantity: s?.quantity ?? 0, entries: s?.entries ?? 0, basis: null });
        continue;
      }
      // Rebuttals and items belong to no unit, so automatic figures are district-wide only.
      if (q.unitId !== undefined) continue;
      const fig = automaticFigure(ledger, c.key, q.from, q.to);
      if (fig) out.push({ ...base, quantity: fig.quantity, entries: 0, basis: fig.basis });
    }
    return { from: q.from, to: q.to, unitId: q.unitId ?? null, totals: out };
  }

  function progress(t: Omit<LedgerTarget, 'progress'>): LedgerTarget {
    const row = totals({ from: t.periodStart, to: t.periodEnd, unitId: t.unitId ?? undefined }).totals.find((x) => x.key === t.categoryKey);
    const actual = row?.quantity ?? 0;
    return { ...t, progress: { actual, ratio: Math.round((actual / t.quantity) * 10_000) / 10_000 } };
  }

  function checkTarget(t: TargetWrite): void {
    checkRange(t.periodStart, t.periodEnd);
    const cat = category(t.categoryKey);
    if (!cat) throw fieldFailures.unknown('categoryKey', 'category', t.categoryKey);
    if (t.unitId !== null && !ledger.getUnit(t.unitId)) throw fieldFailures.unknown('unitId', 'unit', t.unitId);
    if (cat.automatic && t.unitId !== null) throw invalid('unitId', `${cat.name} is counted district-wide; its target cannot name a unit`);
  }

  return {
    // The district profile and press-conference decisions the automatic media counts use.
    ...createLedgerMedia({ ledger, now }),

    /** The rebuttals or items an automatic figure counts (at most 500, newest first). */
    basisRecords(key: string, q: { from: string; to: string }): BasisRecords {
      checkRange(q.from, q.to);
      const cat = category(key);
      if (!cat) throw new NotFoundError('category', key);
      if (!cat.automatic) throw invalid('key', `${cat.name} is typed by units: list its entries with /api/ledger/entries?category=${key}`);
      const fig = automaticFigure(ledger, key, q.from, q.to);
      if (!fig) throw invalid('key', `${cat.name} has no counter`);
      const ids = fig.basis.ids.slice(0, BASIS_RECORDS);
      const records = fig.basis.kind === 'rebuttals' ? ledger.rebuttalSummaries(ids) : ledger.itemSummaries(ids);
      return { key, kind: fig.basis.kind, total: fig.quantity, truncated: fig.quantity > records.length, records };
    },

    units(): LedgerUnit[] {
      return ledger.listUnits();
    },
    createUnit(b: UnitCreate): LedgerUnit {
      if (ledger.unitIdByName(b.name) !== null) throw nameTaken('unit', b.name);
      if (b.parentId != null && !ledger.getUnit(b.parentId)) throw fieldFailures.unknown('parentId', 'unit', b.parentId);
      const at = now().toISOString();
      const id = ledger.transaction(() => {
        const id = ledger.createUnit({ name: b.name, kind: b.kind, parentId: b.parentId ?? null, sortOrder: b.sortOrder }, at);
        ledger.audit('unit', id, 'create', b.actor, at, null, { name: b.name, kind: b.kind, parentId: b.parentId ?? null });
        return id;
      });
      return unitOrThrow(id);
    },
    /** Rename, re-kind or move; a unit can never move under itself or its own descendants. */
    updateUnit(id: number, p: UnitPatch): LedgerUnit {
      const before = unitOrThrow(id);
      const next = { name: p.name ?? before.name, kind: p.kind ?? before.kind, parentId: p.parentId === undefined ? before.parentId : p.parentId, sortOrder: p.sortOrder ?? before.sortOrder };
      const clash = ledger.unitIdByName(next.name);
      if (clash !== null && clash !== id) throw nameTaken('unit', next.name);
      if (next.parentId !== null) {
        if (!ledger.getUnit(next.parentId)) throw fieldFailures.unknown('parentId', 'unit', next.parentId);
        if (ledger.subtreeIds(id).includes(next.parentId)) throw fieldFailures.selfReference('parentId', 'unit');
      }
      const at = now().toISOString();
      ledger.transaction(() => {
        ledger.updateUnit(id, next, at);
        ledger.audit('unit', id, 'update', p.actor, at, before, next);
      });
      return unitOrThrow(id);
    },
    /** Only an unused unit goes: entries, sub-units, zero reports and targets keep it. */
    deleteUnit(id: number, actor: string): void {
      const before = unitOrThrow(id);
      const use = ledger.unitUsage(id);
      const why = Object.entries(use).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
      if (why.length) throw new ConflictError(`unit ${before.name} is in use (${why.join(', ')}); rename or move it instead`, 'unit_in_use', { name: before.name, ...use });
      const at = now().toISOString();
      ledger.transaction(() => {
        ledger.deleteUnit(id);
        ledger.audit('unit', id, 'delete', actor, at, before, null);
      });
    },

    categories(): LedgerCategory[] {
      return ledger.listCategories();
    },
    createCategory(b: CategoryCreate): LedgerCategory {
      const all = ledger.listCategories();
      if (all.some((c) => c.key === b.key)) throw new ConflictError(`category ${b.key} already exists`, 'id_taken', { what: 'category', value: b.key });
      if (all.some((c) => c.name === b.name)) throw nameTaken('category', b.name);
      const at = now().toISOString();
      ledger.transaction(() => {
        ledger.createCategory(b, at);
        ledger.audit('category', b.key, 'create', b.actor, at, null, { name: b.name, measure: b.measure });
      });
      return category(b.key)!;
    },

    listEntries(q: EntryQuery): EntryPage {
      if (q.unitId !== undefined) unitOrThrow(q.unitId);
      const { entries, total } = ledger.listEntries(q, q.pageSize, (q.page - 1) * q.pageSize);
      return { entries, total, page: q.page, pageSize: q.pageSize };
    },
    createEntry(b: EntryInput): LedgerEntry {
      const e: EntryWrite = { day: b.day, unitId: b.unitId, categoryKey: b.categoryKey, quantity: b.quantity, note: b.note || null, libraryId: b.libraryId ?? null, topicId: b.topicId ?? null };
      checkEntry(e);
      const at = now().toISOString();
      const id = ledger.transaction(() => {
        const id = ledger.insertEntry(e, b.actor, at);
        ledger.audit('entry', id, 'create', b.actor, at, null, e);
        return id;
      });
      return ledger.getEntry(id)!;
    },
    getEntry(id: number): LedgerEntry {
      const e = ledger.getEntry(id);
      if (!e) throw new NotFoundError('entry', id);
      return e;
    },
    updateEntry(id: number, p: EntryPatch): LedgerEntry {
      const cur = ledger.getEntry(id);
      if (!cur) throw new NotFoundError('entry', id);
      const before: EntryWrite = { day: cur.day, unitId: cur.unitId, categoryKey: cur.categoryKey, quantity: cur.quantity, note: cur.note, libraryId: cur.libraryId, topicId: cur.topicId };
      const { actor, ...changes } = p;
      const after: EntryWrite = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
      if (after.note === '') after.note = null;
      checkEntry(after);
      const at = now().toISOString();
      ledger.transaction(() => {
        ledger.updateEntry(id, after, at);
        ledger.audit('entry', id, 'update', actor, at, before, after);
      });
      return ledger.getEntry(id)!;
    },
    deleteEntry(id: number, actor: string): void {
      const cur = ledger.getEntry(id);
      if (!cur) throw new NotFoundError('entry', id);
      const at = now().toISOString();
      ledger.transaction(() => {
        ledger.softDeleteEntry(id, at);
        ledger.audit('entry', id, 'delete', actor, at, cur, null);
      });
    },
    /** An entry's audit trail, deleted entries included (that is what the trail is for). */
    entryHistory(id: number): LedgerAuditEntry[] {
      const h = ledger.history('entry', id);
      if (!h.length) throw new NotFoundError('entry', id);
      return h;
    },

    totals,

    /** One click: "nothing to report" for a unit and day (today by default). Repeating it is harmless. */
    zeroReport(b: ZeroReportInput): ZeroReport {
      const day = b.day ?? today();
      pastDay(day);
      unitOrThrow(b.unitId);
      const existing = ledger.getZeroReport(b.unitId, day);
      if (existing) return existing;
      if (ledger.hasEntries(b.unitId, day)) throw new ConflictError(`unit ${b.unitId} already has entries for ${day}`, 'entries_exist', { unitId: b.unitId, day });
      const at = now().toISOString();
      ledger.transaction(() => {
        ledger.insertZeroReport(b.unitId, day, b.actor, at);
        ledger.audit('zero-report', `${b.unitId}:${day}`, 'create', b.actor, at, null, { unitId: b.unitId, day });
      });
      return ledger.getZeroReport(b.unitId, day)!;
    },
    missingReports(day = today()): MissingReports {
      if (!isDayString(day)) throw fieldFailures.notADay('day', day);
      const units = ledger.listUnits();
      const reported = ledger.reportedUnitIds(day);
      const missing = units.filter((u) => !reported.has(u.id));
      return { day, units: missing, reported: units.length - missing.length, total: units.length };
    },

    targets(): LedgerTarget[] {
      return ledger.listTargets().map(progress);
    },
    getTarget(id: number): LedgerTarget {
      const t = ledger.getTarget(id);
      if (!t) throw new NotFoundError('target', id);
      return progress(t);
    },
    createTarget(b: TargetInput): LedgerTarget {
      const t: TargetWrite = { categoryKey: b.categoryKey, unitId: b.unitId ?? null, periodStart: b.periodStart, periodEnd: b.periodEnd, quantity: b.quantity };
      checkTarget(t);
      const at = now().toISOString();
      const id = ledger.transaction(() => {
        const id = ledger.insertTarget(t, b.actor, at);
        ledger.audit('target', id, 'create', b.actor, at, null, t);
        return id;
      });
      return progress(ledger.getTarget(id)!);
    },
    updateTarget(id: number, p: TargetPatch): LedgerTarget {
      const cur = ledger.getTarget(id);
      if (!cur) throw new NotFoundError('target', id);
      const before: TargetWrite = { categoryKey: cur.categoryKey, unitId: cur.unitId, periodStart: cur.periodStart, periodEnd: cur.periodEnd, quantity: cur.quantity };
      const { actor, ...changes } = p;
      const after: TargetWrite = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
      checkTarget(after);
      const at = now().toISOString();
      ledger.transaction(() => {
        ledger.updateTarget(id, after, at);
        ledger.audit('target', id, 'update', actor, at, before, after);
      });
      return progress(ledger.getTarget(id)!);
    },
    deleteTarget(id: number, actor: string): void {
      const cur = ledger.getTarget(id);
      if (!cur) throw new NotFoundError('target', id);
      const at = now().toISOString();
      ledger.transaction(() => {
        ledger.deleteTarget(id);
        ledger.audit('target', id, 'delete', actor, at, cur, null);
      });
    },

    /**
     * Bulk import, all or nothing: every row is checked first; any bad row fails the whole file
     * (422 naming each row and column) and nothing is written. A dry run returns the preview instead.
     */
    /** A unit and every unit under it: what a unit reporter may see and file for. */
    subtree(unitId: number): number[] {
      return ledger.subtreeIds(unitId);
    },

    /** Imports a file; with `scope`, rows naming units outside it are errors (a reporter files for their own units). */
    async import(b: LedgerImportBody, scope?: ReadonlySet<number>): Promise<LedgerImportResult> {
      const table = await readImportTable(b.format, b.content);
      const units = new Map(ledger.listUnits().filter((u) => !scope || scope.has(u.id)).map((u) => [u.name, u.id]));
      const cats = new Map<string, LedgerCategory>();
      for (const c of ledger.listCategories()) cats.set(c.key, c).set(c.name, c);
      const preview = validateImportRows(table, {
        unitId: (name) => units.get(name) ?? null,
        category: (name) => cats.get(name) ?? null,
        today: today(),
        exists: (f) => ledger.hasFigure(f),
      });
      const errors = preview.flatMap((r) => r.errors);
      if (b.dryRun) return { dryRun: true, rows: preview.length, imported: 0, errors, preview };
      if (errors.length) {
        const bad = new Set(errors.map((e) => e.row)).size;
        throw new ValidationError(
          `${bad} of ${preview.length} row(s) have errors; nothing was imported`,
          errors.map((e) => ({ path: `row ${e.row}.${e.column}`, message: e.message, code: e.code, ...(e.params ? { params: e.params } : {}) })),
        );
      }
      const at = now().toISOString();
      ledger.transaction(() => {
        for (const r of preview) {
          const e: EntryWrite = { day: r.day!, unitId: r.unitId!, categoryKey: r.categoryKey!, quantity: r.quantity!, note: r.note, libraryId: null, topicId: null };
          const id = ledger.insertEntry(e, b.actor, at);
          ledger.audit('entry', id, 'import', b.actor, at, null, e);
        }
      });
      return { dryRun: false, rows: preview.length, imported: preview.length, errors: [], preview: [] };
    },
    template(format: 'csv' | 'xlsx') {
      return importTemplate(format, ledger.listUnits(), ledger.listCategories());
    },
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
