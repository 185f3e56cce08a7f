import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { ItemKind } from '../contracts/item';
import { normaliseText } from '../nlp/normalise';
import { collectEvidence } from '../tagging/evidence';
import { addOutcome, binaryReport, emptyConfusion, logOdds, type Confusion } from '../tagging/eval-metrics';
import { LEXICON } from '../tagging/lexicon';
import { SIGNALS } from '../tagging/signals';
import { createTagger, DEFAULT_THRESHOLD, type TagInput, type Tagger } from '../tagging/tagger';

/**
 * Measures the rumour tagger against labelled posts (and, optionally, rebuttal texts), and counts
 * how each lexicon phrase fires in rumours vs non-rumours: the evidence behind the hand-set weights.
 *
 *   npx tsx server/cli/eval-tagger.ts --data ../shared/data/rumor/rumor_posts_dev.jsonl \
 *     [--rebuttals ../shared/data/rumor/rebuttals_dev.jsonl] [--threshold 0.5] \
 *     [--candidates 据说,听说] [--show-errors 10] [--all-phrases]
 *
 * Reads the data where it lies and prints figures only: labelled data never enters the repository.
 */

const Post = z.object({ id: z.string(), text: z.string(), label: z.enum(['rumor', 'non-rumor']), source: z.string() });
type Post = z.infer<typeof Post>;

const Rebuttal = z.object({
  id: z.string(),
  text: z.string(),
  label: z.string(),
  source: z.string(),
  summary: z.string().optional(),
  refers_to: z.string().optional(),
});
type Rebuttal = z.infer<typeof Rebuttal>;

const SWEEP = [0.3, 0.4, 0.5, 0.6, 0.7];
const ALL = 'ALL';

function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  const rows: T[] = [];
  fs.readFileSync(path.resolve(file), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid row'}`);
      rows.push(parsed.data);
    });
  return rows;
}

