import type Database from 'better-sqlite3';
import type { Db } from '../db/open-database';
import type { Item, ItemKind, Reason, ScoredSentiment, SentimentLabel, Tag, TimePrecision } from '../contracts/item';
import type { ItemSort } from '../contracts/api';
import { ITEM_COLUMNS, ITEM_FROM, rowToItem, type ItemRow } from './item-rows';
import { prepareEnqueue } from './outbox-repo';
import { createChangeCache } from './change-version';

export interface NewItem {
  sourceId: string;
  kind: ItemKind;
  url: string;
  title: string;
  body: string;
  author: string | null;
  contentHash: string;
  publishedAt: string | null;
  publishedPrecision: TimePrecision | null;
  collectedAt: string;
  sortAt: string;
  day: string;
  tags: Tag[];
  score: number;
  reasons: Reason[];
  sentiment?: ScoredSentiment | null;
}


/**
 * Puts a just-stored item into its near-duplicate cluster. Called inside the insert transaction,
 * once per stored item in batch order (`at` is its index in the batch), so the cluster is written
 * with the item or not at all.
 */
export type PlaceInCluster = (id: number, at: number) => void;

export interface ItemFilter {
  sourceId?: string;
  kind?: ItemKind;
  tag?: Tag;
  sentiment?: SentimentLabel;
  topicId?: number;
  /** UTC ISO bounds on sort_at: from inclusive, to exclusive. */
  fromIso?: string;
  toIso?: string;
  /** Every term must appear in the title or body (the fallback when the search engine is down). */
  terms?: string[];
  ids?: number[];
}

const ORDER_BY: Record<Exclude<ItemSort, 'relevance'>, string> = {
  newest: 'i.sort_at DESC, i.id DESC',
  oldest: 'i.sort_at ASC, i.id ASC',
  score: 'i.score DESC, i.sort_at DESC, i.id DESC',
};

/** Prepared statements kept per repository (distinct filter shapes and id-list lengths). */
const MAX_STATEMENTS = 256;

