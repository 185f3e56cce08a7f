import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bumped when the layout of a backup directory changes in a way an older restore cannot read. */
export const BACKUP_FORMAT = 1;
export const MANIFEST_FILE = 'manifest.json';

export interface ManifestFile {
  /** Path inside the backup directory, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: number;
  createdAt: string;
  appVersion: string;
  /** The highest migration applied to the backed-up database. */
  schemaVersion: number;
  items: number;
  files: ManifestFile[];
  meili: { status: 'copied'; dumpUid: string; file: string } | { status: 'remote'; dumpUid: string; detail: string } | { status: 'skipped'; reason: string };
}

/** A backup that must not be restored; the message names the file and what is wrong with it. */
export class BackupError extends Error {}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export async function describeFile(root: string, rel: string): Promise<ManifestFile> {
  const abs = path.join(root, rel);
  return { path: rel.split(path.sep).join('/'), bytes: fs.statSync(abs).size, sha256: await sha256File(abs) };
}

/** The highest migration this code knows: a backup from newer code may hold tables it cannot read. */
export function codeSchemaVersion(dir = fileURLToPath(new URL('../db/migrations/', import.meta.url))): number {
  return Math.max(0, ...fs.readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).map((f) => Number(f.slice(0, 4))));
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST_FILE);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    throw new BackupError(`${file}: no manifest (is ${dir} a backup made by npm run backup?)`);
  }
  let m: Manifest;
  try {
    m = JSON.parse(raw) as Manifest;
  } catch {
    throw new BackupError(`${file}: not valid JSON`);
  }
  if (m.format !== BACKUP_FORMAT) throw new BackupError(`${file}: backup format ${String(m.format)}, this code reads format ${BACKUP_FORMAT}`);
  if (!Array.isArray(m.files) || !Number.isInteger(m.schemaVersion)) throw new BackupError(`${file}: files or schemaVersion missing`);
  return m;
}

/**
 * Every listed file present with its recorded size and SHA-256, nothing outside the backup named,
 * and a schema this code can open (older is fine: openDatabase applies the missing migrations).
 */
export async function verifyBackup(dir: string, onFile?: (f: ManifestFile) => void): Promise<Manifest> {
  const m = readManifest(dir);
  const known = codeSchemaVersion();
  if (m.schemaVersion > known) {
    throw new BackupError(`${path.join(dir, 'app.db')}: schema version ${m.schemaVersion} is newer than this code's ${known}; restore it with the version that made it (${m.appVersion})`);
  }
  if (!m.files.some((f) => f.path === 'app.db')) throw new BackupError(`${path.join(dir, MANIFEST_FILE)}: lists no app.db`);
  for (const f of m.files) {
    const abs = path.resolve(dir, f.path);
    if (!abs.startsWith(path.resolve(dir) + path.sep)) throw new BackupError(`${path.join(dir, MANIFEST_FILE)}: file ${f.path} lies outside the backup`);
    if (!fs.existsSync(abs)) throw new BackupError(`${abs}: missing`);
    const bytes = fs.statSync(abs).size;
    if (bytes !== f.bytes) throw new BackupError(`${abs}: ${bytes} bytes, the manifest says ${f.bytes}`);
    if ((await sha256File(abs)) !== f.sha256) throw new BackupError(`${abs}: checksum mismatch (the file was changed or damaged)`);
    onFile?.(f);
  }
  return m;
}
