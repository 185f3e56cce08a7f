import type { Db } from '../db/open-database';

/** The durable crawl frontier (see contracts/ingest.ts CrawlFrontier). */
export function createFrontierRepo(db: Db) {
  const insert = db.prepare('INSERT OR IGNORE INTO crawl_frontier (source_id, url, discovered_at) VALUES (?, ?, ?)');
  const remove = db.prepare('DELETE FROM crawl_frontier WHERE source_id = ? AND url = ?');
  return {
    pending(sourceId: string, limit = 10_000): string[] {
      return db
        .prepare('SELECT url FROM crawl_frontier WHERE source_id = ? ORDER BY discovered_at, url LIMIT ?')
        .pluck()
        .all(sourceId, limit) as string[];
    },
    add: db.transaction((sourceId: string, urls: string[], nowIso: string) => {
      for (const u of urls) insert.run(sourceId, u, nowIso);
    }),
    done: db.transaction((sourceId: string, urls: string[]) => {
      for (const u of urls) remove.run(sourceId, u);
    }),
    count(sourceId?: string): number {
      return (sourceId
        ? db.prepare('SELECT count(*) FROM crawl_frontier WHERE source_id = ?').pluck().get(sourceId)
        : db.prepare('SELECT count(*) FROM crawl_frontier').pluck().get()) as number;
    },
  };
}

export type FrontierRepo = ReturnType<typeof createFrontierRepo>;
