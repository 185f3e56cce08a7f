import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Password, Role, UserCreate } from '../contracts/auth';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { argon2Hasher } from '../auth/passwords';
import { createAuthRepo } from '../repositories/auth-repo';
import { createAuthService } from '../services/auth-service';

const USAGE = 'usage: npm run user:create -- --username NAME --role admin|analyst|editor|leader|reporter [--display-name 名字] [--unit ID]\n' +
  '  the password is read from standard input (typed twice, hidden, on a terminal; one line when piped)';

/** Reads the password: hidden and twice on a terminal, the first line when piped. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const text = fs.readFileSync(0, 'utf8');
    return text.split(/\r?\n/)[0] ?? '';
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      // Echo nothing while the password is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.includes(prompt)) process.stdout.write(prompt);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('password: ');
  const second = await ask('again: ');
  if (first !== second) throw new ConfigError('the two passwords differ');
  return first;
}

/**
 * npm run user:create: an account straight into the database under DATA_DIR — the way to make the
 * first admin on a server without ADMIN_USER, or to get back in when every admin is locked out.
 */
async function main(): Promise<void> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: { username: { type: 'string' }, role: { type: 'string' }, 'display-name': { type: 'string' }, unit: { type: 'string' } },
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n${USAGE}`);
  }
  if (!values.username || !values.role) throw new ConfigError(`--username and --role are required\n${USAGE}`);
  const role = Role.safeParse(values.role);
  if (!role.success) throw new ConfigError(`--role ${values.role} is not one of ${Role.options.join(', ')}\n${USAGE}`);
  const password = await readPassword();
  const checked = Password.safeParse(password);
  if (!checked.success) throw new ConfigError(`password: ${checked.error.issues[0]?.message}`);
  const body = UserCreate.safeParse({
    username: values.username,
    displayName: values['display-name'] ?? values.username,
    role: role.data,
    unitId: values.unit === undefined ? null : Number(values.unit),
    password,
  });
  if (!body.success) throw new ConfigError(body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));

  const config = loadConfig();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(path.join(config.dataDir, 'app.db'));
  try {
    const auth = createAuthService({ repo: createAuthRepo(db), hasher: argon2Hasher, demoMode: false });
    const user = await auth.createUser(body.data, 'npm run user:create');
    process.stdout.write(`created ${user.role} ${user.username} (${user.displayName}) in ${config.dataDir}\n`);
  } finally {
    db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`user:create failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
