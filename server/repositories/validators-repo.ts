import type { Db } from '../db/open-database';

export interface StoredValidators {
  etag: string | null;
  lastModified: string | null;
}

/** Durable HTTP validators for the crawler's conditional GETs (see crawler/fetch/validators.ts). */
export function createValidatorsRepo(db: Db) {
  const select = db.prepare('SELECT etag, last_modified AS lastModified FROM http_validators WHERE url = ?');
  const upsert = db.prepare(`INSERT INTO http_validators (url, etag, last_modified, stored_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, stored_at = excluded.stored_at`);
  return {
    get(url: string): StoredValidators | null {
      return (select.get(url) as StoredValidators | undefined) ?? null;
    },
    set(url: string, v: StoredValidators): void {
      upsert.run(url, v.etag, v.lastModified, new Date().toISOString());
    },
  };
}

export type ValidatorsRepo = ReturnType<typeof createValidatorsRepo>;
