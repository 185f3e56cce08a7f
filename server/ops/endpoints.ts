import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { runningManagedUrl } from '../runtime';
import type { MeiliEndpoint } from './meili-dump';

/**
 * The Meilisearch a backup should dump: MEILI_URL when configured, else the bundled one of a server
 * running on this DATA_DIR (its URL in meili/endpoint.json, its key in meili/master-key).
 */
export function findMeili(config: Config, dumpDir: string | null): { endpoint: MeiliEndpoint | null; reason: string } {
  if (config.meiliUrl) {
    return { endpoint: { url: config.meiliUrl, apiKey: config.meiliMasterKey, dumpDir, managed: false }, reason: 'MEILI_URL' };
  }
  const url = runningManagedUrl(config.dataDir);
  if (!url) return { endpoint: null, reason: 'no server is running on this DATA_DIR, so its bundled Meilisearch is not up' };
  const meiliDir = path.join(config.dataDir, 'meili');
  let apiKey: string | null = null;
  try {
    apiKey = fs.readFileSync(path.join(meiliDir, 'master-key'), 'utf8').trim();
  } catch {
    // a bundled Meilisearch always has one; without it the requests are refused and the dump skipped
  }
  return { endpoint: { url, apiKey, dumpDir: path.join(meiliDir, 'dumps'), managed: true }, reason: 'the running server' };
}
