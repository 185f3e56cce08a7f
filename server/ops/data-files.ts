import fs from 'node:fs';
import path from 'node:path';
import { MODEL_FILE } from '../repositories/model-store';
import { SENTIMENT_MODEL_FILE } from '../learning-sentiment';

/** What lives under DATA_DIR outside SQLite and belongs in a backup (the search index is derived, meili/ is not here). */
export const MODEL_FILES = [MODEL_FILE, SENTIMENT_MODEL_FILE];
export const REPORTS_DIR = 'reports';

function walk(root: string, rel: string, out: string[]): void {
  const dir = path.join(root, rel);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(rel, e.name);
    if (e.isDirectory()) walk(root, child, out);
    // A report being written is a .tmp file renamed when complete: half a report is not worth keeping.
    else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(child);
  }
}

/** DATA_DIR-relative paths of the files to back up, as they are now. */
export function listDataFiles(dataDir: string): string[] {
  const files = MODEL_FILES.filter((f) => fs.existsSync(path.join(dataDir, f)));
  if (fs.existsSync(path.join(dataDir, REPORTS_DIR))) walk(dataDir, REPORTS_DIR, files);
  return files;
}