export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereClause(f: ItemFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.sourceId) {
    parts.push('i.source_id = ?');
    params.push(f.sourceId);
  }
  if (f.kind) {
    parts.push('i.kind = ?');
    params.push(f.kind);
  }
  if (f.tag) {
    parts.push('EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag = ?)');
    params.push(f.tag);
  }
  if (f.sentiment) {
    parts.push('i.sentiment = ?');
    params.push(f.sentiment);
  }
  if (f.topicId) {
    parts.push('EXISTS (SELECT 1 FROM item_topics it WHERE it.item_id = i.id AND it.topic_id = ?)');
    params.push(f.topicId);
  }
  if (f.fromIso) {
    parts.push('i.sort_at >= ?');
    params.push(f.fromIso);
  }
  if (f.toIso) {
    parts.push('i.sort_at < ?');
    params.push(f.toIso);
  }
  for (const term of f.terms ?? []) {
    parts.push(`(i.title LIKE ? ESCAPE '\\' OR i.body LIKE ? ESCAPE '\\')`);
    const like = `%${escapeLike(term)}%`;
    params.push(like, like);
  }
  if (f.ids) {
    parts.push(`i.id IN (${f.ids.map(() => '?').join(',') || 'NULL'})`);
    params.push(...f.ids);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The only module that reads and writes items in SQLite. */
export function createItemsRepo(db: Db, now: () => Date = () => new Date()) {
  const insertItem = db.prepare(`INSERT INTO items
    (source_id, kind, url, title, body, author, content_hash, published_at, published_precision, collected_at, sort_at, day,
     score, reasons_json, tagged_at, sentiment, sentiment_confidence, sentiment_source)
    VALUES (@sourceId, @kind, @url, @title, @body, @author, @contentHash, @publishedAt, @publishedPrecision, @collectedAt,
     @sortAt, @day, @score, @reasonsJson, @collectedAt, @sentiment, @sentimentConfidence, @sentimentSource)
    ON CONFLICT DO NOTHING`);
  const insertTag = db.prepare('INSERT OR IGNORE INTO item_tags (item_id, tag) VALUES (?, ?)');
  const enqueue = prepareEnqueue(db);
  const knownUrl = db
    .prepare('SELECT 1 FROM items WHERE url = ? UNION ALL SELECT 1 FROM item_aliases WHERE url = ? LIMIT 1')
    .pluck();
  const byHash = db.prepare('SELECT id FROM items WHERE content_hash = ?').pluck();
  const insertAlias = db.prepare(`INSERT OR IGNORE INTO item_aliases (url, item_id, source_id, seen_at)
    SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM items WHERE url = ?)`);
  const ownCluster = db.prepare('UPDATE items SET cluster_id = id WHERE id = ?');
  const byId = db.prepare(`SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} WHERE i.id = ?`);
  // Listing and paging build their SQL from the filter, but the same few shapes come back on every
  // request: keep their prepared statements rather than compiling them again each time.
  const statements = new Map<string, Database.Statement>();
  // A list's page of ids: reused until the database changes (or, under the stale tolerance, a moment
  // longer while ingest writes).
  const cachedListAnswer = createChangeCache(db, 256);
  // Its total, a count over a range of the table asked with every page (tens of ms over a year of
  // items; under ingest it was recounted every second for each list, the most of any list's cost), may
  // lag background writes a few seconds more: it is shown as "共 26.3 万条", the page itself stays fresh.
  const cachedListTotal = createChangeCache(db, 256, { slowerTolerance: 5_000 });

  function prepared(sql: string, pluck = false): Database.Statement {
    const key = `${pluck ? 'p' : 'r'}:${sql}`;
    let st = statements.get(key);
    if (!st) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      st = pluck ? db.prepare(sql).pluck() : db.prepare(sql);
      statements.set(key, st);
    }
    return st;
  }

  /**
   * Stores new items with their tags and queues each for the search index, all in one transaction:
   * an item is either fully stored, clustered and queued, or not at all. Duplicates (same canonical
   * URL or same content hash) are skipped and counted; one with the same content under a new URL is
   * remembered as an alias of the original, which counts it as an exact repost in its cluster.
   */
  const insertMany = db.transaction((items: NewItem[], placeInCluster?: PlaceInCluster) => {
    const insertedIds: number[] = [];
    for (const [at, it] of items.entries()) {
      const { sentiment, ...row } = it;
      const res = insertItem.run({
        ...row,
        reasonsJson: JSON.stringify(it.reasons),
        sentiment: sentiment?.label ?? null,
        sentimentConfidence: sentiment?.confidence ?? null,
        sentimentSource: sentiment?.source ?? null,
      });
      if (res.changes === 0) {
        const original = byHash.get(it.contentHash) as number | undefined;
        if (original) insertAlias.run(it.url, original, it.sourceId, it.collectedAt, it.url);
        continue;
      }
      const id = Number(res.lastInsertRowid);
      for (const tag of it.tags) insertTag.run(id, tag);
      if (placeInCluster) placeInCluster(id, at);
      else ownCluster.run(id);
      enqueue.run(id, it.collectedAt);
      insertedIds.push(id);
    }
    return insertedIds;
  });

  return {
    insertMany(items: NewItem[], placeInCluster?: PlaceInCluster): number[] {
      return insertMany(items, placeInCluster);
    },

    filterUnknownUrls(urls: string[]): string[] {
      return urls.filter((u) => !knownUrl.get(u, u));
    },

    idByUrl(url: string): number | null {
      return (db.prepare('SELECT id FROM items WHERE url = ?').pluck().get(url) as number | undefined) ?? null;
    },

    getItem(id: number): Item | null {
      const row = byId.get(id) as ItemRow | undefined;
      return row ? rowToItem(row, now().toISOString()) : null;
    },

    getItemsByIds(ids: number[]): Item[] {
      if (ids.length === 0) return [];
      const { sql, params } = whereClause({ ids });
      const rows = prepared(`SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} ${sql}`).all(...params) as ItemRow[];
      const nowIso = now().toISOString();
      return rows.map((r) => rowToItem(r, nowIso));
    },

    listItems(filter: ItemFilter, sort: Exclude<ItemSort, 'relevance'>, limit: number, offset: number) {
      const { sql, params } = whereClause(filter);
      // Counted over items alone: the filters read only items (and subqueries), every item has its source
      // (a foreign key), and the outer joins of ITEM_FROM are on unique keys, so the joins change no count.
      // Joining them made this count of a 200k-item table most of a page's cost.
      const countSql = `SELECT count(*) FROM items i ${sql}`;
      const total = cachedListTotal(`${countSql}\u0000${JSON.stringify(params)}`, () => prepared(countSql, true).get(...params) as number);
      // The page's ids first, from items alone (the order is on items' own columns), then the full rows
      // of just those: OFFSET skips cheap index entries instead of building joined rows to throw away.
      // Which ids are on the page is reused like the total (a filtered page can scan thousands of index
      // entries); the rows themselves are always read fresh.
      const pageSql = `SELECT i.id FROM items i ${sql} ORDER BY ${ORDER_BY[sort]} LIMIT ? OFFSET ?`;
      const ids = cachedListAnswer(`${pageSql}\u0000${JSON.stringify(params)}\u0000${limit}\u0000${offset}`, () =>
        prepared(pageSql, true).all(...params, limit, offset) as number[],
      );
      const byId = new Map<number, ItemRow>();
      if (ids.length) {
        const page = whereClause({ ids });
        for (const r of prepared(`SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} ${page.sql}`).all(...page.params) as ItemRow[]) byId.set(r.id, r);
      }
      const rows = ids.flatMap((id) => byId.get(id) ?? []);
      const nowIso = now().toISOString();
      return { total, items: rows.map((r) => rowToItem(r, nowIso)) };
    },

    /**
     * Replaces an item's tags, score and reasons (re-tagging after the library or the model changed)
     * and queues it for the index. Returns false, writing nothing, when nothing differs.
     */
    updateTagging: db.transaction((id: number, t: { tags: Tag[]; score: number; reasons: Reason[] }, at: string): boolean => {
      const cur = db.prepare('SELECT score, reasons_json FROM items WHERE id = ?').get(id) as
        | { score: number; reasons_json: string }
        | undefined;
      if (!cur) return false;
      const tags = [...t.tags].sort();
      const curTags = (db.prepare('SELECT tag FROM item_tags WHERE item_id = ? ORDER BY tag').pluck().all(id) as string[]).sort();
      const reasonsJson = JSON.stringify(t.reasons);
      if (cur.score === t.score && cur.reasons_json === reasonsJson && curTags.join(',') === tags.join(',')) return false;
      db.prepare('UPDATE items SET score = ?, reasons_json = ?, tagged_at = ? WHERE id = ?').run(t.score, reasonsJson, at, id);
      db.prepare('DELETE FROM item_tags WHERE item_id = ?').run(id);
      for (const tag of tags) insertTag.run(id, tag);
      enqueue.run(id, at);
      return true;
    }),

    /** Walks every item id in ascending order, in pages, for reindexing. */
    *iterateIds(pageSize = 1_000, after = 0): Generator<number[]> {
      const page = db.prepare('SELECT id FROM items WHERE id > ? ORDER BY id LIMIT ?').pluck();
      for (;;) {
        const ids = page.all(after, pageSize) as number[];
        if (ids.length === 0) return;
        yield ids;
        after = ids[ids.length - 1]!;
      }
    },

    countItems(): number {
      return db.prepare('SELECT count(*) FROM items').pluck().get() as number;
    },
  };
}

export type ItemsRepo = ReturnType<typeof createItemsRepo>;
