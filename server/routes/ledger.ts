import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ForbiddenError } from '../errors';
import type { Authenticated } from '../services/auth-service';
import {
  ActorQuery, BasisQuery, BasisRecords, CategoryCreate, EntryInput, EntryPage, EntryPatch, EntryQuery, LedgerAuditEntry, LedgerCategory, LedgerEntry,
  LedgerImportBody, LedgerImportResult, LedgerTarget, LedgerTotals, LedgerUnit, MissingQuery, MissingReports, PressCandidate,
  PressCandidates, PressDecision, PressQuery, TargetInput, TargetPatch, TemplateQuery, TotalsQuery, UnitCreate, UnitPatch, ZeroReport,
  ZeroReportInput,
} from '../contracts/ledger';
import { DistrictInput, DistrictProfile } from '../contracts/ledger-district';
import { createRouter, jsonBody, jsonResponses, problemResponses } from '../http/openapi-app';
import type { LedgerService } from '../services/ledger-service';
import { IdParam } from './items';

const tags = ['ledger'];
const ok = <T extends z.ZodType>(schema: T, description: string, status: 200 | 201 = 200) =>
  jsonResponses(schema, description, { status, conflict: 'Conflicts with the ledger, e.g. a name already taken or a unit in use' });
const deleted = { 204: { description: 'Deleted' }, ...problemResponses, 409: { description: 'In use (problem+json)' } };

const unitsRoute = createRoute({
  method: 'get', path: '/ledger/units', tags,
  summary: 'Reporting units, flat in tree order (parents first, with depth and parentId)',
  responses: ok(z.object({ units: z.array(LedgerUnit) }), 'Every unit'),
});
const createUnitRoute = createRoute({
  method: 'post', path: '/ledger/units', tags, summary: 'Add a reporting unit (names are unique across the tree)',
  request: { body: jsonBody(UnitCreate) }, responses: ok(LedgerUnit, 'The unit', 201),
});
const patchUnitRoute = createRoute({
  method: 'patch', path: '/ledger/units/{id}', tags, summary: 'Rename, re-kind, re-order or move a unit (never under itself)',
  request: { params: IdParam, body: jsonBody(UnitPatch) }, responses: ok(LedgerUnit, 'The unit'),
});
const deleteUnitRoute = createRoute({
  method: 'delete', path: '/ledger/units/{id}', tags,
  summary: 'Delete an unused unit (409 while entries, sub-units, zero reports or targets refer to it)',
  request: { params: IdParam, query: ActorQuery }, responses: deleted,
});

const categoriesRoute = createRoute({
  method: 'get', path: '/ledger/categories', tags, summary: 'Output categories with their measure words; automatic ones are counted, never typed',
  responses: ok(z.object({ categories: z.array(LedgerCategory) }), 'Every category'),
});
const createCategoryRoute = createRoute({
  method: 'post', path: '/ledger/categories', tags, summary: 'Add a custom (typed) output category',
  request: { body: jsonBody(CategoryCreate) }, responses: ok(LedgerCategory, 'The category', 201),
});

const entriesRoute = createRoute({
  method: 'get', path: '/ledger/entries', tags, summary: 'Entries by day range, unit (with its sub-units) and category, newest day first',
  request: { query: EntryQuery }, responses: ok(EntryPage, 'A page of entries'),
});
const createEntryRoute = createRoute({
  method: 'post', path: '/ledger/entries', tags, summary: 'File one figure for a unit and day (today or earlier, Asia/Shanghai)',
  request: { body: jsonBody(EntryInput) }, responses: ok(LedgerEntry, 'The entry', 201),
});
const patchEntryRoute = createRoute({
  method: 'patch', path: '/ledger/entries/{id}', tags, summary: 'Correct an entry (audited: who, when, before, after)',
  request: { params: IdParam, body: jsonBody(EntryPatch) }, responses: ok(LedgerEntry, 'The entry'),
});
const deleteEntryRoute = createRoute({
  method: 'delete', path: '/ledger/entries/{id}', tags, summary: 'Delete an entry (kept for its audit trail, no longer counted)',
  request: { params: IdParam, query: ActorQuery }, responses: deleted,
});
const entryHistoryRoute = createRoute({
  method: 'get', path: '/ledger/entries/{id}/history', tags, summary: "An entry's audit trail, oldest first",
  request: { params: IdParam }, responses: ok(z.array(LedgerAuditEntry), 'Oldest first'),
});

