import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startManagedMeili, type ManagedMeili } from '../../server/search/meili-process';

/** A real Meilisearch from the bundled binary, on a random loopback port, in a temp dir of its own. */
export async function startTestMeili(dir?: string): Promise<ManagedMeili & { dir: string }> {
  const home = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'meili-test-'));
  const m = await startManagedMeili({ dataDir: home, startTimeoutMs: 60_000 });
  return { ...m, dir: home };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}
