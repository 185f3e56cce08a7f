import { z } from 'zod';
import { Actor } from './actor';

/** Longest note on a ledger entry, typed or imported. */
export const MAX_NOTE_CHARS = 500;

/** An Asia/Shanghai calendar day; the ledger never stores instants for what happened on a day. */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const Id = z.number().int().positive();
const Quantity = z.number().finite().min(0).max(1e12);

export const UnitKind = z.enum(['township', 'street', 'community', 'department']);
export type UnitKind = z.infer<typeof UnitKind>;

/**
 * A reporting unit. Lists come flat in tree order (parents before children, siblings by sortOrder),
 * with depth, so a select box can indent them and a client can nest them by parentId.
 */
export const LedgerUnit = z.object({
  id: z.number().int(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  kind: UnitKind,
  sortOrder: z.number().int(),
  depth: z.number().int(),
});
export type LedgerUnit = z.infer<typeof LedgerUnit>;

export const UnitCreate = z.object({
  name: z.string().trim().min(1).max(64),
  kind: UnitKind,
  parentId: Id.nullish(),
  sortOrder: z.number().int().min(0).max(1_000_000).default(0),
  actor: Actor,
});
export type UnitCreate = z.infer<typeof UnitCreate>;

/** Rename, re-kind, re-order or move (parentId; null makes it a root). */
export const UnitPatch = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    kind: UnitKind.optional(),
    parentId: Id.nullable().optional(),
    sortOrder: z.number().int().min(0).max(1_000_000).optional(),
    actor: Actor,
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'actor'), { message: 'nothing to change' });
export type UnitPatch = z.infer<typeof UnitPatch>;

export const LedgerCategory = z.object({
  key: z.string(),
  name: z.string(),
  /** The measure word the summaries use: 块, 条, 张, 份, 次, 台次, 个, 小时, 场, 人次. */
  measure: z.string(),
  /** Counted from other records (rebuttals, own-media items); entries cannot be typed for it. */
  automatic: z.boolean(),
  sortOrder: z.number().int(),
});
export type LedgerCategory = z.infer<typeof LedgerCategory>;

export const CategoryCreate = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(40),
  measure: z.string().trim().min(1).max(8),
  sortOrder: z.number().int().min(0).max(1_000_000).default(1_000),
  actor: Actor,
});
export type CategoryCreate = z.infer<typeof CategoryCreate>;

export const EntryInput = z.object({
  day: Day,
  unitId: Id,
  categoryKey: z.string().min(1).max(40),
  quantity: Quantity,
  note: z.string().trim().max(MAX_NOTE_CHARS).nullish(),
  /** The known rumour (library entry) this outreach answered, if any. */
  libraryId: Id.nullish(),
  topicId: Id.nullish(),
  actor: Actor,
});
export type EntryInput = z.infer<typeof EntryInput>;

export const EntryPatch = z
  .object({
    day: Day.optional(),
    unitId: Id.optional(),
    categoryKey: z.string().min(1).max(40).optional(),
    quantity: Quantity.optional(),
    note: z.string().trim().max(MAX_NOTE_CHARS).nullable().optional(),
    libraryId: Id.nullable().optional(),
    topicId: Id.nullable().optional(),
    actor: Actor,
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'actor'), { message: 'nothing to change' });
export type EntryPatch = z.infer<typeof EntryPatch>;

