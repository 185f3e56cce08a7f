import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open-database';
import { argon2Hasher } from '../../server/auth/passwords';
import { createAuthRepo } from '../../server/repositories/auth-repo';
import { createAuthService } from '../../server/services/auth-service';
import { tempDir } from '../support/meili';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = (dataDir: string, args: string[], password: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/user-create.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    input: `${password}\n`,
    encoding: 'utf8',
  });

describe('npm run user:create', () => {
  it('creates an account that can sign in, and names what is wrong otherwise', async () => {
    const dir = tempDir('user-create');
    const ok = run(dir, ['--username', 'boss', '--role', 'admin', '--display-name', '主任'], 'a-long-password-1');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('created admin boss (主任)');
    expect(run(dir, ['--username', 'boss', '--role', 'admin'], 'a-long-password-1').stderr).toContain('already exists');
    expect(run(dir, ['--username', 'x', '--role', 'king'], 'a-long-password-1').stderr).toContain('--role king');
    expect(run(dir, ['--username', 'y', '--role', 'leader'], 'short').stderr).toContain('at least 10 characters');

    const db = openDatabase(path.join(dir, 'app.db'));
    const auth = createAuthService({ repo: createAuthRepo(db), hasher: argon2Hasher, demoMode: false });
    const { me } = await auth.login({ username: 'boss', password: 'a-long-password-1' }, { ip: null, userAgent: null });
    expect(me.user).toMatchObject({ role: 'admin', displayName: '主任' });
    db.close();
  }, 60_000);
});
