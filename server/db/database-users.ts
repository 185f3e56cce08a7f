import fs from 'node:fs';
import path from 'node:path';

/**
 * Every process that opens a data dir's database announces itself in DATA_DIR/processes/ while the
 * database is open — the server, and the tools that write beside it (`npm run retag`, `report`,
 * `reindex`, `backup`, `user:create`, training). `npm run restore` moves the database aside, so it
 * refuses while any of them is alive. A file left by a killed process names a dead pid and is ignored.
 */
export interface DatabaseUser {
  pid: number;
  /** The script the process runs (e.g. "retag.ts", "main.ts"). */
  command: string;
  startedAt: string;
}

let opened = 0;

export function usersDir(dataDir: string): string {
  return path.join(dataDir, 'processes');
}

/** Announces this process as a user of the database in `dataDir`; returns the function that withdraws it. */
export function announceDatabaseUser(dataDir: string): () => void {
  const dir = usersDir(dataDir);
  const file = path.join(dir, `${process.pid}-${++opened}.json`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const user: DatabaseUser = { pid: process.pid, command: path.basename(process.argv[1] ?? 'node'), startedAt: new Date().toISOString() };
    fs.writeFileSync(file, JSON.stringify(user), { mode: 0o600 });
  } catch {
    // A read-only or full disk must not stop the database from opening; restore then cannot see this process.
    return () => undefined;
  }
  return () => fs.rmSync(file, { force: true });
}

/** Whether a process with this pid runs (EPERM: it does, as another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, but another user's process.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The other live processes using the database in `dataDir` (not this one). */
export function otherDatabaseUsers(dataDir: string): DatabaseUser[] {
  let names: string[];
  try {
    names = fs.readdirSync(usersDir(dataDir)).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const users = new Map<number, DatabaseUser>();
  for (const name of names) {
    try {
      const u = JSON.parse(fs.readFileSync(path.join(usersDir(dataDir), name), 'utf8')) as DatabaseUser;
      if (Number.isInteger(u.pid) && u.pid !== process.pid && isAlive(u.pid)) users.set(u.pid, u);
    } catch {
      // half-written or removed meanwhile: not a live user
    }
  }
  return [...users.values()];
}
