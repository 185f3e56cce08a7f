import cliProgress from 'cli-progress';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { VERSION } from '../runtime';
import { createBackup } from '../ops/backup';
import { findMeili } from '../ops/endpoints';

const USAGE = 'usage: npm run backup -- --out DIR [--meili-dump-dir DIR]';

function loadDotEnv(): void {
  try {
    process.loadEnvFile('.env');
  } catch {
    // no .env: the environment alone configures the tool, as it does the server
  }
}

const mib = (n: number) => `${(n / 1_048_576).toFixed(n < 1_048_576 ? 2 : 1)} MiB`;

/**
 * npm run backup: a consistent copy of DATA_DIR's SQLite database (online backup API), its reports
 * and models, and a Meilisearch dump, with a manifest of checksums. Works beside a running server.
 */
async function main(): Promise<void> {
  let values: { out?: string; 'meili-dump-dir'?: string };
  try {
    ({ values } = parseArgs({ options: { out: { type: 'string' }, 'meili-dump-dir': { type: 'string' } }, strict: true }));
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n${USAGE}`);
  }
  if (!values.out) throw new ConfigError(`--out is required\n${USAGE}`);
  loadDotEnv();
  const config = loadConfig();
  const out = path.resolve(values.out);
  const { endpoint, reason } = findMeili(config, values['meili-dump-dir'] ? path.resolve(values['meili-dump-dir']) : null);

  process.stdout.write(`backing up ${config.dataDir} → ${out}\n`);
  const bar = new cliProgress.SingleBar(
    { format: 'sqlite [{bar}] {percentage}% | {value}/{total} pages', noTTYOutput: true, notTTYSchedule: 2_000 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let manifest;
  try {
    manifest = await createBackup({
      dataDir: config.dataDir,
      out,
      appVersion: VERSION,
      meili: endpoint,
      meiliAbsent: reason,
      onDbProgress: (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.setTotal(total);
        bar.update(done);
      },
    });
  } finally {
    bar.stop();
  }
  for (const f of manifest.files) process.stdout.write(`  ${f.path.padEnd(40)} ${mib(f.bytes).padStart(11)}  sha256 ${f.sha256.slice(0, 12)}…\n`);
  const m = manifest.meili;
  if (m.status === 'copied') process.stdout.write(`search index: Meilisearch dump ${m.dumpUid} copied to ${m.file}\n`);
  else if (m.status === 'remote') process.stdout.write(`search index: Meilisearch dump ${m.dumpUid} made; ${m.detail} (pass --meili-dump-dir to copy it)\n`);
  else process.stdout.write(`search index: no Meilisearch dump (${m.reason}); not needed to restore: the index is rebuilt from SQLite\n`);
  process.stdout.write(`backup done: ${manifest.items} items, schema version ${manifest.schemaVersion}, ${manifest.files.length} files, manifest ${path.join(out, 'manifest.json')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`backup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
