import type { ReportFile } from '../../api/reports';
import type { KindFilter } from './reports-query';

const STAGE = { queued: 0, running: 1, done: 2, failed: 2 } as const;
/** How far along a report is: a late answer (the POST's "queued") never rolls back a live event's progress. */
const stage = (r: ReportFile) => STAGE[r.status] * 1e6 + r.done;

/** A live report event into the list: replaces the row with the same id, or puts a new one first. */
export function mergeReport(list: readonly ReportFile[], report: ReportFile): ReportFile[] {
  const i = list.findIndex((r) => r.id === report.id);
  if (i < 0) return [report, ...list];
  if (stage(list[i]!) > stage(report)) return [...list];
  const next = [...list];
  next[i] = report;
  return next;
}

export const filterReports = (list: readonly ReportFile[], kind: KindFilter): ReportFile[] =>
  kind === 'all' ? [...list] : list.filter((r) => r.kind === kind);

/** Steps done of total as a whole percentage (0 before the total is known; never over 100). */
export function reportPercent(r: Pick<ReportFile, 'done' | 'total' | 'status'>): number {
  if (r.status === 'done') return 100;
  if (!r.total || r.total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((r.done / r.total) * 100)));
}

export const isActive = (r: Pick<ReportFile, 'status'>) => r.status === 'queued' || r.status === 'running';

/** File sizes the way people read them: "820 KB", "1.4 MB". */
export function formatSize(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(Math.round((bytes / 1024 / 1024) * 10) / 10).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** "2026-11-16 至 2026-11-22" (one day: just the day). */
export const periodText = (r: Pick<ReportFile, 'from' | 'to'>, sep: string) => (r.from === r.to ? r.from : `${r.from}${sep}${r.to}`);

/** The newest finished report of a kind (the list is newest first): the leader's one-click download. */
export const latestDone = (list: readonly ReportFile[], kind: 'weekly' | 'monthly'): ReportFile | null =>
  list.find((r) => r.kind === kind && r.status === 'done') ?? null;
