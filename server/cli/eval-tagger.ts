import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { ItemKind } from '../contracts/item';
import { normaliseText } from '../nlp/normalise';
import { analyseNormalised } from '../tagging/classifier/explain';
import { EvalRow, LabelledRow } from '../tagging/classifier/examples';
import type { ClassifierModel } from '../tagging/classifier/model';
import { parseModel } from '../tagging/classifier/serialise';
import { trainTaggerModel, type TaggerTrainOptions } from '../tagging/classifier/train-tagger-model';
import { collectEvidence } from '../tagging/evidence';
import {
  addOutcome,
  averagePrecision,
  binaryReport,
  confusionAt,
  emptyConfusion,
  logOdds,
  precisionAtK,
  type Scored,
} from '../tagging/eval-metrics';
import { LEXICON } from '../tagging/lexicon';
import { SIGNALS } from '../tagging/signals';
import { createTagger, DEFAULT_THRESHOLD, type TagInput, type TagResult } from '../tagging/tagger';
import { createTrainingBar, HYPER_OPTIONS, hyperFromFlags, readLabelled, UsageError } from './train-tagger';

/**
 * Measures the rumour tagger on labelled posts, training its classifier first exactly as the product
 * learns from an imported file (`npm run tagger:train`), so the figures are what a user would get.
 *
 *   npm run eval:tagger -- --train TRAIN.jsonl --data TEST.jsonl [--out SCORES.jsonl] [--threshold 0.5]
 *       [--model MODEL.json] [--lambda X --bits N --max-n N --folds K]
 *       [--rebuttals ../shared/data/rumor/rebuttals_dev.jsonl] [--show-errors N] [--phrases] [--candidates 据说,听说]
 *
 * Prints, overall and per `source`: precision, recall and F1 of the rumour class, macro-F1 (at the
 * threshold), PR-AUC (average precision) and precision of the 100 highest scores; a threshold sweep;
 * the lexicon and the classifier alone next to the blend; tagging speed. --out writes one line per item,
 * {"id", "label": the tagger's call ('rumor' when it tags the item rumor-suspect), "score"}. --model evaluates a saved model instead
 * of training one; with neither, the lexicon alone is measured. Rows are tagged as a crawled post would
 * be: kind 'post', empty title.
 *
 * The honest split (train on the past, test on what came later; tune only on dev):
 *   npx tsx server/cli/split-jsonl.ts --data ../shared/data/rumor/rumor_posts_dev.jsonl --out-dir /tmp/rumor-split
 *   npm run eval:tagger -- --train /tmp/rumor-split/dev-train.jsonl --data /tmp/rumor-split/dev.jsonl   # tuning
 *   npm run eval:tagger -- --train /tmp/rumor-split/train.jsonl --data /tmp/rumor-split/test.jsonl      # reporting
 * Labelled data is read where it lies and only figures are printed: it never enters the repository.
 */

const SWEEP = [0.3, 0.4, 0.5, 0.6, 0.7];
const ALL = 'ALL';
const TOP_K = 100;

export interface EvalArgs {
  train: string | null;
  model: string | null;
  data: string;
  out: string | null;
  threshold: number;
  hyper: TaggerTrainOptions;
  rebuttals: string | null;
  showErrors: number;
  phrases: boolean;
  candidates: string[];
}

export const EVAL_USAGE =
  'usage: npm run eval:tagger -- --train <train.jsonl> --data <test.jsonl> [--out <scores.jsonl>] [--threshold 0.5] ' +
  '[--model <model.json> instead of --train] [--lambda X] [--bits N] [--max-n N] [--folds K] ' +
  '[--rebuttals <rebuttals.jsonl>] [--show-errors N] [--phrases] [--candidates a,b]';

export function parseEvalArgs(argv: string[]): EvalArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        train: { type: 'string' },
        model: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        threshold: { type: 'string' },
        rebuttals: { type: 'string' },
        'show-errors': { type: 'string' },
        phrases: { type: 'boolean', default: false },
        candidates: { type: 'string' },
        ...HYPER_OPTIONS,
      },
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (!values.data) throw new UsageError('--data is required');
  if (values.train && values.model) throw new UsageError('give --train or --model, not both');
  const threshold = values.threshold === undefined ? DEFAULT_THRESHOLD : Number(values.threshold);
  if (!(threshold > 0 && threshold <= 1)) throw new UsageError(`--threshold must be in (0, 1], got "${values.threshold}"`);
  const showErrors = values['show-errors'] === undefined ? 0 : Number(values['show-errors']);
  if (!(Number.isInteger(showErrors) && showErrors >= 0)) throw new UsageError(`--show-errors must be a count, got "${values['show-errors']}"`);
  return {
    train: values.train ?? null,
    model: values.model ?? null,
    data: values.data,
    out: values.out ?? null,
    threshold,
    hyper: hyperFromFlags(values),
    rebuttals: values.rebuttals ?? null,
    showErrors,
    phrases: values.phrases,
    candidates: (values.candidates ?? '').split(/[,，\s]+/).filter(Boolean).map(normaliseText),
  };
}