const totalsRoute = createRoute({
  method: 'get', path: '/ledger/totals', tags,
  summary: 'Sum per category for a period and unit subtree; automatic figures (district only) list what they count',
  request: { query: TotalsQuery }, responses: ok(LedgerTotals, 'Totals in category order'),
});

const KeyParam = z.object({ key: z.string().max(40).openapi({ param: { name: 'key', in: 'path' }, example: 'higher-media' }) });
const basisRoute = createRoute({
  method: 'get', path: '/ledger/totals/{key}/records', tags,
  summary: 'The rebuttals or items an automatic figure counts for a period (at most 500, newest first), to check the number',
  request: { params: KeyParam, query: BasisQuery }, responses: ok(BasisRecords, 'What the figure is made of'),
});

const zeroReportRoute = createRoute({
  method: 'post', path: '/ledger/zero-reports', tags,
  summary: '零报告: a unit has nothing to report for a day (today by default); repeating it is harmless',
  request: { body: jsonBody(ZeroReportInput) }, responses: ok(ZeroReport, 'The zero report', 201),
});
const missingRoute = createRoute({
  method: 'get', path: '/ledger/missing-reports', tags, summary: 'Units with neither an entry nor a zero report for a day (today by default)',
  request: { query: MissingQuery }, responses: ok(MissingReports, 'Units yet to report'),
});

const targetsRoute = createRoute({
  method: 'get', path: '/ledger/targets', tags, summary: 'Targets with progress (done in the period / target)',
  responses: ok(z.object({ targets: z.array(LedgerTarget) }), 'Every target'),
});
const getTargetRoute = createRoute({
  method: 'get', path: '/ledger/targets/{id}', tags, summary: 'One target with its progress',
  request: { params: IdParam }, responses: ok(LedgerTarget, 'The target'),
});
const createTargetRoute = createRoute({
  method: 'post', path: '/ledger/targets', tags, summary: 'Set a target for a category, unit (or the district) and period',
  request: { body: jsonBody(TargetInput) }, responses: ok(LedgerTarget, 'The target', 201),
});
const patchTargetRoute = createRoute({
  method: 'patch', path: '/ledger/targets/{id}', tags, summary: 'Change a target',
  request: { params: IdParam, body: jsonBody(TargetPatch) }, responses: ok(LedgerTarget, 'The target'),
});
const deleteTargetRoute = createRoute({
  method: 'delete', path: '/ledger/targets/{id}', tags, summary: 'Delete a target',
  request: { params: IdParam, query: ActorQuery }, responses: deleted,
});

const importRoute = createRoute({
  method: 'post', path: '/ledger/import', tags,
  summary: 'Import entries from CSV or XLSX, all or nothing (dryRun: preview with row-by-row errors)',
  description:
    'Columns 日期, 单位, 类别, 数量, 备注 (or date, unit, category, quantity, note); units and categories by name. Any bad row (unknown unit or category, negative or non-numeric quantity, future or malformed date, duplicate within the file or of a stored entry) fails the whole import with 422, each error named `row N.column`.',
  request: { body: jsonBody(LedgerImportBody) }, responses: ok(LedgerImportResult, 'What was (or would be) imported'),
});
const templateRoute = createRoute({
  method: 'get', path: '/ledger/import/template', tags, summary: 'The import template (CSV, or XLSX listing valid units and categories)',
  request: { query: TemplateQuery }, responses: { 200: { description: 'The file' }, ...problemResponses },
});

