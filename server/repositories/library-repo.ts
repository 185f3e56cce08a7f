import type { Db } from '../db/open-database';
import type { LibraryLinkKind } from '../contracts/item';
import type { RebuttalChannel, RebuttalSummary, RumourCategory } from '../contracts/library';
import { shanghaiDay } from '../lib/time';

export interface LibraryRow {
  id: number;
  claim: string;
  category: RumourCategory;
  unit: string | null;
  rebuttal_text: string | null;
  source_item_id: number | null;
  first_seen_at: string;
  confirmed_at: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  merged_into: number | null;
}

export interface NewLibraryRow {
  claim: string;
  category: RumourCategory;
  unit: string | null;
  rebuttalText: string | null;
  sourceItemId: number | null;
  firstSeenAt: string;
  confirmedAt: string;
  createdBy: string;
  at: string;
}

export interface SightingCounts {
  confirmed: number;
  suggested: number;
  rebuttal: number;
  manual: number;
  lastSeenAt: string | null;
}

export interface MatchWrite {
  libraryId: number;
  kind: Exclude<LibraryLinkKind, 'manual'>;
  similarity: number;
}

interface RebuttalRow {
  id: number;
  title: string;
  text: string;
  url: string | null;
  channels_json: string;
  published_at: string;
  created_by: string;
  created_at: string;
}

/** Kinds that count as the rumour being seen again (a suggestion is only a candidate, a rebuttal answers it). */
const SEEN_KINDS = `('confirmed', 'manual')`;

