import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from '../db/database-users';

/**
 * A server announces itself in DATA_DIR/server.pid while it runs, so tools that must not work
 * beside it (restore) can refuse. The pid is checked for life: a file left by a killed process is stale.
 */
export function serverPidFile(dataDir: string): string {
  return path.join(dataDir, 'server.pid');
}

export function writeServerPid(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(serverPidFile(dataDir), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }), { mode: 0o600 });
}

/** Removes the file if it is this process's own (another server may have taken the dir over since). */
export function removeServerPid(dataDir: string): void {
  if (runningServerPid(dataDir) === process.pid) fs.rmSync(serverPidFile(dataDir), { force: true });
}

export function runningServerPid(dataDir: string): number | null {
  let pid: number;
  try {
    pid = (JSON.parse(fs.readFileSync(serverPidFile(dataDir), 'utf8')) as { pid: number }).pid;
  } catch {
    return null;
  }
  return isAlive(pid) ? pid : null;
}
