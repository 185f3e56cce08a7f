import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open-database';
import { otherDatabaseUsers, usersDir } from '../../server/db/database-users';
import { assertNoServer } from '../../server/ops/restore';
import { tempDir } from '../support/meili';

// A tool writing to the database (retag, report, reindex…) is a reason for `npm run restore` to
// refuse, like a running server: restoring would move the database from under it.
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** Another process that opens the data dir's database the way every tool does, and keeps it open. */
async function toolHolding(dataDir: string): Promise<ChildProcess> {
  // Closes its database when its stdin ends (a signal would race tsx's own signal handling).
  const script = `
    import { openDatabase } from ${JSON.stringify(path.resolve('server/db/open-database.ts'))};
    const db = openDatabase(${JSON.stringify(path.join(dataDir, 'app.db'))});
    console.log('open');
    process.stdin.resume();
    process.stdin.on('end', () => { db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`tool exited ${code}`)));
  });
  return child;
}

describe('processes using a data dir', () => {
  it('lists another process holding the database, and restore refuses naming it until it is gone', async () => {
    const dataDir = tempDir('db-users');
    openDatabase(path.join(dataDir, 'app.db')).close();
    expect(() => assertNoServer(dataDir)).not.toThrow();

    const tool = await toolHolding(dataDir);
    const users = otherDatabaseUsers(dataDir);
    expect(users.map((u) => u.pid)).toEqual([tool.pid]);
    expect(() => assertNoServer(dataDir)).toThrow(new RegExp(`open in .*pid ${tool.pid}`));

    // A clean close withdraws the announcement.
    const exited = new Promise((r) => tool.once('exit', r));
    tool.stdin!.end();
    await exited;
    expect(otherDatabaseUsers(dataDir)).toEqual([]);
    expect(fs.readdirSync(usersDir(dataDir))).toEqual([]);
    expect(() => assertNoServer(dataDir)).not.toThrow();
  }, 60_000);

  it('ignores what a killed process left behind, and never counts this process', async () => {
    const dataDir = tempDir('db-users');
    const db = openDatabase(path.join(dataDir, 'app.db'));
    const tool = await toolHolding(dataDir);
    tool.kill('SIGKILL');
    await new Promise((r) => tool.once('exit', r));
    // Its file is still there, naming a dead pid; this process's own open database is not "another".
    expect(fs.readdirSync(usersDir(dataDir)).length).toBe(2);
    expect(otherDatabaseUsers(dataDir)).toEqual([]);
    expect(() => assertNoServer(dataDir)).not.toThrow();
    db.close();
  }, 60_000);
});
