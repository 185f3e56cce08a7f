import cliProgress from 'cli-progress';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { loadConfig } from '../config';
import { LabelledRow, parseJsonl } from '../tagging/classifier/examples';
import { serialiseModel } from '../tagging/classifier/serialise';
import { trainTaggerModel, type TaggerTrainOptions } from '../tagging/classifier/train-tagger-model';

/**
 * npm run tagger:train -- --data FILE.jsonl [--out FILE] [--lambda X] [--bits N] [--max-n N] [--folds K]
 *
 * Trains the rumour classifier (and its blend with the lexicon) from labelled examples, one
 * {"text", "label": "rumor" | "non-rumor"} per line, and writes the model where the product loads it:
 * --out, or data/tagger-model.json under DATA_DIR (default ./data). Any invalid row is reported as
 * file:line and nothing is written (exit 1). A progress bar runs on stderr.
 */

export class UsageError extends Error {}

export const TRAIN_USAGE =
  'usage: npm run tagger:train -- --data <examples.jsonl> [--out <model.json>] [--lambda 1e-5] [--bits 18] [--max-n 3] [--folds 5]';

/** Hyper-parameter flags shared with eval-tagger. */
export const HYPER_OPTIONS = {
  lambda: { type: 'string' },
  bits: { type: 'string' },
  'max-n': { type: 'string' },
  folds: { type: 'string' },
} as const;

function numberFlag(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'}, got "${value}"`);
  }
  return n;
}

export function hyperFromFlags(values: { lambda?: string; bits?: string; 'max-n'?: string; folds?: string }): TaggerTrainOptions {
  const opts: TaggerTrainOptions = {};
  const lambda = numberFlag('lambda', values.lambda, false);
  const bits = numberFlag('bits', values.bits, true);
  const maxN = numberFlag('max-n', values['max-n'], true);
  const folds = numberFlag('folds', values.folds, true);
  if (lambda !== undefined) opts.lambda = lambda;
  if (bits !== undefined) opts.bits = bits;
  if (maxN !== undefined) opts.maxN = maxN;
  if (folds !== undefined) opts.folds = folds;
  return opts;
}

export interface TrainArgs {
  data: string;
  out: string | null;
  hyper: TaggerTrainOptions;
}

export function parseTrainArgs(argv: string[]): TrainArgs {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { data: { type: 'string' }, out: { type: 'string' }, ...HYPER_OPTIONS } }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (!values.data) throw new UsageError('--data is required');
  return { data: values.data, out: values.out ?? null, hyper: hyperFromFlags(values) };
}

/** Reads labelled examples; every invalid row is reported, then the run stops. */
export function readLabelled<T>(file: string, schema: z.ZodType<T>): T[] {
  const { rows, errors } = parseJsonl(fs.readFileSync(file, 'utf8'), file, schema);
  if (errors.length > 0) {
    const shown = errors.slice(0, 20);
    const more = errors.length > shown.length ? `\n… and ${errors.length - shown.length} more invalid rows` : '';
    throw new Error(`${errors.length} invalid row(s), nothing trained:\n${shown.join('\n')}${more}`);
  }
  return rows;
}

/** A progress bar on stderr following trainTaggerModel's reports. */
export function createTrainingBar(): { onProgress: (done: number, total: number, phase: string) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'train [{bar}] {percentage}% | {phase} | {duration}s',
      noTTYOutput: true,
      notTTYSchedule: 2_000,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(done, total, phase) {
      if (!started) {
        bar.start(total, 0, { phase });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { phase });
    },
    stop: () => bar.stop(),
  };
}

function main(): void {
  const args = parseTrainArgs(process.argv.slice(2));
  const examples = readLabelled(args.data, LabelledRow);
  const out = args.out ?? path.join(loadConfig().dataDir, 'tagger-model.json');
  const rumours = examples.filter((e) => e.label === 'rumor').length;
  process.stderr.write(`training on ${examples.length} examples (${rumours} rumours) from ${args.data}\n`);
  const bar = createTrainingBar();
  const started = performance.now();
  let model;
  try {
    model = trainTaggerModel(examples, { ...args.hyper, onProgress: bar.onProgress });
  } finally {
    bar.stop();
  }
  const json = serialiseModel(model);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  // Write then rename: a server loading the model never sees half a file.
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, json);
  fs.renameSync(tmp, out);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const b = model.blend;
  process.stdout.write(
    `wrote ${path.resolve(out)} (${(json.length / 1e6).toFixed(1)} MB; ${examples.length} examples; ${seconds}s; ` +
      `blend: ${b.classifier.toFixed(2)}·logit(p) + ${b.lexicon.toFixed(2)}·lexicon + ${b.bias.toFixed(2)})\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (err) {
    const usage = err instanceof UsageError ? `\n${TRAIN_USAGE}` : '';
    process.stderr.write(`tagger:train failed: ${err instanceof Error ? err.message : String(err)}${usage}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  }
}
