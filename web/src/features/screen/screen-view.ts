import type { QueueRow } from '../../../../server/contracts/review';
import type { ClockReport } from '../../../../server/contracts/library';

export const STALE_MS = 6 * 3_600_000;

export interface StaleSuspects {
  /** Rows pending for more than 6 h (a lower bound when the queue holds more than was read). */
  count: number;
  /** The oldest first, for the tile. */
  rows: QueueRow[];
}

/**
 * Pending queue rows (newest first, one page) → those waiting more than 6 h since they were
 * collected. Rows beyond the page are older still (newest-first order), so they count as waiting.
 */
export function staleSuspects(rows: readonly QueueRow[], total: number, now: number): StaleSuspects {
  const stale = rows.filter((r) => now - Date.parse(r.collectedAt) > STALE_MS);
  const unseen = Math.max(0, total - rows.length);
  return { count: stale.length + unseen, rows: [...stale].sort((a, b) => a.collectedAt.localeCompare(b.collectedAt)) };
}

export interface UnitCount {
  unit: string | null;
  count: number;
}

/** Confirmed rumours still unanswered, in all and per reporting unit (most first). */
export function unrebuttedByUnit(clock: ClockReport): { total: number; units: UnitCount[] } {
  const units = clock.byUnit
    .filter((u) => u.unanswered > 0)
    .map((u) => ({ unit: u.unit, count: u.unanswered }))
    .sort((a, b) => b.count - a.count || (a.unit ?? '').localeCompare(b.unit ?? ''));
  return { total: clock.overall.unanswered, units };
}

/** Hours as the clock shows them: "3.5", "26", or null when nothing was measured. */
export function formatHours(h: number | null): string | null {
  if (h === null || !Number.isFinite(h)) return null;
  return h >= 10 ? String(Math.round(h)) : String(Math.round(h * 10) / 10);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function withLabels(axis: unknown, fontSize: number, color: string): unknown {
  const one = (a: unknown) =>
    isObj(a) ? { ...a, axisLabel: { ...(isObj(a.axisLabel) ? a.axisLabel : {}), fontSize, color }, splitLine: { lineStyle: { color: '#1e293b' } } } : a;
  return Array.isArray(axis) ? axis.map(one) : one(axis);
}

/**
 * A dashboard chart option made legible on the dark wall screen: transparent background, larger
 * light text on axes, legend and tooltip. Pure: the builders stay the same for every page.
 */
export function screenOption<T extends object>(option: T, fontSize: number): T {
  const o = option as Obj;
  const out: Obj = { ...o, backgroundColor: 'transparent', textStyle: { fontSize, color: '#cbd5e1' } };
  if (o.xAxis) out.xAxis = withLabels(o.xAxis, fontSize, '#94a3b8');
  if (o.yAxis) out.yAxis = withLabels(o.yAxis, fontSize, '#94a3b8');
  // Left-aligned: the export menu sits in the top-right corner.
  if (isObj(o.legend)) out.legend = { ...o.legend, type: 'scroll', left: 0, right: 56, textStyle: { fontSize, color: '#cbd5e1' }, pageTextStyle: { color: '#cbd5e1' } };
  return out as T;
}

/** Chart height on the wall: a third of the screen below the header, less the tile's own title. */
export function screenChartHeight(viewportHeight: number, viewportWidth: number): number {
  if (viewportWidth < 1000) return 240;
  const row = (viewportHeight - 72 - 4 * 12) / 3;
  return Math.max(140, Math.floor(row - 52));
}
