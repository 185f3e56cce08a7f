import cliProgress from 'cli-progress';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, localUrl } from '../config';
import { openDatabase } from '../db/open-database';
import { normaliseText } from '../nlp/normalise';
import { createClaimMatcher } from '../services/claim-matcher';
import { createEventBus } from '../services/event-bus';
import { wireServices } from '../wire-services';
import { parseReportArgs } from './report-args';

/**
 * npm run report -- --from … --to … [--unit ID] --out FILE.docx: the work-summary report the
 * dashboard makes, from the database under DATA_DIR, with a progress bar. Works beside a running
 * server; the report is also kept and listed on the dashboard's reports page.
 */
async function main(): Promise<void> {
  const args = parseReportArgs(process.argv.slice(2));
  const config = loadConfig();
  const dbFile = path.join(config.dataDir, 'app.db');
  if (!fs.existsSync(dbFile)) throw new ConfigError(`no database at ${dbFile}: nothing to report (check DATA_DIR)`);
  const db = openDatabase(dbFile);
  const events = createEventBus();
  const services = wireServices({
    db,
    reportsDir: path.join(config.dataDir, 'reports'),
    reportBaseUrl: config.publicUrl ?? localUrl(config.host, config.port),
    sources: [],
    tagger: { tag: () => ({ tags: [], score: 0, reasons: [] }) },
    matcher: createClaimMatcher(),
    normalise: normaliseText,
    index: null,
    runCrawl: async () => undefined,
    events,
  });
  const bar = new cliProgress.SingleBar(
    { format: 'report [{bar}] {percentage}% | {value}/{total} steps | {duration}s', noTTYOutput: true, notTTYSchedule: 2_000 },
    cliProgress.Presets.shades_classic,
  );
  try {
    const queued = services.reports.request({ from: args.from, to: args.to, unitId: args.unitId, actor: 'npm run report' });
    bar.start(1, 0);
    const off = events.on('report', (r) => {
      if (r.id !== queued.id) return;
      bar.setTotal(Math.max(1, r.total));
      bar.update(r.done);
    });
    await services.reports.waitIdle();
    off();
    bar.stop();
    const done = services.reports.get(queued.id);
    if (done.status !== 'done') throw new Error(done.error ?? `the report ended ${done.status}`);
    fs.writeFileSync(args.out, services.reports.file(queued.id, 'docx').bytes);
    if (args.html) fs.writeFileSync(args.html, services.reports.file(queued.id, 'html').bytes);
    process.stdout.write(`${done.title}\nwritten to ${path.resolve(args.out)}${args.html ? ` and ${path.resolve(args.html)}` : ''} (report ${done.id}, also listed on the dashboard)\n`);
  } finally {
    bar.stop();
    db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`report failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
