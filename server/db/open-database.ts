import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { announceDatabaseUser } from './database-users';

export type Db = Database.Database;

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Opens (creating if needed) the SQLite system of record, in WAL mode, with every migration applied. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Statement journals (each statement's undo record inside a transaction) in memory, not in temp
  // files: an ingest batch's inserts run triggers that touch more than the 64 KiB SQLite keeps in
  // memory before spilling, and the spills were ~50 file writes per stored item — a tenth of ingest.
  // (temp_store governs these journals as well as temp tables and transient indices.)
  db.pragma('temp_store = MEMORY');
  applyMigrations(db);
  if (file !== ':memory:') {
    // While open, this process is listed as a user of the data dir (restore refuses beside it).
    const withdraw = announceDatabaseUser(path.dirname(file));
    const close = db.close.bind(db);
    db.close = () => {
      withdraw();
      return close();
    };
  }
  return db;
}

/** Applies numbered migrations (NNNN_name.sql) not yet recorded, each in its own transaction. */
export function applyMigrations(db: Db, dir = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
  );
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 4));
    if (done.has(version)) continue;
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        version,
        file,
        new Date().toISOString(),
      );
    })();
    applied.push(file);
  }
  return applied;
}