/** The known-rumour library, its sightings and rebuttal records. */
export function createLibraryRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO rumour_library
    (claim, category, unit, rebuttal_text, source_item_id, first_seen_at, confirmed_at, created_by, created_at, updated_at)
    VALUES (@claim, @category, @unit, @rebuttalText, @sourceItemId, @firstSeenAt, @confirmedAt, @createdBy, @at, @at)`);
  const byId = db.prepare('SELECT * FROM rumour_library WHERE id = ?');
  const live = db.prepare('SELECT id, claim FROM rumour_library WHERE merged_into IS NULL ORDER BY id');
  const counts = db.prepare(`SELECT
      sum(kind = 'confirmed') AS confirmed, sum(kind = 'suggested') AS suggested,
      sum(kind = 'rebuttal') AS rebuttal, sum(kind = 'manual') AS manual,
      max(CASE WHEN kind IN ${SEEN_KINDS} THEN seen_at END) AS last_seen_at
    FROM library_sightings WHERE library_id = ?`);
  const upsertSighting = db.prepare(`INSERT INTO library_sightings (library_id, item_id, kind, similarity, seen_at)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (library_id, item_id) DO UPDATE SET kind = excluded.kind, similarity = excluded.similarity
    WHERE library_sightings.kind <> 'manual'`);
  const dropMatches = db.prepare(`DELETE FROM library_sightings WHERE item_id = ? AND kind <> 'manual'`);
  const earlierSeen = db.prepare(`UPDATE rumour_library SET first_seen_at = ? WHERE id = ? AND first_seen_at > ?`);
  const rebuttalsOf = db.prepare(`SELECT b.* FROM rebuttals b JOIN rebuttal_claims rc ON rc.rebuttal_id = b.id
    WHERE rc.library_id = ? ORDER BY b.published_at`);
  const firstRebuttal = db.prepare(`SELECT min(b.published_at) FROM rebuttals b JOIN rebuttal_claims rc ON rc.rebuttal_id = b.id
    WHERE rc.library_id = ?`).pluck();

  function toSummary(r: RebuttalRow): RebuttalSummary {
    return {
      id: r.id,
      title: r.title,
      url: r.url,
      channels: JSON.parse(r.channels_json) as RebuttalChannel[],
      publishedAt: r.published_at,
    };
  }

  return {
    create(row: NewLibraryRow): number {
      return Number(insert.run(row).lastInsertRowid);
    },

    get(id: number): LibraryRow | null {
      return (byId.get(id) as LibraryRow | undefined) ?? null;
    },

    update(id: number, fields: Partial<Pick<LibraryRow, 'claim' | 'category' | 'unit' | 'rebuttal_text'>>, at: string): void {
      const keys = Object.keys(fields) as (keyof typeof fields)[];
      if (keys.length === 0) return;
      db.prepare(`UPDATE rumour_library SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @at WHERE id = @id`).run({
        ...fields,
        at,
        id,
      });
    },

    /** Entries that still match (not merged away), for building the claim index. */
    liveClaims(): { id: number; claim: string }[] {
      return live.all() as { id: number; claim: string }[];
    },

    list(f: { q?: string; category?: RumourCategory; showMerged: boolean }, limit: number, offset: number) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (!f.showMerged) where.push('merged_into IS NULL');
      if (f.category) {
        where.push('category = ?');
        params.push(f.category);
      }
      if (f.q) {
        where.push(`(claim LIKE ? ESCAPE '\\' OR rebuttal_text LIKE ? ESCAPE '\\')`);
        const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        params.push(like, like);
      }
      const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = db.prepare(`SELECT count(*) FROM rumour_library ${sql}`).pluck().get(...params) as number;
      const rows = db
        .prepare(`SELECT * FROM rumour_library ${sql} ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`)
        .all(...params, limit, offset) as LibraryRow[];
      return { total, rows };
    },

    all(): LibraryRow[] {
      return db.prepare('SELECT * FROM rumour_library ORDER BY id').all() as LibraryRow[];
    },

    sightingCounts(id: number): SightingCounts {
      const r = counts.get(id) as {
        confirmed: number | null;
        suggested: number | null;
        rebuttal: number | null;
        manual: number | null;
        last_seen_at: string | null;
      };
      return {
        confirmed: r.confirmed ?? 0,
        suggested: r.suggested ?? 0,
        rebuttal: r.rebuttal ?? 0,
        manual: r.manual ?? 0,
        lastSeenAt: r.last_seen_at,
      };
    },

    /** Sets the links claim matching found for one item, replacing its earlier automatic ones. */
    replaceMatches: db.transaction((itemId: number, matches: MatchWrite[], seenAt: string) => {
      dropMatches.run(itemId);
      for (const m of matches) {
        upsertSighting.run(m.libraryId, itemId, m.kind, m.similarity, seenAt);
        if (m.kind === 'confirmed') earlierSeen.run(seenAt, m.libraryId, seenAt);
      }
    }),

    /** An editor's link (survives re-matching). */
    addManual: db.transaction((libraryId: number, itemId: number, seenAt: string) => {
      upsertSighting.run(libraryId, itemId, 'manual', 1, seenAt);
      db.prepare(`UPDATE library_sightings SET kind = 'manual', similarity = 1 WHERE library_id = ? AND item_id = ?`).run(
        libraryId,
        itemId,
      );
      earlierSeen.run(seenAt, libraryId, seenAt);
    }),

    sightings(id: number, limit: number) {
      const items = db
        .prepare(
          `SELECT ls.item_id AS itemId, i.title, s.name AS sourceName, i.url, ls.kind, ls.similarity, i.sort_at AS seenAt
           FROM library_sightings ls JOIN items i ON i.id = ls.item_id JOIN sources s ON s.id = i.source_id
           WHERE ls.library_id = ? ORDER BY i.sort_at DESC, i.id DESC LIMIT ?`,
        )
        .all(id, limit) as { itemId: number; title: string; sourceName: string; url: string; kind: LibraryLinkKind; similarity: number; seenAt: string }[];
      const seen = db
        .prepare(
          `SELECT i.sort_at FROM library_sightings ls JOIN items i ON i.id = ls.item_id
           WHERE ls.library_id = ? AND ls.kind IN ${SEEN_KINDS}`,
        )
        .pluck()
        .all(id) as string[];
      const perDay = new Map<string, number>();
      for (const at of seen) perDay.set(shanghaiDay(at), (perDay.get(shanghaiDay(at)) ?? 0) + 1);
      return {
        items,
        perDay: [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count })),
      };
    },

    /** Moves sightings, rebuttals and verdict links of `from` onto `into`, and marks `from` merged. */
    merge: db.transaction((from: number, into: number, at: string) => {
      db.prepare(`INSERT OR IGNORE INTO library_sightings (library_id, item_id, kind, similarity, seen_at)
        SELECT ?, item_id, kind, similarity, seen_at FROM library_sightings WHERE library_id = ?`).run(into, from);
      db.prepare('DELETE FROM library_sightings WHERE library_id = ?').run(from);
      db.prepare(`INSERT OR IGNORE INTO rebuttal_claims (rebuttal_id, library_id)
        SELECT rebuttal_id, ? FROM rebuttal_claims WHERE library_id = ?`).run(into, from);
      db.prepare('DELETE FROM rebuttal_claims WHERE library_id = ?').run(from);
      db.prepare('UPDATE reviews SET library_id = ? WHERE library_id = ?').run(into, from);
      db.prepare(`UPDATE rumour_library SET
          first_seen_at = min(first_seen_at, (SELECT first_seen_at FROM rumour_library WHERE id = @from)),
          confirmed_at = min(confirmed_at, (SELECT confirmed_at FROM rumour_library WHERE id = @from)),
          updated_at = @at WHERE id = @into`).run({ from, into, at });
      db.prepare('UPDATE rumour_library SET merged_into = ?, updated_at = ? WHERE id = ?').run(into, at, from);
    }),

    rebuttalsOf(id: number): (RebuttalSummary & { text: string; createdBy: string })[] {
      return (rebuttalsOf.all(id) as RebuttalRow[]).map((r) => ({ ...toSummary(r), text: r.text, createdBy: r.created_by }));
    },

    firstRebuttalAt(id: number): string | null {
      return (firstRebuttal.get(id) as string | null) ?? null;
    },

    createRebuttal: db.transaction(
      (r: { title: string; text: string; url: string | null; channels: RebuttalChannel[]; publishedAt: string; libraryIds: number[]; createdBy: string; at: string }) => {
        const id = Number(
          db
            .prepare(`INSERT INTO rebuttals (title, text, url, channels_json, published_at, created_by, created_at, updated_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(r.title, r.text, r.url, JSON.stringify(r.channels), r.publishedAt, r.createdBy, r.at, r.at).lastInsertRowid,
        );
        const link = db.prepare('INSERT OR IGNORE INTO rebuttal_claims (rebuttal_id, library_id) VALUES (?, ?)');
        for (const lib of r.libraryIds) link.run(id, lib);
        return id;
      },
    ),

    getRebuttal(id: number) {
      const row = db.prepare('SELECT * FROM rebuttals WHERE id = ?').get(id) as RebuttalRow | undefined;
      if (!row) return null;
      const libraryIds = db.prepare('SELECT library_id FROM rebuttal_claims WHERE rebuttal_id = ? ORDER BY library_id').pluck().all(id) as number[];
      return { ...toSummary(row), text: row.text, libraryIds, createdBy: row.created_by, createdAt: row.created_at };
    },

    listRebuttals(limit: number, offset: number) {
      const total = db.prepare('SELECT count(*) FROM rebuttals').pluck().get() as number;
      const ids = db.prepare('SELECT id FROM rebuttals ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?').pluck().all(limit, offset) as number[];
      return { total, ids };
    },

    /** Per live entry: what the rumour clock needs. */
    clockRows(): { id: number; unit: string | null; first_seen_at: string; confirmed_at: string; rebutted_at: string | null }[] {
      return db
        .prepare(
          `SELECT l.id, l.unit, l.first_seen_at, l.confirmed_at,
             (SELECT min(b.published_at) FROM rebuttals b JOIN rebuttal_claims rc ON rc.rebuttal_id = b.id WHERE rc.library_id = l.id) AS rebutted_at
           FROM rumour_library l WHERE l.merged_into IS NULL`,
        )
        .all() as { id: number; unit: string | null; first_seen_at: string; confirmed_at: string; rebutted_at: string | null }[];
    },

    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type LibraryRepo = ReturnType<typeof createLibraryRepo>;
