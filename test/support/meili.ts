import { startManagedMeili, type ManagedMeili } from '../../server/search/meili-process';
import { tempDir } from './temp-dirs';

/** A real Meilisearch from the bundled binary, on a random loopback port, in a temp dir of its own. */
export async function startTestMeili(dir?: string): Promise<ManagedMeili & { dir: string }> {
  const home = dir ?? tempDir('meili-test');
  const m = await startManagedMeili({ dataDir: home, startTimeoutMs: 60_000 });
  return { ...m, dir: home };
}

export { tempDir };
