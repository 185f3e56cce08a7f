import type { LedgerTarget, LedgerTotals, LedgerUnit, TotalsQuery, CategoryTotal } from '../contracts/ledger';
import type { ClockReport } from '../contracts/library';
import type { DistrictProfile } from '../contracts/report';
import type { RumourTrend, TrendQuery, TrendResult } from '../contracts/trends';
import type { UnitActivity } from '../repositories/reports-repo';

/** What the report reads, each from the service that owns it (so the report says what the dashboard says). */
export interface FigureSources {
  ledgerTotals(q: TotalsQuery): LedgerTotals;
  units(): LedgerUnit[];
  targets(): LedgerTarget[];
  unitActivity(from: string, to: string, unitId?: number): UnitActivity[];
  entriesPerDay(from: string, to: string, unitId?: number): { day: string; entries: number }[];
  volume(q: TrendQuery): TrendResult;
  rumours(q: Pick<TrendQuery, 'from' | 'to' | 'interval'>): RumourTrend;
  /** The rumour clock of rumours confirmed in [fromIso, toIso). */
  clock(fromIso: string, toIso: string): ClockReport;
  district(): DistrictProfile | null;
}

export interface UnitRow {
  id: number;
  name: string;
  depth: number;
  entries: number;
  daysReported: number;
  zeroDays: number;
}

export interface MonitoringFigures {
  days: string[];
  items: number[];
  suspects: number[];
  itemsTotal: number;
  previousItemsTotal: number;
  suspectsTotal: number;
  knownRumourItems: number;
  rebuttalItems: number;
  priceGougingItems: number;
  sentiment: { pos: number; neutral: number; neg: number };
  confirmed: number[];
  rebutted: number[];
  confirmedTotal: number;
  rebuttedTotal: number;
  clock: ClockReport['overall'];
}

/** Every number a work summary quotes for one period and scope, gathered once. */
export interface ReportFigures {
  from: string;
  to: string;
  /** Days in the period, inclusive. */
  dayCount: number;
  unit: { id: number; name: string } | null;
  districtName: string | null;
  /** Every category of the scope in ledger order (automatic ones only for the whole district). */
  outreach: CategoryTotal[];
  /** The units reporting in the scope, tree order, with their activity. */
  units: UnitRow[];
  entriesPerDay: { day: string; entries: number }[];
  targets: LedgerTarget[];
  /** Online monitoring belongs to the district as a whole: null in a unit's own report. */
  monitoring: MonitoringFigures | null;
}

const DAY_MS = 86_400_000;
const dayCount = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

function series(result: TrendResult, key: string): number[] {
  return result.series.find((s) => s.key === key)?.counts ?? result.buckets.map(() => 0);
}
const total = (result: TrendResult, key: string) => result.series.find((s) => s.key === key)?.total ?? 0;

function monitoring(src: FigureSources, from: string, to: string): MonitoringFigures {
  const byTag = src.volume({ from, to, interval: 'day', by: 'tag' });
  const bySentiment = src.volume({ from, to, interval: 'day', by: 'sentiment' });
  const rumours = src.rumours({ from, to, interval: 'day' });
  const startIso = new Date(Date.parse(`${from}T00:00:00+08:00`)).toISOString();
  const endIso = new Date(Date.parse(`${to}T00:00:00+08:00`) + DAY_MS).toISOString();
  return {
    days: byTag.buckets,
    items: byTag.all,
    suspects: series(byTag, 'rumor-suspect'),
    itemsTotal: byTag.total,
    previousItemsTotal: byTag.previousTotal,
    suspectsTotal: total(byTag, 'rumor-suspect'),
    knownRumourItems: total(byTag, 'known-rumor'),
    rebuttalItems: total(byTag, 'rebuttal'),
    priceGougingItems: total(byTag, 'price-gouging'),
    sentiment: { pos: total(bySentiment, 'pos'), neutral: total(bySentiment, 'neutral'), neg: total(bySentiment, 'neg') },
    confirmed: rumours.found,
    rebutted: rumours.rebutted,
    confirmedTotal: rumours.foundTotal,
    rebuttedTotal: rumours.rebuttedTotal,
    clock: src.clock(startIso, endIso).overall,
  };
}

/** The units a report lists: the scope's unit and everything under it, or every unit. */
function unitsInScope(all: LedgerUnit[], unitId: number | null): LedgerUnit[] {
  if (unitId === null) return all;
  const inside = new Set([unitId]);
  // Tree order lists parents before children, so one pass collects the subtree.
  for (const u of all) if (u.parentId !== null && inside.has(u.parentId)) inside.add(u.id);
  return all.filter((u) => inside.has(u.id));
}

export function gatherFigures(src: FigureSources, q: { from: string; to: string; unitId: number | null }): ReportFigures {
  const { from, to, unitId } = q;
  const scopeUnit = unitId ?? undefined;
  const allUnits = src.units();
  const unit = unitId === null ? null : allUnits.find((u) => u.id === unitId) ?? null;
  const activity = new Map(src.unitActivity(from, to, scopeUnit).map((a) => [a.unitId, a]));
  const units = unitsInScope(allUnits, unitId).map((u) => {
    const a = activity.get(u.id);
    return { id: u.id, name: u.name, depth: u.depth, entries: a?.entries ?? 0, daysReported: a?.daysReported ?? 0, zeroDays: a?.zeroDays ?? 0 };
  });
  const targets = src
    .targets()
    .filter((t) => t.periodStart <= to && t.periodEnd >= from && (unitId === null ? true : t.unitId === unitId));
  return {
    from,
    to,
    dayCount: dayCount(from, to),
    unit: unit ? { id: unit.id, name: unit.name } : null,
    districtName: src.district()?.name ?? null,
    outreach: src.ledgerTotals({ from, to, unitId: scopeUnit }).totals,
    units,
    entriesPerDay: src.entriesPerDay(from, to, scopeUnit),
    targets,
    monitoring: unitId === null ? monitoring(src, from, to) : null,
  };
}
