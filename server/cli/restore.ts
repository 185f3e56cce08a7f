import cliProgress from 'cli-progress';
import path from 'node:path';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { verifyBackup } from '../ops/manifest';
import { assertNoServer, moveAside, openRestored, putInPlace, rebuildSearch } from '../ops/restore';

const USAGE = 'usage: npm run restore -- --from DIR [--yes]';

function loadDotEnv(): void {
  try {
    process.loadEnvFile('.env');
  } catch {
    // no .env: the environment alone configures the tool, as it does the server
  }
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}

/**
 * npm run restore: checks a backup against its manifest, moves the current database and files aside
 * (never deletes them), puts the backup in place, migrates it if it is older, and rebuilds the search index.
 */
async function main(): Promise<void> {
  let values: { from?: string; yes?: boolean };
  try {
    ({ values } = parseArgs({ options: { from: { type: 'string' }, yes: { type: 'boolean' } }, strict: true }));
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n${USAGE}`);
  }
  if (!values.from) throw new ConfigError(`--from is required\n${USAGE}`);
  loadDotEnv();
  const config = loadConfig();
  const from = path.resolve(values.from);

  process.stdout.write(`checking ${from}…\n`);
  const manifest = await verifyBackup(from, (f) => process.stdout.write(`  ok ${f.path}\n`));
  process.stdout.write(`backup of ${manifest.createdAt} (version ${manifest.appVersion}, schema ${manifest.schemaVersion}, ${manifest.items} items) is intact\n`);
  assertNoServer(config.dataDir);
  if (!values.yes && !(await confirm(`replace the database and files in ${config.dataDir} with this backup? (the current ones are moved aside) type yes: `))) {
    throw new ConfigError('not confirmed: pass --yes to restore without a question');
  }
  // Checked again right before touching anything: a server may have started while we asked.
  assertNoServer(config.dataDir);

  const aside = moveAside(config.dataDir);
  if (aside) process.stdout.write(`moved the current ${aside.moved.join(', ')} to ${aside.dir}\n`);
  const placed = putInPlace(from, config.dataDir, manifest);
  process.stdout.write(`restored ${placed.length} files into ${config.dataDir}\n`);
  const restored = openRestored(config.dataDir);
  if (restored.schemaVersion > manifest.schemaVersion) {
    process.stdout.write(`migrated the database from schema ${manifest.schemaVersion} to ${restored.schemaVersion}\n`);
  }

  const bar = new cliProgress.SingleBar(
    { format: 'search index [{bar}] {percentage}% | {value}/{total} items', noTTYOutput: true, notTTYSchedule: 2_000 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let search;
  try {
    search = await rebuildSearch(config, (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.setTotal(total);
      bar.update(done);
    });
  } finally {
    bar.stop();
  }
  if ('indexed' in search) process.stdout.write(`search index rebuilt from SQLite: ${search.indexed} items\n`);
  else {
    process.stderr.write(`warning: the search index could not be rebuilt now (${search.reason}); ${search.queued} items are queued for it, and \`npm run reindex\` rebuilds it fully\n`);
  }
  process.stdout.write(`restore done: ${restored.items} items, schema version ${restored.schemaVersion}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`restore failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
