import type {
  ClockReport,
  LibraryCreate,
  LibraryEntry,
  LibraryImportBody,
  LibraryImportResult,
  LibraryMerge,
  LibraryPage,
  LibraryPatch,
  LibraryQuery,
  Rebuttal,
  RebuttalCreate,
  SightingsView,
} from '../contracts/library';
import { ConflictError, NotFoundError, fieldFailures } from '../errors';
import type { ItemsRepo } from '../repositories/items-repo';
import type { LibraryRepo, LibraryRow } from '../repositories/library-repo';
import type { ReviewsRepo } from '../repositories/reviews-repo';
import type { ClaimMatcher } from './claim-matching';
import type { EventBus } from './event-bus';
import { parseLibraryImport, toCsv } from './library-import';
import { clockOf, clockReport } from './rumour-clock';

const SIGHTINGS_LISTED = 200;

/**
 * The known-rumour library: entries made from confirmed items (or imported), kept in the claim
 * index so later copies are recognised; rebuttal records; the rumour clock. Whenever what the index
 * holds changes, onLibraryChanged asks for existing items to be matched again in the background.
 */
export function createLibraryService(deps: {
  library: LibraryRepo;
  reviews: ReviewsRepo;
  items: Pick<ItemsRepo, 'getItem'>;
  matcher: ClaimMatcher;
  normalise: (s: string) => string;
  onLibraryChanged?: (reason: string) => void;
  onRebuttal?: (id: number) => void;
  events?: EventBus;
  now?: () => Date;
}) {
  const changed = (id: number) => deps.events?.emit('library', { id });
  const now = deps.now ?? (() => new Date());
  const { library, reviews } = deps;

  function mustGet(id: number): LibraryRow {
    const row = library.get(id);
    if (!row) throw new NotFoundError('library entry', id);
    return row;
  }

  function snapshot(r: LibraryRow) {
    return { claim: r.claim, category: r.category, unit: r.unit, rebuttalText: r.rebuttal_text, mergedInto: r.merged_into };
  }

  function toEntry(r: LibraryRow): LibraryEntry {
    const rebuttals = library.rebuttalsOf(r.id);
    return {
      id: r.id,
      claim: r.claim,
      category: r.category,
      unit: r.unit,
      rebuttalText: r.rebuttal_text,
      sourceItemId: r.source_item_id,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      mergedInto: r.merged_into,
      sightings: library.sightingCounts(r.id),
      rebuttals,
      clock: clockOf({ firstSeenAt: r.first_seen_at, confirmedAt: r.confirmed_at, rebuttedAt: rebuttals[0]?.publishedAt ?? null }),
    };
  }

  /** Writes the entry and its audit record; the index learns it only after the commit. */
  function insertEntry(input: LibraryCreate, at: string): number {
    const item = input.fromItemId ? deps.items.getItem(input.fromItemId) : null;
    if (input.fromItemId && !item) throw new NotFoundError('item', input.fromItemId);
    const firstSeenAt = input.firstSeenAt
      ? new Date(input.firstSeenAt).toISOString()
      : item
        ? (item.publishedAt ?? item.collectedAt)
        : at;
    const id = library.create({
      claim: input.claim,
      category: input.category,
      unit: input.unit ?? null,
      rebuttalText: input.rebuttalText ?? null,
      sourceItemId: item?.id ?? null,
      firstSeenAt: firstSeenAt < at ? firstSeenAt : at,
      confirmedAt: at,
      createdBy: input.actor,
      at,
    });
    reviews.audit('library', id, 'create', input.actor, at, null, { ...snapshot(mustGet(id)), sourceItemId: item?.id ?? null });
    if (item) library.addManual(id, item.id, item.publishedAt ?? item.collectedAt);
    return id;
  }

  return {
    /** For the review service: create inside its verdict transaction, then call indexEntry(). */
    insertEntry,

    indexEntry(id: number): void {
      const row = mustGet(id);
      deps.matcher.add(id, row.claim);
      changed(id);
      deps.onLibraryChanged?.(`library entry ${id} added`);
    },

    exists(id: number): boolean {
      const row = library.get(id);
      return !!row && row.merged_into === null;
    },

    create(input: LibraryCreate): LibraryEntry {
      const at = now().toISOString();
      const id = library.transaction(() => insertEntry(input, at));
      if (input.fromItemId) reviews.linkLibrary(input.fromItemId, id, input.actor, at);
      this.indexEntry(id);
      return toEntry(mustGet(id));
    },

    get(id: number): LibraryEntry {
      return toEntry(mustGet(id));
    },

    list(q: LibraryQuery): LibraryPage {
      const { rows, total } = library.list(
        { q: q.q?.trim() || undefined, category: q.category, showMerged: q.merged === 'show' },
        q.pageSize,
        (q.page - 1) * q.pageSize,
      );
      return { entries: rows.map(toEntry), total, page: q.page, pageSize: q.pageSize };
    },

    update(id: number, patch: LibraryPatch): LibraryEntry {
      const before = mustGet(id);
      if (before.merged_into !== null) {
        throw new ConflictError(`library entry ${id} was merged into ${before.merged_into}; edit that one`, 'merged', { id, into: before.merged_into });
      }
      const at = now().toISOString();
      const fields: Parameters<LibraryRepo['update']>[1] = {};
      if (patch.claim !== undefined) fields.claim = patch.claim;
      if (patch.category !== undefined) fields.category = patch.category;
      if (patch.unit !== undefined) fields.unit = patch.unit;
      if (patch.rebuttalText !== undefined) fields.rebuttal_text = patch.rebuttalText;
      library.transaction(() => {
        library.update(id, fields, at);
        reviews.audit('library', id, 'update', patch.actor, at, snapshot(before), snapshot(mustGet(id)));
      });
      if (patch.claim !== undefined && patch.claim !== before.claim) {
        deps.matcher.remove(id);
        deps.matcher.add(id, patch.claim);
        deps.onLibraryChanged?.(`library entry ${id} claim edited`);
      }
      changed(id);
      return toEntry(mustGet(id));
    },

    /** Two entries for one claim: `id` goes into `into` with its sightings, rebuttals and verdicts. */
    merge(id: number, body: LibraryMerge): LibraryEntry {
      if (id === body.into) throw fieldFailures.selfReference('into', 'library-entry');
      const from = mustGet(id);
      const into = mustGet(body.into);
      if (from.merged_into !== null) throw new ConflictError(`library entry ${id} is already merged into ${from.merged_into}`, 'merged', { id, into: from.merged_into });
      if (into.merged_into !== null) {
        throw new ConflictError(`library entry ${body.into} is itself merged into ${into.merged_into}`, 'merged', { id: body.into, into: into.merged_into });
      }
      const at = now().toISOString();
      library.transaction(() => {
        library.merge(id, body.into, at);
        reviews.audit('library', id, 'merge', body.actor, at, snapshot(from), snapshot(mustGet(id)));
        reviews.audit('library', body.into, 'absorb', body.actor, at, null, { absorbed: id });
      });
      deps.matcher.remove(id);
      deps.onLibraryChanged?.(`library entry ${id} merged into ${body.into}`);
      changed(id);
      changed(body.into);
      return toEntry(mustGet(body.into));
    },

    sightings(id: number): SightingsView {
      mustGet(id);
      const { items, perDay } = library.sightings(id, SIGHTINGS_LISTED);
      return { libraryId: id, items, perDay };
    },

    /** The entry's own changes and those of the rebuttals recorded for it, in order. */
    history(id: number) {
      mustGet(id);
      const rebuttalEntries = library.rebuttalsOf(id).flatMap((r) => reviews.listAudit('rebuttal', r.id));
      return [...reviews.listAudit('library', id), ...rebuttalEntries].sort((a, b) => a.id - b.id);
    },

    /** All or nothing: any bad row fails the whole import, naming each row and field. */
    import(body: LibraryImportBody): LibraryImportResult {
      const rows = parseLibraryImport(body.format, body.content);
      const known = new Set(library.all().map((r) => deps.normalise(r.claim)));
      const fresh = rows.filter((r) => {
        const key = deps.normalise(r.claim);
        if (known.has(key)) return false;
        known.add(key);
        return true;
      });
      if (!body.dryRun && fresh.length) {
        const at = now().toISOString();
        const ids = library.transaction(() =>
          fresh.map((r) =>
            insertEntry(
              {
                claim: r.claim,
                category: r.category,
                unit: r.unit ?? null,
                rebuttalText: r.rebuttalText ?? null,
                firstSeenAt: r.firstSeenAt ?? undefined,
                actor: body.actor,
              },
              at,
            ),
          ),
        );
        for (const id of ids) deps.matcher.add(id, mustGet(id).claim);
        deps.onLibraryChanged?.(`${ids.length} library entries imported`);
        if (ids[0] !== undefined) changed(ids[0]);
      }
      return { rows: rows.length, imported: body.dryRun ? 0 : fresh.length, existing: rows.length - fresh.length, dryRun: body.dryRun };
    },

    export(format: 'json' | 'csv'): string {
      const rows = library
        .all()
        .filter((r) => r.merged_into === null)
        .map((r) => ({
          claim: r.claim,
          category: r.category,
          unit: r.unit,
          rebuttalText: r.rebuttal_text,
          firstSeenAt: r.first_seen_at,
        }));
      return format === 'json' ? JSON.stringify(rows, null, 2) : toCsv(rows);
    },

    createRebuttal(body: RebuttalCreate): Rebuttal {
      for (const id of body.libraryIds) {
        if (!this.exists(id)) throw fieldFailures.unknown('libraryIds', 'library-entry', id);
      }
      const at = now().toISOString();
      const id = library.transaction(() => {
        const rid = library.createRebuttal({
          title: body.title,
          text: body.text,
          url: body.url ?? null,
          channels: body.channels,
          publishedAt: new Date(body.publishedAt).toISOString(),
          libraryIds: body.libraryIds,
          createdBy: body.actor,
          at,
        });
        reviews.audit('rebuttal', rid, 'create', body.actor, at, null, { title: body.title, libraryIds: body.libraryIds, channels: body.channels });
        return rid;
      });
      deps.onRebuttal?.(id);
      for (const lib of body.libraryIds) changed(lib);
      return library.getRebuttal(id)!;
    },

    listRebuttals(page: number, pageSize: number) {
      const { total, ids } = library.listRebuttals(pageSize, (page - 1) * pageSize);
      return { rebuttals: ids.map((id) => library.getRebuttal(id)!), total, page, pageSize };
    },

    /** The rumour clock over every entry, or over those confirmed in [fromIso, toIso) (a report's period). */
    clock(period?: { fromIso: string; toIso: string }): ClockReport {
      const rows = library.clockRows();
      const inPeriod = period ? rows.filter((r) => r.confirmed_at >= period.fromIso && r.confirmed_at < period.toIso) : rows;
      return clockReport(
        inPeriod.map((r) => ({ unit: r.unit, firstSeenAt: r.first_seen_at, confirmedAt: r.confirmed_at, rebuttedAt: r.rebutted_at })),
      );
    },

    /** Rebuilds the in-memory claim index from SQLite (at start-up). */
    rebuildIndex(): number {
      const live = library.liveClaims();
      for (const { id, claim } of live) deps.matcher.add(id, claim);
      return live.length;
    },

    claimOf(id: number): string | null {
      return library.get(id)?.claim ?? null;
    },
  };
}

export type LibraryService = ReturnType<typeof createLibraryService>;
