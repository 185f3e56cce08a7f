import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { trainSentiment } from '../sentiment/model';
import { SentimentRow } from '../sentiment/rows';
import { serialiseSentimentModel } from '../sentiment/serialise';
import { readLabelled } from './train-tagger';
import { openDatabase } from '../db/open-database';
import { createSentimentRepo } from '../repositories/sentiment-repo';
import type { SentimentLabel } from '../sentiment/model';

/**
 * npm run sentiment:train -- --data FILE.jsonl [--out FILE] [--without-corrections]
 *
 * Trains the three-way sentiment classifier (server/sentiment) from {"text", "label": "pos" |
 * "neutral" | "neg"} lines and writes it to --out or DATA_DIR/sentiment-model.json. Any invalid row
 * is reported as file:line and nothing is written (exit 1).
 */

export class SentimentUsageError extends Error {}

export const SENTIMENT_TRAIN_USAGE = 'usage: npm run sentiment:train -- --data <examples.jsonl> [--out <model.json>] [--without-corrections]';

export function parseSentimentTrainArgs(argv: string[]): { data: string; out: string | null; corrections: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, out: { type: 'string' }, 'without-corrections': { type: 'boolean', default: false } },
    }));
  } catch (err) {
    throw new SentimentUsageError(err instanceof Error ? err.message : String(err));
  }
  if (!values.data) throw new SentimentUsageError('--data is required');
  return { data: values.data, out: values.out ?? null, corrections: !values['without-corrections'] };
}

function storedCorrections(dataDir: string): { text: string; label: SentimentLabel }[] {
  const file = path.join(dataDir, 'app.db');
  if (!fs.existsSync(file)) return [];
  const db = openDatabase(file);
  try {
    return createSentimentRepo(db).examples();
  } finally {
    db.close();
  }
}

function main(): void {
  const args = parseSentimentTrainArgs(process.argv.slice(2));
  const examples = readLabelled(args.data, SentimentRow);
  const dataDir = loadConfig().dataDir;
  const out = args.out ?? path.join(dataDir, 'sentiment-model.json');
  // Analysts' corrections in the dashboard are training data too: the product learns from its users.
  const corrections = args.corrections ? storedCorrections(dataDir) : [];
  process.stderr.write(`training on ${examples.length} examples from ${args.data}${corrections.length ? ` and ${corrections.length} analysts' corrections` : ''}\n`);
  examples.push(...corrections);
  const started = performance.now();
  const model = trainSentiment(examples);
  const json = serialiseSentimentModel(model);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, json);
  fs.renameSync(tmp, out);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const c = model.trained.perClass;
  process.stdout.write(
    `wrote ${path.resolve(out)} (${(json.length / 1e6).toFixed(1)} MB; ${examples.length} examples: ` +
      `${c.pos} pos, ${c.neutral} neutral, ${c.neg} neg; ${seconds}s)\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (err) {
    const usage = err instanceof SentimentUsageError ? `\n${SENTIMENT_TRAIN_USAGE}` : '';
    process.stderr.write(`sentiment:train failed: ${err instanceof Error ? err.message : String(err)}${usage}\n`);
    process.exit(err instanceof SentimentUsageError ? 2 : 1);
  }
}
