import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { scoreSentiment, type SentimentScores } from '../sentiment/metrics';
import { predictSentiment, trainSentiment, type SentimentLabel, type SentimentTrainOptions } from '../sentiment/model';
import { SentimentEvalRow, SentimentRow } from '../sentiment/rows';
import { readLabelled } from './train-tagger';

/**
 * npm run eval:sentiment -- --train FILE --data FILE [--out FILE] [--lambda X] [--bits N] [--max-n N] [--no-nb] [--words] [--emoticons]
 *
 * Trains a fresh sentiment model on --train, predicts every row of --data ({"id", "text", "label",
 * optional "domain" and "source"}) and prints accuracy and macro-F1 overall, per domain and per
 * source. With --out, writes one {"id", "label"} line per row of --data. Invalid rows in either file
 * are reported as file:line (exit 1).
 */

export class EvalSentimentUsageError extends Error {}

export const EVAL_SENTIMENT_USAGE =
  'usage: npm run eval:sentiment -- --train <train.jsonl> --data <test.jsonl> [--out <predictions.jsonl>] [--lambda 1e-6] [--bits 20] [--max-n 3] [--no-nb] [--words] [--emoticons]';

export interface EvalSentimentArgs {
  train: string;
  data: string;
  out: string | null;
  lambda?: number;
  bits?: number;
  maxN?: number;
  nb?: boolean;
  words?: boolean;
  emoticons?: boolean;
}

function num(name: string, v: string | undefined, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new EvalSentimentUsageError(`--${name} must be ${integer ? 'an integer' : 'a number'}, got "${v}"`);
  }
  return n;
}

export function parseEvalSentimentArgs(argv: string[]): EvalSentimentArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        train: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        lambda: { type: 'string' },
        bits: { type: 'string' },
        'max-n': { type: 'string' },
        'no-nb': { type: 'boolean' },
        words: { type: 'boolean' },
        emoticons: { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new EvalSentimentUsageError(err instanceof Error ? err.message : String(err));
  }
  if (!values.train) throw new EvalSentimentUsageError('--train is required');
  if (!values.data) throw new EvalSentimentUsageError('--data is required');
  const args: EvalSentimentArgs = { train: values.train, data: values.data, out: values.out ?? null };
  const lambda = num('lambda', values.lambda, false);
  const bits = num('bits', values.bits, true);
  const maxN = num('max-n', values['max-n'], true);
  if (lambda !== undefined) args.lambda = lambda;
  if (bits !== undefined) args.bits = bits;
  if (maxN !== undefined) args.maxN = maxN;
  if (values['no-nb']) args.nb = false;
  if (values.words) args.words = true;
  if (values.emoticons) args.emoticons = true;
  return args;
}

function line(name: string, s: SentimentScores): string {
  const f1 = (['pos', 'neutral', 'neg'] as const)
    .map((l) => `${l} ${s.f1[l] === undefined ? '  -  ' : (100 * s.f1[l]).toFixed(1)}`)
    .join('  ');
  return `${name.padEnd(40)} n=${String(s.n).padStart(6)}  acc ${(100 * s.accuracy).toFixed(1)}  macro-F1 ${(100 * s.macroF1).toFixed(1)}  (F1 ${f1})`;
}

function breakdown(title: string, rows: { key: string | undefined; gold: SentimentLabel; predicted: SentimentLabel }[]): string[] {
  const groups = new Map<string, { gold: SentimentLabel; predicted: SentimentLabel }[]>();
  for (const r of rows) {
    if (r.key === undefined) continue;
    const g = groups.get(r.key) ?? [];
    g.push(r);
    groups.set(r.key, g);
  }
  if (groups.size === 0) return [];
  return [`by ${title}:`, ...[...groups.keys()].sort().map((k) => line(`  ${k}`, scoreSentiment(groups.get(k)!)))];
}

function main(): void {
  const args = parseEvalSentimentArgs(process.argv.slice(2));
  const train = readLabelled(args.train, SentimentRow);
  const test = readLabelled(args.data, SentimentEvalRow);
  process.stderr.write(`training on ${train.length} examples from ${args.train}\n`);
  const started = performance.now();
  const opts: SentimentTrainOptions = {};
  if (args.lambda !== undefined) opts.lambda = args.lambda;
  if (args.bits !== undefined) opts.bits = args.bits;
  if (args.maxN !== undefined) opts.maxN = args.maxN;
  if (args.nb !== undefined) opts.nb = args.nb;
  if (args.words !== undefined) opts.words = args.words;
  if (args.emoticons !== undefined) opts.emoticons = args.emoticons;
  const model = trainSentiment(train, opts);
  const trainedIn = ((performance.now() - started) / 1000).toFixed(1);
  const results = test.map((r) => ({ row: r, predicted: predictSentiment(model, r.text).label }));
  const pairs = results.map(({ row, predicted }) => ({ gold: row.label, predicted }));
  const out = [
    `trained in ${trainedIn}s on ${train.length}; evaluated on ${test.length} rows of ${args.data}`,
    line('overall', scoreSentiment(pairs)),
    ...breakdown('domain', results.map(({ row, predicted }) => ({ key: row.domain, gold: row.label, predicted }))),
    ...breakdown('source', results.map(({ row, predicted }) => ({ key: row.source, gold: row.label, predicted }))),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (args.out) {
    fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
    fs.writeFileSync(args.out, results.map(({ row, predicted }) => JSON.stringify({ id: row.id, label: predicted })).join('\n') + '\n');
    process.stdout.write(`wrote ${results.length} predictions to ${path.resolve(args.out)}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (err) {
    const usage = err instanceof EvalSentimentUsageError ? `\n${EVAL_SENTIMENT_USAGE}` : '';
    process.stderr.write(`eval:sentiment failed: ${err instanceof Error ? err.message : String(err)}${usage}\n`);
    process.exit(err instanceof EvalSentimentUsageError ? 2 : 1);
  }
}
