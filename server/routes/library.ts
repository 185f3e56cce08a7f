import { createRoute, z } from '@hono/zod-openapi';
import { AuditEntry } from '../contracts/review';
import {
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
import type { LibraryService } from '../services/library-service';
import { createRouter, jsonBody, jsonResponses, problemResponses } from '../http/openapi-app';
import { IdParam } from './items';
import { shanghaiDay } from '../lib/time';

const ok = <T extends z.ZodType>(schema: T, description: string, status: 200 | 201 = 200) =>
  jsonResponses(schema, description, { status, conflict: 'Conflicts with the entry state, e.g. already merged' });
const body = jsonBody;

const listRoute = createRoute({
  method: 'get',
  path: '/library',
  tags: ['library'],
  summary: 'Known rumours (claims confirmed as rumours), most recently changed first',
  request: { query: LibraryQuery },
  responses: ok(LibraryPage, 'A page of entries'),
});

const createEntryRoute = createRoute({
  method: 'post',
  path: '/library',
  tags: ['library'],
  summary: 'Add a known rumour (usually from a confirmed item: fromItemId)',
  description: 'Existing items are matched against the new claim in the background (see /api/jobs).',
  request: { body: body(LibraryCreate) },
  responses: ok(LibraryEntry, 'The new entry', 201),
});

const getRoute = createRoute({
  method: 'get',
  path: '/library/{id}',
  tags: ['library'],
  summary: 'One entry with its sighting counts, rebuttals and rumour clock',
  request: { params: IdParam },
  responses: ok(LibraryEntry, 'The entry'),
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/library/{id}',
  tags: ['library'],
  summary: 'Edit an entry (a changed claim is matched again against existing items)',
  request: { params: IdParam, body: body(LibraryPatch) },
  responses: ok(LibraryEntry, 'The entry'),
});

const mergeRoute = createRoute({
  method: 'post',
  path: '/library/{id}/merge',
  tags: ['library'],
  summary: 'Merge a duplicate entry into another: sightings, rebuttals and verdict links move with it',
  request: { params: IdParam, body: body(LibraryMerge) },
  responses: ok(LibraryEntry, 'The entry that absorbed it'),
});

const sightingsRoute = createRoute({
  method: 'get',
  path: '/library/{id}/sightings',
  tags: ['library'],
  summary: 'Items that repeat, answer or may match the claim, newest first, with sightings per day',
  request: { params: IdParam },
  responses: ok(SightingsView, 'Sightings'),
});

const historyRoute = createRoute({
  method: 'get',
  path: '/library/{id}/history',
  tags: ['library'],
  summary: "An entry's audit log (create, edits, merges)",
  request: { params: IdParam },
  responses: ok(z.array(AuditEntry), 'Oldest first'),
});

const importRoute = createRoute({
  method: 'post',
  path: '/library/import',
  tags: ['library'],
  summary: 'Import entries from JSON or CSV, all or nothing (dryRun checks only)',
  description: 'Every bad row is named (JSON index or CSV line, and field); claims already in the library are skipped.',
  request: { body: body(LibraryImportBody) },
  responses: ok(LibraryImportResult, 'What was (or would be) imported'),
});

const ExportQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });
const exportRoute = createRoute({
  method: 'get',
  path: '/library/export',
  tags: ['library'],
  summary: 'Download the library (live entries) as JSON or CSV',
  request: { query: ExportQuery },
  responses: { 200: { description: 'The file' }, ...problemResponses },
});

const clockRoute = createRoute({
  method: 'get',
  path: '/library/clock',
  tags: ['library'],
  summary: 'The rumour clock: first sighting → verdict → rebuttal, median and p90, overall and per unit',
  responses: ok(ClockReport, 'Durations in hours'),
});

const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const RebuttalPage = z.object({ rebuttals: z.array(Rebuttal), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const listRebuttalsRoute = createRoute({
  method: 'get',
  path: '/rebuttals',
  tags: ['library'],
  summary: 'Published rebuttals, newest first',
  request: { query: PageQuery },
  responses: ok(RebuttalPage, 'A page of rebuttals'),
});

const createRebuttalRoute = createRoute({
  method: 'post',
  path: '/rebuttals',
  tags: ['library'],
  summary: 'Record a published rebuttal: where (channels), when, and which known rumours it answers',
  request: { body: body(RebuttalCreate) },
  responses: ok(Rebuttal, 'The rebuttal', 201),
});

export function libraryRoutes(library: LibraryService) {
  return (
    createRouter()
      // Fixed paths before /library/{id}, so "export" is never read as an id.
      .openapi(exportRoute, (c) => {
        const { format } = c.req.valid('query');
        const stamp = shanghaiDay(Date.now()); // the day as the department counts it
        c.header('content-disposition', `attachment; filename="rumour-library-${stamp}.${format}"`);
        c.header('content-type', format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8');
        return c.body(library.export(format), 200);
      })
      .openapi(clockRoute, (c) => c.json(library.clock(), 200))
      .openapi(importRoute, (c) => c.json(library.import(c.req.valid('json')), 200))
      .openapi(listRoute, (c) => c.json(library.list(c.req.valid('query')), 200))
      .openapi(createEntryRoute, (c) => c.json(library.create(c.req.valid('json')), 201))
      .openapi(getRoute, (c) => c.json(library.get(c.req.valid('param').id), 200))
      .openapi(patchRoute, (c) => c.json(library.update(c.req.valid('param').id, c.req.valid('json')), 200))
      .openapi(mergeRoute, (c) => c.json(library.merge(c.req.valid('param').id, c.req.valid('json')), 200))
      .openapi(sightingsRoute, (c) => c.json(library.sightings(c.req.valid('param').id), 200))
      .openapi(historyRoute, (c) => c.json(library.history(c.req.valid('param').id), 200))
      .openapi(listRebuttalsRoute, (c) => {
        const q = c.req.valid('query');
        return c.json(library.listRebuttals(q.page, q.pageSize), 200);
      })
      .openapi(createRebuttalRoute, (c) => c.json(library.createRebuttal(c.req.valid('json')), 201))
  );
}