function shortSource(source: string): string {
  return (source.split('/').pop() ?? source).replace(/ \(.*\)$/, '');
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const col = (s: string | number, w = 6): string => String(s).padStart(w);

/** Posts are tagged the way a crawled forum post would be: no title, kind 'post'. */
function postInput(text: string): TagInput {
  return { title: '', body: text, kind: 'post' };
}

/** Count a keyed event per source and overall, split by class. */
class ClassCounter {
  readonly counts = new Map<string, { rumour: number; nonRumour: number }>();
  add(key: string, rumour: boolean): void {
    const c = this.counts.get(key) ?? { rumour: 0, nonRumour: 0 };
    if (rumour) c.rumour++;
    else c.nonRumour++;
    this.counts.set(key, c);
  }
  get(key: string): { rumour: number; nonRumour: number } {
    return this.counts.get(key) ?? { rumour: 0, nonRumour: 0 };
  }
}

interface PostRun {
  sources: string[];
  totals: ClassCounter;
  /** key: `${source}@${threshold}` */
  confusion: Map<string, Confusion>;
  rebuttalTagged: ClassCounter;
  /** key: `${signal}:${rule}|${source}` */
  phrases: ClassCounter;
  phraseKeys: Set<string>;
  candidates: ClassCounter;
  errors: { kind: 'FN' | 'FP'; post: Post; score: number; why: string }[];
}

function runPosts(posts: Post[], threshold: number, candidates: string[]): PostRun {
  const thresholds = [...new Set([...SWEEP, threshold])];
  const taggers = new Map<number, Tagger>(thresholds.map((t) => [t, createTagger({ threshold: t })]));
  const run: PostRun = {
    sources: [...new Set(posts.map((p) => shortSource(p.source)))].sort(),
    totals: new ClassCounter(),
    confusion: new Map(),
    rebuttalTagged: new ClassCounter(),
    phrases: new ClassCounter(),
    phraseKeys: new Set(),
    candidates: new ClassCounter(),
    errors: [],
  };
  for (const post of posts) {
    const source = shortSource(post.source);
    const rumour = post.label === 'rumor';
    const keys = [source, ALL];
    for (const k of keys) run.totals.add(k, rumour);
    for (const [th, tagger] of taggers) {
      const result = tagger.tag(postInput(post.text));
      const predicted = result.tags.includes('rumor-suspect');
      for (const k of keys) {
        const c = run.confusion.get(`${k}@${th}`) ?? emptyConfusion();
        addOutcome(c, rumour, predicted);
        run.confusion.set(`${k}@${th}`, c);
      }
      if (th !== threshold) continue;
      if (result.tags.includes('rebuttal')) run.rebuttalTagged.add(ALL, rumour);
      if (predicted !== rumour) {
        const why = result.reasons.map((r) => `${r.code}[${r.matches.join('/')}]`).join(' ');
        run.errors.push({ kind: rumour ? 'FN' : 'FP', post, score: result.score, why });
      }
    }
    const text = normaliseText(post.text);
    const seen = new Set<string>();
    for (const e of collectEvidence(text)) {
      const key = `${e.signal}:${e.rule}`;
      if (seen.has(key)) continue; // once per post: document frequency, not term frequency
      seen.add(key);
      run.phraseKeys.add(key);
      for (const k of keys) run.phrases.add(`${key}|${k}`, rumour);
    }
    for (const cand of candidates) if (text.includes(cand)) for (const k of keys) run.candidates.add(`${cand}|${k}`, rumour);
  }
  return run;
}

function classTable(run: PostRun, threshold: number): string[] {
  const out = [
    [
      'source'.padEnd(26),
      col('n'),
      col('rumour'),
      col('tp', 5),
      col('fp', 5),
      col('fn', 5),
      col('R-prec', 7),
      col('R-rec', 7),
      col('R-F1', 7),
      col('N-prec', 7),
      col('N-rec', 7),
      col('N-F1', 7),
      col('macroF1', 8),
    ].join(' '),
  ];
  for (const key of [...run.sources, ALL]) {
    const c = run.confusion.get(`${key}@${threshold}`) ?? emptyConfusion();
    const r = binaryReport(c);
    out.push(
      [
        key.padEnd(26),
        col(r.n),
        col(r.positives),
        col(c.tp, 5),
        col(c.fp, 5),
        col(c.fn, 5),
        col(pct(r.positive.precision), 7),
        col(pct(r.positive.recall), 7),
        col(pct(r.positive.f1), 7),
        col(pct(r.negative.precision), 7),
        col(pct(r.negative.recall), 7),
        col(pct(r.negative.f1), 7),
        col(pct(r.macroF1), 8),
      ].join(' '),
    );
  }
  return out;
}

function sweepTable(run: PostRun): string[] {
  const out = [['source'.padEnd(26), ...SWEEP.map((t) => `@${t.toFixed(1)}`.padEnd(22))].join(' ')];
  for (const key of [...run.sources, ALL]) {
    const cells = SWEEP.map((th) => {
      const r = binaryReport(run.confusion.get(`${key}@${th}`) ?? emptyConfusion());
      return `${pct(r.macroF1)} (${pct(r.positive.precision)}/${pct(r.positive.recall)})`.padEnd(22);
    });
    out.push([key.padEnd(26), ...cells].join(' '));
  }
  return out;
}

function phraseTable(run: PostRun, counts: ClassCounter, keys: string[]): string[] {
  const out = [`${'phrase'.padEnd(30)} ${col('rumour')} ${col('non')} ${col('logOdds', 7)}   per source: rumour/non logOdds`];
  const lo = (k: string, total: string): number => {
    const c = counts.get(`${k}|${total}`);
    const t = run.totals.get(total);
    return logOdds(c.rumour, t.rumour, c.nonRumour, t.nonRumour);
  };
  for (const key of keys) {
    const all = counts.get(`${key}|${ALL}`);
    const per = run.sources
      .map((s) => {
        const c = counts.get(`${key}|${s}`);
        return `${s.slice(0, 10)} ${c.rumour}/${c.nonRumour} ${lo(key, s).toFixed(2)}`;
      })
      .join(' | ');
    out.push(`${key.padEnd(30)} ${col(all.rumour)} ${col(all.nonRumour)} ${col(lo(key, ALL).toFixed(2), 7)}   ${per}`);
  }
  return out;
}

function firedOrder(run: PostRun): string[] {
  const total = (k: string): number => {
    const c = run.phrases.get(`${k}|${ALL}`);
    return c.rumour + c.nonRumour;
  };
  const signalOf = (k: string): string => k.slice(0, k.indexOf(':'));
  return [...run.phraseKeys].sort((a, b) => signalOf(a).localeCompare(signalOf(b)) || total(b) - total(a) || a.localeCompare(b));
}

function errorSamples(run: PostRun, n: number): string[] {
  const out: string[] = [];
  for (const kind of ['FN', 'FP'] as const) {
    const list = run.errors.filter((e) => e.kind === kind);
    const step = Math.max(1, Math.floor(list.length / n));
    out.push('', `== sample of ${kind} (${list.length} in all) ==`);
    for (let i = 0; i < list.length && i / step < n; i += step) {
      const e = list[i];
      if (e) out.push(`${e.score.toFixed(2)} ${shortSource(e.post.source).slice(0, 10)} ${e.post.text.replace(/\s+/g, ' ').slice(0, 110)}  ← ${e.why}`);
    }
  }
  return out;
}

function rebuttalReport(file: string, threshold: number): string[] {
  const rows = readJsonl<Rebuttal>(file, Rebuttal);
  const tagger = createTagger({ threshold });
  // "As published": a platform judgement is a notice; a debunk feed entry is news with its summary as title.
  const published = (r: Rebuttal): TagInput => {
    const kind: ItemKind = r.refers_to ? 'notice' : 'news';
    return { title: r.summary ?? '', body: r.text, kind };
  };
  const groups = new Map<string, { n: number; pub: number; pubSuspect: number; post: number; postSuspect: number }>();
  for (const r of rows) {
    const key = `${shortSource(r.source).slice(0, 30)} [${r.label}]`;
    const g = groups.get(key) ?? { n: 0, pub: 0, pubSuspect: 0, post: 0, postSuspect: 0 };
    g.n++;
    const a = tagger.tag(published(r));
    const b = tagger.tag(postInput(r.text));
    if (a.tags.includes('rebuttal')) g.pub++;
    if (a.tags.includes('rumor-suspect')) g.pubSuspect++;
    if (b.tags.includes('rebuttal')) g.post++;
    if (b.tags.includes('rumor-suspect')) g.postSuspect++;
    groups.set(key, g);
  }
  const out = [
    '',
    `== rebuttals: ${file} (${rows.length} texts); share tagged 'rebuttal' (recall for [rebuttal] rows) and 'rumor-suspect' ==`,
    'published = judgements as notice, debunk feed as news with its summary as title; text only = body alone as a post',
    `${'source [label]'.padEnd(56)} ${col('n', 4)} ${col('pub:rebuttal', 13)} ${col('pub:suspect', 12)} ${col('text:rebuttal', 14)} ${col('text:suspect', 13)}`,
  ];
  for (const [key, g] of [...groups].sort()) {
    out.push(
      `${key.padEnd(56)} ${col(g.n, 4)} ${col(pct(g.pub / g.n), 13)} ${col(pct(g.pubSuspect / g.n), 12)} ${col(pct(g.post / g.n), 14)} ${col(pct(g.postSuspect / g.n), 13)}`,
    );
  }
  return out;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      rebuttals: { type: 'string' },
      threshold: { type: 'string' },
      candidates: { type: 'string' },
      'show-errors': { type: 'string' },
      'all-phrases': { type: 'boolean', default: false },
    },
  });
  if (!values.data) {
    process.stderr.write('usage: eval-tagger --data <rumor_posts.jsonl> [--rebuttals <rebuttals.jsonl>] [--threshold 0.5] [--candidates a,b] [--show-errors N] [--all-phrases]\n');
    process.exit(2);
  }
  const threshold = values.threshold ? Number(values.threshold) : DEFAULT_THRESHOLD;
  const candidates = (values.candidates ?? '').split(/[,，\s]+/).filter(Boolean).map(normaliseText);
  const posts = readJsonl<Post>(values.data, Post);
  const run = runPosts(posts, threshold, candidates);

  const totals = run.totals.get(ALL);
  const rebTagged = run.rebuttalTagged.get(ALL);
  const out = [
    `data: ${values.data} (${posts.length} posts; threshold ${threshold}; each tagged as kind 'post' with an empty title)`,
    '',
    '== rumour vs non-rumour: R = rumour class, N = non-rumour class ==',
    ...classTable(run, threshold),
    '',
    '== threshold sweep: macro-F1 (rumour precision/recall) ==',
    ...sweepTable(run),
    '',
    `false-rebuttal rate (rumours tagged 'rebuttal'): ${rebTagged.rumour}/${totals.rumour} = ${pct(rebTagged.rumour / Math.max(1, totals.rumour))}; ` +
      `non-rumours tagged 'rebuttal': ${rebTagged.nonRumour}/${totals.nonRumour} = ${pct(rebTagged.nonRumour / Math.max(1, totals.nonRumour))}`,
    '',
    '== lexicon rules that fired: signal:rule, posts containing it (before kind factors and conditions) ==',
    ...phraseTable(run, run.phrases, firedOrder(run)),
  ];
  const silent = LEXICON.filter((l) => SIGNALS[l.signal].side !== 'none' && !run.phraseKeys.has(`${l.signal}:${l.phrase}`));
  out.push('', `never fired in this data (${silent.length}): ${silent.map((l) => l.phrase).join(' ')}`);
  if (values['all-phrases']) out.push('', '== all lexicon phrases ==', ...phraseTable(run, run.phrases, LEXICON.map((l) => `${l.signal}:${l.phrase}`)));
  if (candidates.length > 0) out.push('', '== candidate phrases (raw substring of the normalised text) ==', ...phraseTable(run, run.candidates, candidates));
  if (values.rebuttals) out.push(...rebuttalReport(values.rebuttals, threshold));
  const showErrors = values['show-errors'] ? Number(values['show-errors']) : 0;
  if (showErrors > 0) out.push(...errorSamples(run, showErrors));
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
