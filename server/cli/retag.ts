import cliProgress from 'cli-progress';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { createLearningTagger } from '../learning-tagger';
import { normaliseText } from '../nlp/normalise';
import { createClaimMatcher } from '../services/claim-matcher';
import { createEventBus } from '../services/event-bus';
import { wireServices } from '../wire-services';

/**
 * npm run retag: re-tags every stored item with the current tagger (lexicon + the model under
 * DATA_DIR) and the known-rumour library, with a progress bar — what the server does in the
 * background after a library or model change, on demand (e.g. after a lexicon change in an upgrade).
 * Works beside a running server: changed items are queued in the outbox its search sync reads.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dbFile = path.join(config.dataDir, 'app.db');
  if (!fs.existsSync(dbFile)) throw new ConfigError(`no database at ${dbFile}: nothing to re-tag (check DATA_DIR)`);
  const db = openDatabase(dbFile);
  const log = pino({ level: 'warn' });
  const events = createEventBus();
  const model = createLearningTagger(db, config.dataDir, log, () => undefined);
  const services = wireServices({
    db,
    reportsDir: path.join(config.dataDir, 'reports'),
    sources: [],
    tagger: model.tagger,
    matcher: createClaimMatcher({ suggestAt: config.matchSuggestAt, confirmAt: config.matchConfirmAt }),
    normalise: normaliseText,
    index: null,
    runCrawl: async () => undefined,
    events,
  });
  const bar = new cliProgress.SingleBar(
    { format: 're-tag [{bar}] {percentage}% | {value}/{total} items | {changed} changed | {duration}s', noTTYOutput: true, notTTYSchedule: 2_000 },
    cliProgress.Presets.shades_classic,
  );
  try {
    const { libraryEntries } = services.rebuildIndexes();
    process.stdout.write(`tagger: lexicon${model.hasModel() ? ' + model' : ''}; library: ${libraryEntries} known rumours\n`);
    bar.start(services.itemsRepo.countItems(), 0, { changed: 0 });
    const off = events.on('job', (job) => bar.update(job.done, { changed: job.changed }));
    services.retag.request('npm run retag');
    await services.jobs.waitIdle();
    off();
    bar.stop();
    const job = services.jobs.list()[0];
    if (job?.status === 'failed') throw new Error(job.error ?? 'the re-tagging job failed');
    process.stdout.write(`re-tagged ${job?.done ?? 0} items, ${job?.changed ?? 0} changed\n`);
  } finally {
    bar.stop();
    db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`retag failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
