import { z } from 'zod';
import { Actor } from './actor';
import { Day } from './ledger';

/** weekly / monthly come from the schedule; custom is any period someone asked for. */
export const ReportKind = z.enum(['weekly', 'monthly', 'custom']);
export type ReportKind = z.infer<typeof ReportKind>;

export const ReportStatus = z.enum(['queued', 'running', 'done', 'failed']);
export type ReportStatus = z.infer<typeof ReportStatus>;

/**
 * A generated work-summary report, kept (DOCX file under DATA_DIR/reports) and listed. Sent live as
 * the SSE event "report" while it is generated, so the dashboard shows its progress.
 */
export const ReportFile = z.object({
  id: z.number().int(),
  kind: ReportKind,
  from: Day,
  to: Day,
  unitId: z.number().int().nullable(),
  /** The unit's name when the report is for one unit (and its sub-units); null = the whole district. */
  unitName: z.string().nullable(),
  title: z.string(),
  status: ReportStatus,
  /** Steps done of total (gather figures, draw each chart, write the DOCX). */
  done: z.number().int(),
  total: z.number().int(),
  error: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ReportFile = z.infer<typeof ReportFile>;

export const ReportList = z.object({ reports: z.array(ReportFile) });
export type ReportList = z.infer<typeof ReportList>;

export const ReportRequest = z.object({
  from: Day,
  to: Day,
  unitId: z.number().int().positive().nullish(),
  actor: Actor,
});
export type ReportRequest = z.infer<typeof ReportRequest>;

/** The print view of a period, rendered on the fly (nothing stored). */
export const ReportPreviewQuery = z.object({
  from: Day,
  to: Day,
  unitId: z.coerce.number().int().positive().optional(),
});
export type ReportPreviewQuery = z.infer<typeof ReportPreviewQuery>;

/** The district the automatic media counts look for, and the report's heading uses. */
export const DistrictProfile = z.object({
  /** e.g. "清河区". */
  name: z.string().trim().min(1).max(40),
  /** Other names an outside report may use: "清河", the old county name … */
  aliases: z.array(z.string().trim().min(2).max(40)).max(50),
});
export type DistrictProfile = z.infer<typeof DistrictProfile>;
