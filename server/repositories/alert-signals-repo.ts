import type { AlertScope } from '../contracts/alerts';
import type { Db } from '../db/open-database';
import { escapeLike } from './items-repo';

function scopeWhere(scope: AlertScope): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.topicId !== null) {
    parts.push('EXISTS (SELECT 1 FROM item_topics it WHERE it.item_id = i.id AND it.topic_id = ?)');
    params.push(scope.topicId);
  }
  if (scope.tag !== null) {
    parts.push('EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag = ?)');
    params.push(scope.tag);
  }
  if (scope.sentiment !== null) {
    parts.push('i.sentiment = ?');
    params.push(scope.sentiment);
  }
  if (scope.sourceId !== null) {
    parts.push('i.source_id = ?');
    params.push(scope.sourceId);
  }
  for (const k of scope.keywords) {
    parts.push(`(i.title LIKE ? ESCAPE '\\' OR i.body LIKE ? ESCAPE '\\')`);
    params.push(`%${escapeLike(k)}%`, `%${escapeLike(k)}%`);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

export interface NewestItem {
  id: number;
  published_at: string | null;
  collected_at: string;
}

export interface Sighting {
  library_id: number;
  item_id: number;
  seen_at: string;
  collected_at: string;
  published_at: string | null;
  claim: string;
  unit: string | null;
  previous_seen: string | null;
}

/** What alert rules read: item counts over windows of a scope, new sightings of known rumours, silent sources. */
export function createAlertSignalsRepo(db: Db) {
  return {
    /** Items of the scope with sort_at in each window [edges[i], edges[i+1]). */
    countWindows(scope: AlertScope, edges: string[]): number[] {
      const w = scopeWhere(scope);
      const stmt = db.prepare(`SELECT count(*) FROM items i WHERE i.sort_at >= ? AND i.sort_at < ?${w.sql}`).pluck();
      const out: number[] = [];
      for (let k = 0; k + 1 < edges.length; k++) out.push(stmt.get(edges[k], edges[k + 1], ...w.params) as number);
      return out;
    },
    newest(scope: AlertScope, fromIso: string, toIso: string): NewestItem | null {
      const w = scopeWhere(scope);
      return (
        (db
          .prepare(
            `SELECT i.id, i.published_at, i.collected_at FROM items i WHERE i.sort_at >= ? AND i.sort_at < ?${w.sql}
             ORDER BY i.collected_at DESC, i.id DESC LIMIT 1`,
          )
          .get(fromIso, toIso, ...w.params) as NewestItem | undefined) ?? null
      );
    },
    /**
     * Confirmed or suggested sightings of known rumours collected since `sinceIso`, each with the
     * previous sighting of the same entry (null when there is none).
     */
    sightingsSince(sinceIso: string): Sighting[] {
      return db
        .prepare(
          `SELECT ls.library_id, ls.item_id, ls.seen_at, i.collected_at, i.published_at, l.claim, l.unit,
             (SELECT max(p.seen_at) FROM library_sightings p WHERE p.library_id = ls.library_id AND p.item_id != ls.item_id
                AND p.seen_at <= ls.seen_at AND p.kind IN ('confirmed', 'suggested', 'manual')) AS previous_seen
           FROM library_sightings ls JOIN items i ON i.id = ls.item_id JOIN rumour_library l ON l.id = ls.library_id
           WHERE i.collected_at > ? AND ls.kind IN ('confirmed', 'suggested') AND l.merged_into IS NULL
           ORDER BY i.collected_at`,
        )
        .all(sinceIso) as Sighting[];
    },
    /**
     * Enabled sources with nothing collected since `sinceIso` that did deliver at least `usual` items
     * in the week before: silence that is unusual for them.
     */
    silentSources(sinceIso: string, weekBeforeIso: string, usual: number, sourceId: string | null): { id: string; name: string; last: string | null }[] {
      return db
        .prepare(
          `SELECT s.id, s.name, (SELECT max(collected_at) FROM items WHERE source_id = s.id) AS last
           FROM sources s
           WHERE s.enabled = 1 AND s.paused = 0 AND s.type != 'manual' AND (? IS NULL OR s.id = ?)
             AND NOT EXISTS (SELECT 1 FROM items WHERE source_id = s.id AND collected_at >= ?)
             AND (SELECT count(*) FROM items WHERE source_id = s.id AND collected_at >= ? AND collected_at < ?) >= ?`,
        )
        .all(sourceId, sourceId, sinceIso, weekBeforeIso, sinceIso, usual) as { id: string; name: string; last: string | null }[];
    },
  };
}

export type AlertSignalsRepo = ReturnType<typeof createAlertSignalsRepo>;
