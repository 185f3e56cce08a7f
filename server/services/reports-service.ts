import { SYSTEM_ACTORS } from '../contracts/actor';
import type { ReportFile, ReportKind, ReportPreviewQuery, ReportRequest } from '../contracts/report';
import { ConflictError, NotFoundError, fieldFailures } from '../errors';
import { isDayString, shanghaiDay } from '../lib/time';
import type { ReportFiles, ReportFormat } from '../repositories/report-files';
import type { ReportsRepo, StoredReport } from '../repositories/reports-repo';
import { buildReportDocument, periodLabel } from '../reports/report-content';
import { gatherFigures, type FigureSources } from '../reports/report-figures';
import { daysBetween, previousMonth, previousWeek } from '../reports/report-periods';
import { chartsOf, renderReport } from '../reports/render-report';
import type { EventBus } from './event-bus';

/** Two years by day is what the trend rollup answers in one go; longer summaries are not asked for. */
export const MAX_REPORT_DAYS = 731;
const KEPT_IN_LIST = 200;
const SCHEDULER = SYSTEM_ACTORS.scheduler;

const publicView = ({ fileName: _f, ...r }: StoredReport): ReportFile => r;

/**
 * Work-summary reports: generated one at a time in the background (figures → document → charts →
 * DOCX and print view), kept on disk and listed; weekly and monthly ones made by the schedule.
 */
export function createReportsService(deps: {
  reports: ReportsRepo;
  files: ReportFiles;
  figures: FigureSources;
  events: EventBus;
  /** The dashboard's address, for the links behind every figure. */
  baseUrl: string;
  now?: () => Date;
  log?: (err: Error, report: ReportFile) => void;
}) {
  const { reports, files, figures, events } = deps;
  const now = () => deps.now?.() ?? new Date();
  const queue: number[] = [];
  let working: Promise<void> | null = null;

  const publish = (id: number) => {
    const r = reports.get(id);
    if (r) events.emit('report', publicView(r));
  };

  function checkPeriod(from: string, to: string, unitId: number | null): string | null {
    if (!isDayString(from)) throw fieldFailures.notADay('from', from);
    if (!isDayString(to)) throw fieldFailures.notADay('to', to);
    if (from > to) throw fieldFailures.periodReversed('to');
    const today = shanghaiDay(now());
    if (from > today) throw fieldFailures.futureDay('from', from, today);
    if (daysBetween(from, to) > MAX_REPORT_DAYS) throw fieldFailures.periodTooLong('from', MAX_REPORT_DAYS, 'day');
    if (unitId === null) return null;
    const unit = figures.units().find((u) => u.id === unitId);
    if (!unit) throw fieldFailures.unknown('unitId', 'unit', unitId);
    return unit.name;
  }

  function titleOf(kind: ReportKind, from: string, to: string, unitName: string | null): string {
    const scope = unitName ?? figures.district()?.name ?? '全区';
    const what = kind === 'weekly' ? '宣传工作周报' : kind === 'monthly' ? '宣传工作月报' : '宣传工作总结';
    return `${scope}${what}（${periodLabel(from, to)}）`;
  }

  async function generate(id: number): Promise<void> {
    const r = reports.get(id);
    if (!r) return;
    let done = 0;
    try {
      const f = gatherFigures(figures, { from: r.from, to: r.to, unitId: r.unitId });
      const doc = buildReportDocument(f, { baseUrl: deps.baseUrl, generatedAt: now() });
      const total = chartsOf(doc).length + 2;
      reports.progress(id, { status: 'running', done: ++done, total });
      publish(id);
      const out = await renderReport(doc, () => {
        reports.progress(id, { status: 'running', done: ++done, total });
        publish(id);
      });
      const base = `report-${id}-${r.from}_${r.to}${r.unitId === null ? '' : `-u${r.unitId}`}`;
      files.write(base, 'html', out.html);
      const size = files.write(base, 'docx', out.docx);
      reports.finish(id, { fileName: base, sizeBytes: size, at: now().toISOString() });
    } catch (err) {
      reports.fail(id, (err as Error).message, now().toISOString());
      deps.log?.(err as Error, publicView(reports.get(id)!));
    }
    publish(id);
  }

  function kick(): void {
    if (working) return;
    working = (async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) await generate(id);
    })().finally(() => {
      working = null;
      if (queue.length) kick();
    });
  }

  function enqueue(id: number): ReportFile {
    queue.push(id);
    publish(id);
    // Start on the next turn, so the request that asked for it is answered first.
    setImmediate(kick);
    return publicView(reports.get(id)!);
  }

  function create(kind: ReportKind, from: string, to: string, unitId: number | null, actor: string): ReportFile | null {
    const unitName = checkPeriod(from, to, unitId);
    const id = reports.insert(
      { kind, from, to, unitId, unitName, title: titleOf(kind, from, to, unitName), createdBy: actor },
      now().toISOString(),
    );
    return id === null ? null : enqueue(id);
  }

  function stored(id: number): StoredReport {
    const r = reports.get(id);
    if (!r) throw new NotFoundError('report', id);
    return r;
  }

  return {
    list(kind?: ReportKind): { reports: ReportFile[] } {
      return { reports: reports.list(KEPT_IN_LIST, kind).map(publicView) };
    },
    get(id: number): ReportFile {
      return publicView(stored(id));
    },
    request(body: ReportRequest): ReportFile {
      return create('custom', body.from, body.to, body.unitId ?? null, body.actor)!;
    },
    /** A finished report's file with the name to save it under. */
    file(id: number, format: ReportFormat): { bytes: Buffer; name: string } {
      const r = stored(id);
      if (r.status !== 'done' || !r.fileName) {
        throw r.status === 'failed'
          ? new ConflictError(`report ${id} is failed: ${r.error}`, 'report_failed', { id, error: r.error ?? '' })
          : new ConflictError(`report ${id} is ${r.status}: not ready yet`, 'report_not_ready', { id, status: r.status });
      }
      const bytes = files.read(r.fileName, format);
      if (!bytes) throw new NotFoundError('report file', `${id}.${format}`);
      return { bytes, name: `${r.title}.${format}` };
    },
    /** The print view of any period, rendered now and not kept. */
    async preview(q: ReportPreviewQuery): Promise<string> {
      checkPeriod(q.from, q.to, q.unitId ?? null);
      const f = gatherFigures(figures, { from: q.from, to: q.to, unitId: q.unitId ?? null });
      return (await renderReport(buildReportDocument(f, { baseUrl: deps.baseUrl, generatedAt: now() }))).html;
    },
    /** Queues last week's and last month's district reports unless they exist; returns what was queued. */
    schedule(): ReportFile[] {
      const today = shanghaiDay(now());
      const out: ReportFile[] = [];
      for (const [kind, p] of [['weekly', previousWeek(today)], ['monthly', previousMonth(today)]] as const) {
        if (reports.hasScheduled(kind, p.from, p.to)) continue;
        const r = create(kind, p.from, p.to, null, SCHEDULER);
        if (r) out.push(r);
      }
      return out;
    },
    /** Reports a previous process left unfinished are generated again. */
    resume(): number {
      const left = reports.unfinished();
      for (const r of left) enqueue(r.id);
      return left.length;
    },
    /** Resolves when no report is queued or being generated. */
    async waitIdle(): Promise<void> {
      while (working || queue.length) await (working ?? new Promise((r) => setImmediate(r)));
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
