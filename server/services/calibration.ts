import type { Calibration, PrecisionCell } from '../contracts/calibration';
import type { Reason } from '../contracts/item';
import { shanghaiDay } from '../lib/time';

export interface DecidedRow {
  score: number;
  reasons: Reason[];
  sourceId: string;
  sourceName: string;
  confirmed: boolean;
  decidedAt: string;
}

const THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

class Tally {
  private readonly cells = new Map<string, { label: string; decided: number; confirmed: number }>();
  add(key: string, label: string, confirmed: boolean): void {
    const c = this.cells.get(key) ?? { label, decided: 0, confirmed: 0 };
    c.decided++;
    if (confirmed) c.confirmed++;
    this.cells.set(key, c);
  }
  ensure(key: string, label: string): void {
    if (!this.cells.has(key)) this.cells.set(key, { label, decided: 0, confirmed: 0 });
  }
  list(order: (a: PrecisionCell, b: PrecisionCell) => number): PrecisionCell[] {
    return [...this.cells]
      .map(([key, c]) => ({ key, label: c.label, decided: c.decided, confirmed: c.confirmed, precision: c.decided ? round(c.confirmed / c.decided) : null }))
      .sort(order);
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Monday of the Asia/Shanghai week containing the instant, as YYYY-MM-DD. */
export function shanghaiWeek(iso: string): string {
  const day = shanghaiDay(iso);
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** Precision of the tagger's judgement as editors' verdicts measured it, cut several ways. */
export function calibrate(rows: readonly DecidedRow[]): Calibration {
  const bands = new Tally();
  const thresholds = new Tally();
  const signals = new Tally();
  const sources = new Tally();
  const weeks = new Tally();
  for (let b = 0; b < 10; b++) bands.ensure(String(b), `${(b / 10).toFixed(1)}–${((b + 1) / 10).toFixed(1)}`);
  for (const t of THRESHOLDS) thresholds.ensure(t.toFixed(1), `≥ ${t.toFixed(1)}`);
  for (const r of rows) {
    const band = Math.min(9, Math.floor(r.score * 10));
    bands.add(String(band), '', r.confirmed);
    for (const t of THRESHOLDS) if (r.score >= t) thresholds.add(t.toFixed(1), '', r.confirmed);
    for (const code of new Set(r.reasons.map((x) => x.code))) {
      signals.add(code, r.reasons.find((x) => x.code === code)!.label, r.confirmed);
    }
    if (r.reasons.length === 0) signals.add('none', '无特征', r.confirmed);
    sources.add(r.sourceId, r.sourceName, r.confirmed);
    weeks.add(shanghaiWeek(r.decidedAt), shanghaiWeek(r.decidedAt), r.confirmed);
  }
  const byKey = (a: PrecisionCell, b: PrecisionCell) => a.key.localeCompare(b.key);
  const byDecided = (a: PrecisionCell, b: PrecisionCell) => b.decided - a.decided || a.key.localeCompare(b.key);
  return {
    decided: rows.length,
    byBand: bands.list((a, b) => Number(a.key) - Number(b.key)),
    byThreshold: thresholds.list(byKey),
    bySignal: signals.list(byDecided),
    bySource: sources.list(byDecided),
    byWeek: weeks.list(byKey),
  };
}
