/**
 * A year of a district's data for the report benchmark: 30 reporting units (6 townships with 3
 * communities each, 6 departments), 15 typed output categories (the 12 defaults plus 3 custom), one
 * entry per unit, category and day for 365 days (164,250 entries), and the items, rumours and
 * rebuttals of the aggregates benchmark's generator over the same year.
 */
import type { Db } from '../../../server/db/open-database';
import { createRng } from '../../support/rng';
import { generate } from '../aggregates/generate';

const DAY_MS = 86_400_000;

export function seedYear(db: Db, opts: { items: number; nowMs: number; today: string }): { entries: number } {
  generate(db, opts.items, opts.nowMs);
  const r = createRng(7);
  const at = new Date(opts.nowMs).toISOString();
  const unit = db.prepare(
    `INSERT INTO ledger_units (name, parent_id, kind, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const units: number[] = [];
  db.transaction(() => {
    for (let t = 0; t < 6; t++) {
      const town = Number(unit.run(`第${t + 1}镇`, null, 'township', t, at, at).lastInsertRowid);
      units.push(town);
      for (let c = 0; c < 3; c++) units.push(Number(unit.run(`第${t + 1}镇${c + 1}社区`, town, 'community', c, at, at).lastInsertRowid));
    }
    for (let d = 0; d < 6; d++) units.push(Number(unit.run(`区直部门${d + 1}`, null, 'department', 100 + d, at, at).lastInsertRowid));
    const custom = db.prepare(`INSERT INTO ledger_categories (key, name, measure, automatic, sort_order, created_at) VALUES (?, ?, ?, 0, ?, ?)`);
    custom.run('exhibits', '宣传展板', '块', 170, at);
    custom.run('performances', '文艺宣传演出', '场', 180, at);
    custom.run('lectures', '政策宣讲', '场', 190, at);
  })();
  const typed = (db.prepare('SELECT key FROM ledger_categories WHERE automatic = 0 ORDER BY sort_order').pluck().all() as string[]).slice(0, 15);
  const entry = db.prepare(
    `INSERT INTO ledger_entries (day, unit_id, category_key, quantity, note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, 'bench', ?, ?)`,
  );
  const start = Date.parse(`${opts.today}T00:00:00Z`) - 364 * DAY_MS;
  let entries = 0;
  for (let d = 0; d < 365; d++) {
    const day = new Date(start + d * DAY_MS).toISOString().slice(0, 10);
    db.transaction(() => {
      for (const u of units) {
        for (const key of typed) {
          entry.run(day, u, key, key === 'leaflets' ? 100 + r.int(5_000) : r.int(40), at, at);
          entries++;
        }
      }
    })();
  }
  return { entries };
}