const districtRoute = createRoute({
  method: 'get', path: '/ledger/district', tags,
  summary: 'The district the higher-level media count looks for (404, code not_found, while unset: that figure stays 0)',
  responses: ok(DistrictProfile, 'The district profile'),
});
const putDistrictRoute = createRoute({
  method: 'put', path: '/ledger/district', tags,
  summary: "Set the district's name and aliases (each at least 2 characters; audited)",
  request: { body: jsonBody(DistrictInput) }, responses: ok(DistrictProfile, 'The district profile'),
});
const ItemIdParam = z.object({
  itemId: z.coerce.number().int().positive().openapi({ param: { name: 'itemId', in: 'path' }, example: 1 }),
});
const pressRoute = createRoute({
  method: 'get', path: '/ledger/press-conferences', tags,
  summary: 'Items taken for press conferences in a period, newest first (at most 500), with decisions and what counts',
  description:
    'Recognised: a news or notice item titled as a press conference (新闻发布会 / 新闻通气会 / 吹风会, or 发布会 with an official signal and no product), ' +
    "from the district's own media or site or naming the district. Items of one near-duplicate cluster are one conference and count once (`counted` marks the item counted).",
  request: { query: PressQuery }, responses: ok(PressCandidates, 'Candidates, newest first'),
});
const decidePressRoute = createRoute({
  method: 'put', path: '/ledger/press-conferences/{itemId}', tags,
  summary: "Confirm or reject an item as a press conference ('recognised' withdraws the decision; audited)",
  description: 'A decision holds for the whole conference (near-duplicate cluster): confirmed wins over rejected. 404 when the item is not a candidate.',
  request: { params: ItemIdParam, body: jsonBody(PressDecision) }, responses: ok(PressCandidate, 'The candidate'),
});

/**
 * A unit reporter's reach: their unit and its sub-units (null: anyone else, who sees every unit).
 * The access rule has already let the role in; this narrows what it may touch.
 */
function unitScope(c: Context, ledger: LedgerService): ReadonlySet<number> | null {
  const who = (c.get('auth' as never) as Authenticated | undefined)?.identity;
  if (who?.kind !== 'user' || who.role !== 'reporter' || who.unitId === null) return null;
  return new Set(ledger.subtree(who.unitId));
}
function requireUnit(scope: ReadonlySet<number> | null, unitId: number | undefined): void {
  if (scope && unitId !== undefined && !scope.has(unitId)) throw new ForbiddenError(`unit ${unitId} is not yours to report for`);
}
/** A reporter's listing without a unit means their own. */
function scoped<Q extends { unitId?: number }>(c: Context, ledger: LedgerService, q: Q, own: () => number | undefined): Q {
  const scope = unitScope(c, ledger);
  if (!scope) return q;
  requireUnit(scope, q.unitId);
  return { ...q, unitId: q.unitId ?? own() };
}
const ownUnit = (c: Context) => {
  const who = (c.get('auth' as never) as Authenticated | undefined)?.identity;
  return who?.kind === 'user' && who.unitId !== null ? who.unitId : undefined;
};

