import cliProgress from 'cli-progress';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, ConfigError } from '../config';
import { openDatabase } from '../db/open-database';
import { createItemsRepo } from '../repositories/items-repo';
import { createOutboxRepo } from '../repositories/outbox-repo';
import { createSearchIndex, ITEMS_INDEX } from '../repositories/search-index';
import { loadOrCreateMasterKey, startManagedMeili, type ManagedMeili } from '../search/meili-process';
import { runningManagedUrl } from '../runtime';
import { reindexAll } from '../services/reindex';
import { normaliseText } from '../nlp/normalise';

/** npm run reindex: rebuild the Meilisearch index from SQLite, with a progress bar. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dbFile = path.join(config.dataDir, 'app.db');
  if (!fs.existsSync(dbFile)) throw new ConfigError(`no database at ${dbFile}: nothing to reindex (check DATA_DIR)`);
  const db = openDatabase(dbFile);
  let managed: ManagedMeili | null = null;
  let url = config.meiliUrl;
  let apiKey = config.meiliMasterKey;
  if (!url) {
    const meiliDir = path.join(config.dataDir, 'meili');
    url = runningManagedUrl(config.dataDir);
    if (url) apiKey = loadOrCreateMasterKey(meiliDir);
    else {
      managed = await startManagedMeili({ dataDir: meiliDir, binary: config.meiliBin });
      url = managed.url;
      apiKey = managed.masterKey;
    }
  }
  const bar = new cliProgress.SingleBar(
    { format: 'reindex [{bar}] {percentage}% | {value}/{total} items | {duration}s', noTTYOutput: true, notTTYSchedule: 2_000 },
    cliProgress.Presets.shades_classic,
  );
  try {
    const items = createItemsRepo(db);
    bar.start(items.countItems(), 0);
    const { indexed } = await reindexAll({
      items,
      outbox: createOutboxRepo(db),
      live: createSearchIndex({ url, apiKey, indexUid: ITEMS_INDEX }),
      scratch: createSearchIndex({ url, apiKey, indexUid: `${ITEMS_INDEX}_rebuild` }),
      normalise: normaliseText,
      onProgress: (done, total) => {
        bar.setTotal(total);
        bar.update(done);
      },
    });
    bar.stop();
    process.stdout.write(`reindexed ${indexed} items into "${ITEMS_INDEX}"\n`);
  } finally {
    bar.stop();
    await managed?.stop();
    db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`reindex failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