function shortSource(source: string | undefined): string {
  return ((source ?? 'unknown').split('/').pop() ?? 'unknown').replace(/ \(.*\)$/, '').replace(/^.*:/, '');
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const col = (s: string | number, w = 6): string => String(s).padStart(w);
const postInput = (text: string): TagInput => ({ title: '', body: text, kind: 'post' });

interface ItemRun {
  row: EvalRow;
  source: string;
  rumour: boolean;
  result: TagResult;
  /** The parts alone: lexicon score and classifier probability (null without a model). */
  lexicon: number;
  classifier: number | null;
}

const scored = (runs: readonly ItemRun[], pick: (r: ItemRun) => number): Scored[] => runs.map((r) => ({ score: pick(r), positive: r.rumour }));

function groups(runs: readonly ItemRun[]): [string, ItemRun[]][] {
  const by = new Map<string, ItemRun[]>();
  for (const r of runs) by.set(r.source, [...(by.get(r.source) ?? []), r]);
  return [...[...by].sort(([a], [b]) => a.localeCompare(b)), [ALL, [...runs]]];
}

/** The tagger's own call: 'rumor-suspect' (which a stronger rebuttal reading can withhold). */
const flagged = (r: ItemRun): boolean => r.result.tags.includes('rumor-suspect');

function mainTable(runs: readonly ItemRun[]): string[] {
  const head = ['source'.padEnd(18), col('n'), col('rumour'), col('tp', 5), col('fp', 5), col('fn', 5)];
  const metrics = ['R-prec', 'R-rec', 'R-F1', 'macroF1', 'PR-AUC', `P@${TOP_K}`].map((m) => col(m, 8));
  const out = [[...head, ...metrics].join(' ')];
  for (const [name, group] of groups(runs)) {
    const items = scored(group, (r) => r.result.score);
    const c = emptyConfusion();
    for (const r of group) addOutcome(c, r.rumour, flagged(r));
    const r = binaryReport(c);
    const cells = [r.positive.precision, r.positive.recall, r.positive.f1, r.macroF1, averagePrecision(items), precisionAtK(items, TOP_K)];
    out.push([name.padEnd(18), col(r.n), col(r.positives), col(c.tp, 5), col(c.fp, 5), col(c.fn, 5), ...cells.map((x) => col(pct(x), 8))].join(' '));
  }
  return out;
}

function sweepTable(runs: readonly ItemRun[]): string[] {
  const out = [['source'.padEnd(18), ...SWEEP.map((t) => `@${t.toFixed(1)}`.padEnd(22))].join(' ')];
  for (const [name, group] of groups(runs)) {
    const items = scored(group, (r) => r.result.score);
    const cells = SWEEP.map((th) => {
      const r = binaryReport(confusionAt(items, th));
      return `${pct(r.macroF1)} (${pct(r.positive.precision)}/${pct(r.positive.recall)})`.padEnd(22);
    });
    out.push([name.padEnd(18), ...cells].join(' '));
  }
  return out;
}

/** Each part alone at 0.5 and by ranking: what the blend adds. */
function ablationTable(runs: readonly ItemRun[]): string[] {
  const parts: [string, (r: ItemRun) => number][] = [
    ['lexicon', (r) => r.lexicon],
    ['classifier', (r) => r.classifier ?? 0],
    ['blend (tagger)', (r) => r.result.score],
  ];
  const out = [['source'.padEnd(18), ...parts.map(([p]) => `${p}: macroF1 / PR-AUC`.padEnd(34))].join(' ')];
  for (const [name, group] of groups(runs)) {
    const cells = parts.map(([, pick]) => {
      const items = scored(group, pick);
      return `${pct(binaryReport(confusionAt(items, 0.5)).macroF1)} / ${pct(averagePrecision(items))}`.padEnd(34);
    });
    out.push([name.padEnd(18), ...cells].join(' '));
  }
  return out;
}

/** Lexicon rules by how often they fire in each class: the evidence behind the hand-set weights. */
function phraseTable(runs: readonly ItemRun[], candidates: string[], all: boolean): string[] {
  const counts = new Map<string, { rumour: number; non: number }>();
  const bump = (key: string, rumour: boolean): void => {
    const c = counts.get(key) ?? { rumour: 0, non: 0 };
    if (rumour) c.rumour++;
    else c.non++;
    counts.set(key, c);
  };
  for (const r of runs) {
    const text = normaliseText(r.row.text);
    for (const key of new Set(collectEvidence(text).map((e) => `${e.signal}:${e.rule}`))) bump(key, r.rumour);
    for (const cand of candidates) if (text.includes(cand)) bump(`candidate:${cand}`, r.rumour);
  }
  const positives = runs.filter((r) => r.rumour).length;
  const negatives = runs.length - positives;
  const keys = all ? [...new Set([...counts.keys(), ...LEXICON.map((l) => `${l.signal}:${l.phrase}`)])] : [...counts.keys()];
  keys.sort((a, b) => a.localeCompare(b));
  const out = [`${'signal:rule (posts containing it)'.padEnd(34)} ${col('rumour')} ${col('non')} ${col('logOdds', 8)}`];
  for (const key of keys) {
    const c = counts.get(key) ?? { rumour: 0, non: 0 };
    out.push(`${key.padEnd(34)} ${col(c.rumour)} ${col(c.non)} ${col(logOdds(c.rumour, positives, c.non, negatives).toFixed(2), 8)}`);
  }
  const silent = LEXICON.filter((l) => SIGNALS[l.signal].side !== 'none' && !counts.has(`${l.signal}:${l.phrase}`));
  out.push('', `never fired in this data (${silent.length}): ${silent.map((l) => l.phrase).join(' ')}`);
  return out;
}

function errorSamples(runs: readonly ItemRun[], n: number): string[] {
  const out: string[] = [];
  for (const kind of ['FN', 'FP'] as const) {
    const list = runs.filter((r) => flagged(r) !== r.rumour && (kind === 'FN') === r.rumour);
    const step = Math.max(1, Math.floor(list.length / n));
    out.push('', `== sample of ${kind} (${list.length} in all) ==`);
    for (let i = 0; i < list.length && i / step < n; i += step) {
      const r = list[i]!;
      const why = r.result.reasons.map((x) => `${x.code}[${x.matches.join('/')}]`).join(' ');
      out.push(`${r.result.score.toFixed(2)} ${r.source.slice(0, 10)} ${r.row.text.replace(/\s+/g, ' ').slice(0, 110)}  ← ${why}`);
    }
  }
  return out;
}

const RebuttalRow = z.object({
  text: z.string(),
  label: z.string(),
  source: z.string(),
  summary: z.string().optional(),
  refers_to: z.string().optional(),
});

/** Debunk texts must come out as rebuttals (or at least not as suspected rumours), model or not. */
function rebuttalReport(file: string, tagger: ReturnType<typeof createTagger>): string[] {
  const rows = readLabelled(file, RebuttalRow);
  // "As published": a platform judgement is a notice; a debunk feed entry is news with its summary as title.
  const published = (r: (typeof rows)[number]): TagInput => {
    const kind: ItemKind = r.refers_to ? 'notice' : 'news';
    return { title: r.summary ?? '', body: r.text, kind };
  };
  const by = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${shortSource(r.source).slice(0, 30)} [${r.label}]`;
    const g = by.get(key) ?? [0, 0, 0, 0, 0];
    const a = tagger.tag(published(r)).tags;
    const b = tagger.tag(postInput(r.text)).tags;
    g[0]!++;
    if (a.includes('rebuttal')) g[1]!++;
    if (a.includes('rumor-suspect')) g[2]!++;
    if (b.includes('rebuttal')) g[3]!++;
    if (b.includes('rumor-suspect')) g[4]!++;
    by.set(key, g);
  }
  const out = [
    '',
    `== rebuttals: ${file} (${rows.length} texts); share tagged 'rebuttal' and 'rumor-suspect' ==`,
    'published = judgements as notice, debunk feed as news with its summary as title; text only = body alone as a post',
    `${'source [label]'.padEnd(44)} ${col('n', 4)} ${col('pub:rebuttal', 13)} ${col('pub:suspect', 12)} ${col('text:rebuttal', 14)} ${col('text:suspect', 13)}`,
  ];
  for (const [key, [n = 0, ...g]] of [...by].sort()) {
    out.push(`${key.padEnd(44)} ${col(n, 4)} ${g.map((x, i) => col(pct(x / n), [13, 12, 14, 13][i])).join(' ')}`);
  }
  return out;
}

function loadOrTrain(args: EvalArgs, log: string[]): ClassifierModel | undefined {
  if (args.model) {
    log.push(`model: ${args.model}`);
    return parseModel(fs.readFileSync(args.model, 'utf8'));
  }
  if (!args.train) {
    log.push('model: none (lexicon alone; give --train to learn a classifier)');
    return undefined;
  }
  const examples = readLabelled(args.train, LabelledRow);
  const bar = createTrainingBar();
  const started = performance.now();
  let model: ClassifierModel;
  try {
    model = trainTaggerModel(examples, { ...args.hyper, onProgress: bar.onProgress });
  } finally {
    bar.stop();
  }
  const b = model.blend;
  log.push(
    `train: ${args.train} (${examples.length} examples, ${examples.filter((e) => e.label === 'rumor').length} rumours) in ` +
      `${((performance.now() - started) / 1000).toFixed(1)}s; features 2^${model.features.bits} buckets, 1..${model.features.maxN}-grams, ` +
      `λ=${model.hyper.lambda}; blend ${b.classifier.toFixed(2)}·logit(p) + ${b.lexicon.toFixed(2)}·lexicon + ${b.bias.toFixed(2)}`,
  );
  return model;
}

function main(): void {
  const args = parseEvalArgs(process.argv.slice(2));
  const rows = readLabelled(args.data, EvalRow);
  const log: string[] = [];
  const model = loadOrTrain(args, log);
  const tagger = createTagger({ threshold: args.threshold, classifier: model });
  const lexiconOnly = createTagger({ threshold: args.threshold });

  // Warm up (JIT, the lexicon automaton) so the timing is of the steady state.
  for (const row of rows.slice(0, 500)) tagger.tag(postInput(row.text));
  const started = performance.now();
  const results = rows.map((row) => tagger.tag(postInput(row.text)));
  const seconds = (performance.now() - started) / 1000;
  const runs: ItemRun[] = rows.map((row, i) => ({
    row,
    source: shortSource(row.source),
    rumour: row.label === 'rumor',
    result: results[i]!,
    lexicon: lexiconOnly.tag(postInput(row.text)).score,
    classifier: model ? analyseNormalised(model, normaliseText(row.text)).probability : null,
  }));

  const out = [
    ...log,
    `data: ${args.data} (${rows.length} posts; threshold ${args.threshold}; each tagged as kind 'post' with an empty title)`,
    `speed: ${rows.length} items tagged in ${(seconds * 1000).toFixed(0)} ms = ${Math.round(rows.length / seconds)} items/s on one core (normalisation, lexicon${model ? ', classifier' : ''}, reasons)`,
    '',
    `== tagger${model ? ' (lexicon + classifier)' : ' (lexicon alone)'}: R = rumour class; macroF1 at the threshold; PR-AUC = average precision ==`,
    ...mainTable(runs),
    '',
    '== threshold sweep: macro-F1 (rumour precision/recall) of score ≥ t ==',
    ...sweepTable(runs),
  ];
  if (model) out.push('', '== each part alone at 0.5, and the blend ==', ...ablationTable(runs));
  if (args.phrases || args.candidates.length > 0) out.push('', '== lexicon rules that fired ==', ...phraseTable(runs, args.candidates, args.phrases));
  if (args.rebuttals) out.push(...rebuttalReport(args.rebuttals, tagger));
  if (args.showErrors > 0) out.push(...errorSamples(runs, args.showErrors));
  process.stdout.write(`${out.join('\n')}\n`);

  if (args.out) {
    const lines = runs.map((r) =>
      JSON.stringify({ id: r.row.id, label: flagged(r) ? 'rumor' : 'non-rumor', score: r.result.score }),
    );
    fs.writeFileSync(args.out, `${lines.join('\n')}\n`);
    process.stdout.write(`wrote ${lines.length} scores to ${path.resolve(args.out)}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (err) {
    const usage = err instanceof UsageError ? `\n${EVAL_USAGE}` : '';
    process.stderr.write(`eval:tagger failed: ${err instanceof Error ? err.message : String(err)}${usage}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  }
}