export function ledgerRoutes(ledger: LedgerService) {
  const entryUnit = (c: Context, id: number) => {
    const scope = unitScope(c, ledger);
    if (scope) requireUnit(scope, ledger.getEntry(id).unitId);
  };
  return (
    createRouter()
      .openapi(unitsRoute, (c) => c.json({ units: ledger.units() }, 200))
      .openapi(createUnitRoute, (c) => c.json(ledger.createUnit(c.req.valid('json')), 201))
      .openapi(patchUnitRoute, (c) => c.json(ledger.updateUnit(c.req.valid('param').id, c.req.valid('json')), 200))
      .openapi(deleteUnitRoute, (c) => {
        ledger.deleteUnit(c.req.valid('param').id, c.req.valid('query').actor);
        return c.body(null, 204);
      })
      .openapi(categoriesRoute, (c) => c.json({ categories: ledger.categories() }, 200))
      .openapi(createCategoryRoute, (c) => c.json(ledger.createCategory(c.req.valid('json')), 201))
      .openapi(entriesRoute, (c) => c.json(ledger.listEntries(scoped(c, ledger, c.req.valid('query'), () => ownUnit(c))), 200))
      .openapi(createEntryRoute, (c) => {
        const b = c.req.valid('json');
        requireUnit(unitScope(c, ledger), b.unitId);
        return c.json(ledger.createEntry(b), 201);
      })
      .openapi(patchEntryRoute, (c) => {
        const { id } = c.req.valid('param');
        const b = c.req.valid('json');
        entryUnit(c, id);
        requireUnit(unitScope(c, ledger), b.unitId);
        return c.json(ledger.updateEntry(id, b), 200);
      })
      .openapi(deleteEntryRoute, (c) => {
        const { id } = c.req.valid('param');
        entryUnit(c, id);
        ledger.deleteEntry(id, c.req.valid('query').actor);
        return c.body(null, 204);
      })
      .openapi(entryHistoryRoute, (c) => {
        entryUnit(c, c.req.valid('param').id);
        return c.json(ledger.entryHistory(c.req.valid('param').id), 200);
      })
      .openapi(totalsRoute, (c) => c.json(ledger.totals(scoped(c, ledger, c.req.valid('query'), () => ownUnit(c))), 200))
      .openapi(basisRoute, (c) => c.json(ledger.basisRecords(c.req.valid('param').key, c.req.valid('query')), 200))
      .openapi(districtRoute, (c) => c.json(ledger.district(), 200))
      .openapi(putDistrictRoute, (c) => c.json(ledger.setDistrict(c.req.valid('json')), 200))
      .openapi(pressRoute, (c) => c.json(ledger.pressConferences(c.req.valid('query')), 200))
      .openapi(decidePressRoute, (c) => c.json(ledger.decidePress(c.req.valid('param').itemId, c.req.valid('json')), 200))
      .openapi(zeroReportRoute, (c) => {
        const b = c.req.valid('json');
        requireUnit(unitScope(c, ledger), b.unitId);
        return c.json(ledger.zeroReport(b), 201);
      })
      .openapi(missingRoute, (c) => {
        const scope = unitScope(c, ledger);
        const missing = ledger.missingReports(c.req.valid('query').day);
        return c.json(scope ? { ...missing, units: missing.units.filter((u) => scope.has(u.id)), total: scope.size, reported: scope.size - missing.units.filter((u) => scope.has(u.id)).length } : missing, 200);
      })
      .openapi(targetsRoute, (c) => {
        const scope = unitScope(c, ledger);
        return c.json({ targets: ledger.targets().filter((t) => !scope || (t.unitId !== null && scope.has(t.unitId))) }, 200);
      })
      .openapi(getTargetRoute, (c) => c.json(ledger.getTarget(c.req.valid('param').id), 200))
      .openapi(createTargetRoute, (c) => c.json(ledger.createTarget(c.req.valid('json')), 201))
      .openapi(patchTargetRoute, (c) => c.json(ledger.updateTarget(c.req.valid('param').id, c.req.valid('json')), 200))
      .openapi(deleteTargetRoute, (c) => {
        ledger.deleteTarget(c.req.valid('param').id, c.req.valid('query').actor);
        return c.body(null, 204);
      })
      .openapi(importRoute, async (c) => c.json(await ledger.import(c.req.valid('json'), unitScope(c, ledger) ?? undefined), 200))
      .openapi(templateRoute, async (c) => {
        const file = await ledger.template(c.req.valid('query').format);
        c.header('content-type', file.contentType);
        c.header('content-disposition', `attachment; filename="${file.filename}"`);
        return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), 200);
      })
  );
}
