import Database from 'better-sqlite3';

export interface BackedUpDatabase {
  /** The highest migration applied to the copy. */
  schemaVersion: number;
  items: number;
  /** PRAGMA quick_check of the copy: 'ok' or the first problem. */
  check: string;
}

/**
 * SQLite's online backup API, page by page through the library rather than a file copy: it reads a
 * consistent snapshot, including what is still in the WAL, while the server keeps writing.
 */
export async function backupDatabase(src: string, dest: string, onProgress?: (done: number, total: number) => void): Promise<BackedUpDatabase> {
  const db = new Database(src, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // A write by another connection (the server) restarts a step-wise backup; after one restart the
    // rest goes in a single step, one read transaction that WAL lets run beside the writers.
    let lastRemaining = Infinity;
    let restarted = false;
    const { totalPages } = await db.backup(dest, {
      progress: ({ totalPages: total, remainingPages }) => {
        if (remainingPages > lastRemaining) restarted = true;
        lastRemaining = remainingPages;
        onProgress?.(total - remainingPages, total);
        return restarted ? 0x7fffffff : 1_000;
      },
    });
    onProgress?.(totalPages, totalPages);
  } finally {
    db.close();
  }
  const copy = new Database(dest);
  try {
    // One self-contained file (no -wal beside it), so its checksum covers everything.
    copy.pragma('journal_mode = DELETE');
    return {
      schemaVersion: copy.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number,
      items: copy.prepare('SELECT count(*) FROM items').pluck().get() as number,
      check: String(copy.pragma('quick_check', { simple: true })),
    };
  } finally {
    copy.close();
  }
}