export const LedgerEntry = z.object({
  id: z.number().int(),
  day: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  categoryKey: z.string(),
  categoryName: z.string(),
  measure: z.string(),
  quantity: z.number(),
  note: z.string().nullable(),
  libraryId: z.number().int().nullable(),
  topicId: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const EntryQuery = z.object({
  from: Day.optional(),
  to: Day.optional(),
  /** A unit and everything under it. */
  unitId: z.coerce.number().int().positive().optional(),
  category: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type EntryQuery = z.infer<typeof EntryQuery>;

export const EntryPage = z.object({
  entries: z.array(LedgerEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type EntryPage = z.infer<typeof EntryPage>;

export const ActorQuery = z.object({ actor: Actor });

export const LedgerAuditEntry = z.object({
  id: z.number().int(),
  action: z.string(),
  actor: z.string(),
  at: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type LedgerAuditEntry = z.infer<typeof LedgerAuditEntry>;

export const TotalsQuery = z.object({
  from: Day,
  to: Day,
  /** A unit's subtree; without it, the whole district (automatic figures count only then). */
  unitId: z.coerce.number().int().positive().optional(),
});
export type TotalsQuery = z.infer<typeof TotalsQuery>;

/** What an automatic figure is made of, so every number in a report can be traced. */
export const AutomaticBasis = z.object({
  kind: z.enum(['rebuttals', 'items']),
  /** Ids of the rebuttals or items counted (at most 1,000; `truncated` says when there were more). */
  ids: z.array(z.number().int()),
  truncated: z.boolean(),
  /**
   * API queries listing the same records (one per own-media source; the press-conference candidates);
   * none for rebuttals and higher-level media reports, whose ids are the trace.
   */
  links: z.array(z.string()),
  /** Why the figure cannot be counted yet: no district profile set (higher-level media count 0 until one is). */
  reason: z.enum(['no-district-profile']).optional(),
});
export type AutomaticBasis = z.infer<typeof AutomaticBasis>;

/** The records behind an automatic figure: rebuttals or items, newest first, so a reader can check the count. */
export const BasisRecord = z.object({
  id: z.number().int(),
  title: z.string(),
  url: z.string().nullable(),
  /** Asia/Shanghai day of the item, or of the rebuttal's publication. */
  day: z.string(),
  sourceId: z.string().nullable(),
});
export type BasisRecord = z.infer<typeof BasisRecord>;
export const BasisRecords = z.object({
  key: z.string(),
  kind: z.enum(['rebuttals', 'items']),
  /** The figure itself. */
  total: z.number().int(),
  /** At most 500 listed; true when the figure counts more. */
  truncated: z.boolean(),
  records: z.array(BasisRecord),
});
export type BasisRecords = z.infer<typeof BasisRecords>;
export const BasisQuery = z.object({ from: Day, to: Day });

export const CategoryTotal = LedgerCategory.omit({ sortOrder: true }).extend({
  quantity: z.number(),
  /** Typed entries behind the figure (0 for automatic categories). */
  entries: z.number().int(),
  basis: AutomaticBasis.nullable(),
});
export type CategoryTotal = z.infer<typeof CategoryTotal>;

export const LedgerTotals = z.object({
  from: z.string(),
  to: z.string(),
  unitId: z.number().int().nullable(),
  totals: z.array(CategoryTotal),
});
export type LedgerTotals = z.infer<typeof LedgerTotals>;

export const ZeroReportInput = z.object({ unitId: Id, day: Day.optional(), actor: Actor });
export type ZeroReportInput = z.infer<typeof ZeroReportInput>;

export const ZeroReport = z.object({ unitId: z.number().int(), day: z.string(), reportedBy: z.string(), reportedAt: z.string() });
export type ZeroReport = z.infer<typeof ZeroReport>;

export const MissingQuery = z.object({ day: Day.optional() });
export const MissingReports = z.object({
  day: z.string(),
  /** Units with neither an entry nor a zero report for the day. */
  units: z.array(LedgerUnit),
  reported: z.number().int(),
  total: z.number().int(),
});
export type MissingReports = z.infer<typeof MissingReports>;

export const TargetInput = z.object({
  categoryKey: z.string().min(1).max(40),
  /** Null: the whole district. */
  unitId: Id.nullish(),
  periodStart: Day,
  periodEnd: Day,
  quantity: z.number().finite().positive().max(1e12),
  actor: Actor,
});
export type TargetInput = z.infer<typeof TargetInput>;

export const TargetPatch = z
  .object({
    categoryKey: z.string().min(1).max(40).optional(),
    unitId: Id.nullable().optional(),
    periodStart: Day.optional(),
    periodEnd: Day.optional(),
    quantity: z.number().finite().positive().max(1e12).optional(),
    actor: Actor,
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'actor'), { message: 'nothing to change' });
export type TargetPatch = z.infer<typeof TargetPatch>;

export const LedgerTarget = z.object({
  id: z.number().int(),
  categoryKey: z.string(),
  unitId: z.number().int().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  quantity: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Done so far in the period (the same figure the totals give) and done / target. */
  progress: z.object({ actual: z.number(), ratio: z.number() }),
});
export type LedgerTarget = z.infer<typeof LedgerTarget>;

export const ImportFormat = z.enum(['csv', 'xlsx']);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const LedgerImportBody = z.object({
  format: ImportFormat,
  /** CSV: the file's text (UTF-8). XLSX: the file's bytes, base64. Columns 日期,单位,类别,数量,备注 (or date,unit,category,quantity,note). */
  content: z.string().min(1).max(20_000_000),
  actor: Actor,
  /** Preview: parse and check every row, write nothing. */
  dryRun: z.boolean().default(false),
});
export type LedgerImportBody = z.infer<typeof LedgerImportBody>;

/** A problem with one cell: the spreadsheet row number (header = 1) and the column as headed in the file ('*': the whole row, e.g. a duplicate). */
/** Why an import row was refused: the rule, so the dashboard can say it in the reader's language. */
export const ImportErrorCode = z.enum([
  'required', 'not_a_date', 'future_day', 'unknown_unit', 'unknown_category', 'automatic_category',
  'not_a_number', 'negative', 'too_long', 'duplicate_row', 'already_in_ledger',
]);
export type ImportErrorCode = z.infer<typeof ImportErrorCode>;

export const ImportRowError = z.object({
  row: z.number().int(),
  column: z.string(),
  message: z.string().describe('English, for logs and API clients'),
  code: ImportErrorCode,
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .describe('its figures: value (the cell as written), today, maximum, row (the earlier copy)'),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportPreviewRow = z.object({
  row: z.number().int(),
  day: z.string().nullable(),
  unit: z.string(),
  unitId: z.number().int().nullable(),
  category: z.string(),
  categoryKey: z.string().nullable(),
  quantity: z.number().nullable(),
  note: z.string().nullable(),
  errors: z.array(ImportRowError),
});
export type ImportPreviewRow = z.infer<typeof ImportPreviewRow>;

export const LedgerImportResult = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  errors: z.array(ImportRowError),
  /** Every parsed row with its own errors (dry runs only; empty after a real import). */
  preview: z.array(ImportPreviewRow),
});
export type LedgerImportResult = z.infer<typeof LedgerImportResult>;

export const TemplateQuery = z.object({ format: ImportFormat.default('csv') });

/** recognised: the recogniser's call, nobody decided yet; confirmed / rejected: a person's. */
export const PressState = z.enum(['recognised', 'confirmed', 'rejected']);
export type PressState = z.infer<typeof PressState>;

export const PressQuery = z.object({ from: Day, to: Day });
export type PressQuery = z.infer<typeof PressQuery>;

/** An item taken for a press conference. */
export const PressCandidate = z.object({
  itemId: z.number().int(),
  title: z.string(),
  url: z.string(),
  sourceId: z.string(),
  day: z.string(),
  state: PressState,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /**
   * The item the figure counts for its conference: one per conference (near-duplicate cluster) in
   * the period asked for, so other outlets' reports of it say false. For a PUT, the period is the item's day.
   */
  counted: z.boolean(),
  /** The conference (near-duplicate cluster) the item reports; items sharing it count once. */
  conferenceId: z.number().int(),
});
export type PressCandidate = z.infer<typeof PressCandidate>;

export const PressCandidates = z.object({
  /** Newest first, at most 500. */
  candidates: z.array(PressCandidate),
});
export type PressCandidates = z.infer<typeof PressCandidates>;

/** A decision for an item's whole conference; 'recognised' withdraws one. */
export const PressDecision = z.object({ state: PressState, actor: Actor });
export type PressDecision = z.infer<typeof PressDecision>;
