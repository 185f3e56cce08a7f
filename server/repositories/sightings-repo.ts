import type { Db } from '../db/open-database';

export interface SightingRow {
  item_id: number;
  place: string;
  reported_by: string;
  heard_on: string;
}

/** Where and by whom an offline sighting was reported; the text itself is an item. */
export function createSightingsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO offline_sightings (item_id, place, reported_by, heard_on) VALUES (?, ?, ?, ?)');
  return {
    add(row: SightingRow): void {
      insert.run(row.item_id, row.place, row.reported_by, row.heard_on);
    },
    list(limit: number, offset: number): { rows: SightingRow[]; total: number } {
      const total = db.prepare('SELECT count(*) FROM offline_sightings').pluck().get() as number;
      const rows = db
        .prepare('SELECT * FROM offline_sightings ORDER BY heard_on DESC, item_id DESC LIMIT ? OFFSET ?')
        .all(limit, offset) as SightingRow[];
      return { rows, total };
    },
  };
}

export type SightingsRepo = ReturnType<typeof createSightingsRepo>;
