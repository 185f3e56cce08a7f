import type { ItemKind } from '../contracts/item';
import type { Topic, TopicInput } from '../contracts/topic';
import type { Db } from '../db/open-database';
import { prepareEnqueue } from './outbox-repo';

interface TopicRow {
  id: number;
  name: string;
  description: string | null;
  include_all_json: string;
  include_any_json: string;
  exclude_json: string;
  source_ids_json: string;
  kinds_json: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  matched_at: string | null;
}

export type TopicDefinition = Omit<Topic, 'itemCount' | 'last24h'>;

function toDefinition(r: TopicRow): TopicDefinition {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    includeAll: JSON.parse(r.include_all_json) as string[],
    includeAny: JSON.parse(r.include_any_json) as string[],
    exclude: JSON.parse(r.exclude_json) as string[],
    sourceIds: JSON.parse(r.source_ids_json) as string[],
    kinds: JSON.parse(r.kinds_json) as ItemKind[],
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    matchedAt: r.matched_at,
  };
}

function ruleParams(t: TopicInput) {
  return {
    name: t.name,
    description: t.description,
    includeAll: JSON.stringify(t.includeAll),
    includeAny: JSON.stringify(t.includeAny),
    exclude: JSON.stringify(t.exclude),
    sourceIds: JSON.stringify(t.sourceIds),
    kinds: JSON.stringify(t.kinds),
  };
}

/** Topic definitions and which items each one holds. */
export function createTopicsRepo(db: Db) {
  const enqueue = prepareEnqueue(db);
  const insertLink = db.prepare('INSERT OR IGNORE INTO item_topics (topic_id, item_id, sort_at) VALUES (?, ?, ?)');
  const counts = db.prepare(
    `SELECT topic_id AS id, count(*) AS n, sum(sort_at >= ?) AS recent FROM item_topics GROUP BY topic_id`,
  );
  const countsOne = db.prepare(
    `SELECT topic_id AS id, count(*) AS n, sum(sort_at >= ?) AS recent FROM item_topics WHERE topic_id = ? GROUP BY topic_id`,
  );
  return {
    list(): TopicDefinition[] {
      return (db.prepare('SELECT * FROM topics ORDER BY name').all() as TopicRow[]).map(toDefinition);
    },
    get(id: number): TopicDefinition | null {
      const row = db.prepare('SELECT * FROM topics WHERE id = ?').get(id) as TopicRow | undefined;
      return row ? toDefinition(row) : null;
    },
    idByName(name: string): number | null {
      return (db.prepare('SELECT id FROM topics WHERE name = ?').pluck().get(name) as number | undefined) ?? null;
    },
    create(t: TopicInput, by: string, at: string): number {
      const res = db
        .prepare(
          `INSERT INTO topics (name, description, include_all_json, include_any_json, exclude_json, source_ids_json, kinds_json, created_by, created_at, updated_at)
           VALUES (@name, @description, @includeAll, @includeAny, @exclude, @sourceIds, @kinds, @by, @at, @at)`,
        )
        .run({ ...ruleParams(t), by, at });
      return Number(res.lastInsertRowid);
    },
    update(id: number, t: TopicInput, at: string): void {
      db.prepare(
        `UPDATE topics SET name = @name, description = @description, include_all_json = @includeAll, include_any_json = @includeAny,
           exclude_json = @exclude, source_ids_json = @sourceIds, kinds_json = @kinds, updated_at = @at, matched_at = NULL WHERE id = @id`,
      ).run({ ...ruleParams(t), at, id });
    },
    remove(id: number): boolean {
      return db.prepare('DELETE FROM topics WHERE id = ?').run(id).changes > 0;
    },
    markMatched(ids: number[], at: string): void {
      const stmt = db.prepare('UPDATE topics SET matched_at = ? WHERE id = ?');
      for (const id of ids) stmt.run(at, id);
    },
    /** Item counts per topic (or of one topic): in all, and since `since` (UTC ISO). */
    counts(since: string, onlyId?: number): Map<number, { total: number; recent: number }> {
      const out = new Map<number, { total: number; recent: number }>();
      const rows = (onlyId === undefined ? counts.all(since) : countsOne.all(since, onlyId)) as { id: number; n: number; recent: number }[];
      for (const r of rows) out.set(r.id, { total: r.n, recent: r.recent });
      return out;
    },
    link(itemId: number, topicIds: readonly number[], sortAt: string): void {
      for (const t of topicIds) insertLink.run(t, itemId, sortAt);
    },
    /**
     * Replaces, for the given topics and items, the stored membership with `matches` — in one
     * transaction per page, so a topic keeps its old items until the page that re-decides them.
     * Items that joined or left a topic are queued for the search index (it filters by topic).
     * Returns how many memberships changed.
     */
    replaceForItems: db.transaction(
      (topicIds: number[], itemIds: number[], matches: { itemId: number; topicId: number; sortAt: string }[], at: string): number => {
        if (topicIds.length === 0 || itemIds.length === 0) return 0;
        const scope = [JSON.stringify(topicIds), JSON.stringify(itemIds)];
        const before = new Set(
          (db
            .prepare(
              `SELECT topic_id || ':' || item_id FROM item_topics
               WHERE topic_id IN (SELECT value FROM json_each(?)) AND item_id IN (SELECT value FROM json_each(?))`,
            )
            .pluck()
            .all(...scope) as string[]),
        );
        const after = new Set(matches.map((m) => `${m.topicId}:${m.itemId}`));
        const changedItems = new Set<number>();
        for (const k of before) if (!after.has(k)) changedItems.add(Number(k.split(':')[1]));
        for (const m of matches) if (!before.has(`${m.topicId}:${m.itemId}`)) changedItems.add(m.itemId);
        if (changedItems.size === 0) return 0;
        db.prepare(
          `DELETE FROM item_topics WHERE topic_id IN (SELECT value FROM json_each(?)) AND item_id IN (SELECT value FROM json_each(?))`,
        ).run(...scope);
        for (const m of matches) insertLink.run(m.topicId, m.itemId, m.sortAt);
        for (const id of changedItems) enqueue.run(id, at);
        return changedItems.size;
      },
    ),
    topicsOf(itemId: number): { id: number; name: string }[] {
      return db
        .prepare('SELECT t.id, t.name FROM item_topics it JOIN topics t ON t.id = it.topic_id WHERE it.item_id = ? ORDER BY t.name')
        .all(itemId) as { id: number; name: string }[];
    },
    /** Title, body, source and kind of a page of items, for retroactive matching. */
    matchRows(itemIds: number[]): { id: number; title: string; body: string; source_id: string; kind: ItemKind; sort_at: string }[] {
      return db
        .prepare('SELECT id, title, body, source_id, kind, sort_at FROM items WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
        .all(JSON.stringify(itemIds)) as { id: number; title: string; body: string; source_id: string; kind: ItemKind; sort_at: string }[];
    },
  };
}

export type TopicsRepo = ReturnType<typeof createTopicsRepo>;
