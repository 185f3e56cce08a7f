import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Temp dirs made for a test file, removed after it (cleanup-setup.ts): each full run made ~600 of
 * them (databases, Meilisearch homes, Chromium profiles), and a developer's /tmp filled up.
 */
const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}

/** Best effort: a child process still exiting may hold a file; what is left is left, never an error. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
    } catch {
      // left for the OS's own /tmp cleaning
    }
  }
}
