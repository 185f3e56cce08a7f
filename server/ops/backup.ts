import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase } from '../db/online-backup';
import { listDataFiles } from './data-files';
import { BACKUP_FORMAT, BackupError, describeFile, MANIFEST_FILE, type Manifest, type ManifestFile } from './manifest';
import { createMeiliDump, type MeiliEndpoint } from './meili-dump';

export interface BackupOptions {
  dataDir: string;
  out: string;
  appVersion: string;
  /** The search engine to dump, or null when none is reachable (the index is rebuilt from SQLite anyway). */
  meili: MeiliEndpoint | null;
  /** Why meili is null, for the manifest and the summary. */
  meiliAbsent?: string;
  onDbProgress?: (done: number, total: number) => void;
  say?: (line: string) => void;
}

/** A non-empty --out would mix two backups (or worse, overwrite something else): refused. */
export function prepareOutDir(out: string): void {
  if (fs.existsSync(out)) {
    if (!fs.statSync(out).isDirectory()) throw new BackupError(`${out}: exists and is not a directory`);
    if (fs.readdirSync(out).length > 0) throw new BackupError(`${out}: exists and is not empty; choose a new directory`);
  }
  fs.mkdirSync(out, { recursive: true });
}

export async function createBackup(opts: BackupOptions): Promise<Manifest> {
  const say = opts.say ?? (() => undefined);
  const dbFile = path.join(opts.dataDir, 'app.db');
  if (!fs.existsSync(dbFile)) throw new BackupError(`${dbFile}: no database to back up (check DATA_DIR)`);
  prepareOutDir(opts.out);
  const createdAt = new Date().toISOString();

  const { schemaVersion, items, check } = await backupDatabase(dbFile, path.join(opts.out, 'app.db'), opts.onDbProgress);
  if (check !== 'ok') throw new BackupError(`${path.join(opts.out, 'app.db')}: the copied database fails its integrity check (${check})`);
  const rels = ['app.db'];

  for (const rel of listDataFiles(opts.dataDir)) {
    const dest = path.join(opts.out, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    try {
      fs.copyFileSync(path.join(opts.dataDir, rel), dest);
      rels.push(rel);
    } catch (err) {
      // A report deleted between listing and copying is simply not part of this backup.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  let meili: Manifest['meili'];
  if (!opts.meili) {
    meili = { status: 'skipped', reason: opts.meiliAbsent ?? 'no Meilisearch reachable' };
  } else {
    try {
      const dump = await createMeiliDump(opts.meili);
      if (dump.file) {
        const rel = path.join('meili', path.basename(dump.file));
        fs.mkdirSync(path.join(opts.out, 'meili'), { recursive: true });
        fs.copyFileSync(dump.file, path.join(opts.out, rel));
        // Ours to tidy: dumps left in the engine's dump dir would pile up with every backup.
        if (opts.meili.managed) fs.rmSync(dump.file, { force: true });
        rels.push(rel);
        meili = { status: 'copied', dumpUid: dump.dumpUid, file: rel.split(path.sep).join('/') };
      } else {
        meili = { status: 'remote', dumpUid: dump.dumpUid, detail: `the dump was written by the Meilisearch at ${opts.meili.url}, in its own dump directory` };
      }
    } catch (err) {
      meili = { status: 'skipped', reason: (err as Error).message };
    }
  }

  // The manifest is written last: a backup that failed midway has none, and restore refuses it.
  const files: ManifestFile[] = [];
  for (const rel of rels) files.push(await describeFile(opts.out, rel));
  const manifest: Manifest = { format: BACKUP_FORMAT, createdAt, appVersion: opts.appVersion, schemaVersion, items, files, meili };
  fs.writeFileSync(path.join(opts.out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  say(`backup written to ${opts.out}`);
  return manifest;
}
