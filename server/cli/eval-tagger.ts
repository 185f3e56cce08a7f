import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { ItemKind } from '../contracts/item';
import { normaliseText } from '../nlp/normalise';
import { collectEvidence } from '../tagging/evidence';
import { addOutcome, binaryReport, emptyConfusion, logOdds, type BinaryReport, type Confusion } from '../tagging/eval-metrics';
import { LEXICON } from '../tagging/lexicon';
import { SIGNALS } from '../tagging/signals';
import { createTagger, DEFAULT_THRESHOLD, type TagInput } from '../tagging/tagger';

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

function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  const rows: T[] = [];
  const lines = fs.readFileSync(path.resolve(file), 'utf8').split('\n');
  lines.forEach((line, i) => {
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

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);
const num = (x: number, w = 6): string => String(x).padStart(w);
const fix = (x: number, d = 2): string => x.toFixed(d).padStart(6);

function reportRow(name: string, r: BinaryReport, c: Confusion): string {
  return [
    name.padEnd(28),
    num(r.n),
    num(r.positives),
    num(c.tp, 5),
    num(c.fp, 5),
    num(c.fn, 5),
    pct(r.positive.precision),
    pct(r.positive.recall),
    pct(r.positive.f1),
    pct(r.negative.precision),
    pct(r.negative.recall),
    pct(r.negative.f1),
    pct(r.macroF1),
  ].join(' ');
}

const REPORT_HEADER = [
  'source'.padEnd(28),
  '     n',
  'rumour',
  '   tp',
  '   fp',
  '   fn',
  ' R-prec',
  '  R-rec',
  '   R-F1',
  'N-prec',
  ' N-rec',
  '  N-F1',
  'macroF1',
].join(' ');

function postInput(text: string): TagInput {
  return { title: '', body: text, kind: 'post' };
}

interface PhraseCount {
  rumour: number;
  nonRumour: number;
  bySource: Map<string, { rumour: number; nonRumour: number }>;
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
    process.stderr.write('usage: eval-tagger --data <rumor_posts.jsonl> [--rebuttals <rebuttals.jsonl>] [--threshold 0.5]\n');
    process.exit(2);
  }
  const threshold = values.threshold ? Number(values.threshold) : DEFAULT_THRESHOLD;
  const showErrors = values['show-errors'] ? Number(values['show-errors']) : 0;
  const tagger = createTagger({ threshold });
  const posts = readJsonl<Post>(values.data, Post);
  const sources = [...new Set(posts.map((p) => shortSource(p.source)))].sort();

  // One pass: tag, collect per-source confusion at several thresholds, count phrases.
  const sweep = [0.3, 0.4, 0.5, 0.6, 0.7];
  const confusion = new Map<string, Confusion>();
  const sweepConfusion = new Map<string, Confusion>();
  const phraseCounts = new Map<string, PhraseCount>();
  const candidates = (values.candidates ?? '').split(/[,，\s]+/).filter(Boolean).map(normaliseText);
  const candidateCounts = new Map<string, PhraseCount>();
  const classTotals = new Map<string, { rumour: number; nonRumour: number }>();
  let falseRebuttalOnRumours = 0;
  let rebuttalOnNonRumours = 0;
  const errors: { kind: 'FN' | 'FP'; post: Post; score: number; why: string }[] = [];

  const bump = (map: Map<string, PhraseCount>, key: string, source: string, rumour: boolean): void => {
    const pc = map.get(key) ?? { rumour: 0, nonRumour: 0, bySource: new Map() };
    const s = pc.bySource.get(source) ?? { rumour: 0, nonRumour: 0 };
    if (rumour) {
      pc.rumour++;
      s.rumour++;
    } else {
      pc.nonRumour++;
      s.nonRumour++;
    }
    pc.bySource.set(source, s);
    map.set(key, pc);
  };

  for (const post of posts) {
    const source = shortSource(post.source);
    const rumour = post.label === 'rumor';
    for (const key of [source, 'ALL']) {
      const t = classTotals.get(key) ?? { rumour: 0, nonRumour: 0 };
      if (rumour) t.rumour++;
      else t.nonRumour++;
      classTotals.set(key, t);
    }
    const result = tagger.tag(postInput(post.text));
    const predicted = result.tags.includes('rumor-suspect');
    if (result.tags.includes('rebuttal')) {
      if (rumour) falseRebuttalOnRumours++;
      else rebuttalOnNonRumours++;
    }
    for (const key of [source, 'ALL']) {
      const c = confusion.get(key) ?? emptyConfusion();
      addOutcome(c, rumour, predicted);
      confusion.set(key, c);
      for (const th of sweep) {
        const sk = `${key}@${th}`;
        const sc = sweepConfusion.get(sk) ?? emptyConfusion();
        // The sweep re-reads the score; a rebuttal-won item is never a suspect at any threshold.
        addOutcome(sc, rumour, result.score >= th && !result.tags.includes('rebuttal'));
        sweepConfusion.set(sk, sc);
      }
    }
    if (showErrors > 0 && predicted !== rumour) {
      const why = result.reasons.map((r) => `${r.code}[${r.matches.join('/')}]`).join(' ');
      errors.push({ kind: rumour ? 'FN' : 'FP', post, score: result.score, why });
    }
    const text = normaliseText(post.text);
    const seen = new Set<string>();
    for (const e of collectEvidence(text)) {
      const finalKey = `${e.signal}:${e.rule}`;
      if (seen.has(finalKey)) continue;
      seen.add(finalKey);
      bump(phraseCounts, finalKey, source, rumour);
    }
    for (const cand of candidates) if (text.includes(cand)) bump(candidateCounts, cand, source, rumour);
  }

  const out: string[] = [];
  out.push(`data: ${values.data}  (${posts.length} posts, threshold ${threshold}, every post tagged as kind 'post', title empty)`);
  out.push('', '== rumour vs non-rumour (R = rumour class, N = non-rumour class) ==', REPORT_HEADER);
  for (const key of [...sources, 'ALL']) {
    const c = confusion.get(key);
    if (c) out.push(reportRow(key, binaryReport(c), c));
  }

  out.push('', '== threshold sweep: macro-F1 (rumour recall) ==', ['source'.padEnd(28), ...sweep.map((t) => `   @${t.toFixed(1)}      `)].join(' '));
  for (const key of [...sources, 'ALL']) {
    const cells = sweep.map((th) => {
      const r = binaryReport(sweepConfusion.get(`${key}@${th}`) ?? emptyConfusion());
      return `${pct(r.macroF1)} (${pct(r.positive.recall)})`;
    });
    out.push([key.padEnd(28), ...cells].join(' '));
  }

  const totals = classTotals.get('ALL') ?? { rumour: 0, nonRumour: 0 };
  out.push(
    '',
    `rebuttal tag on rumours (false-rebuttal rate): ${falseRebuttalOnRumours}/${totals.rumour} = ${pct(falseRebuttalOnRumours / Math.max(1, totals.rumour)).trim()}` +
      `; on non-rumours: ${rebuttalOnNonRumours}/${totals.nonRumour} = ${pct(rebuttalOnNonRumours / Math.max(1, totals.nonRumour)).trim()}`,
  );

  const phraseTable = (title: string, counts: Map<string, PhraseCount>, keys: string[]): void => {
    out.push('', title, `${'phrase'.padEnd(34)} ${'rumour'.padStart(6)} ${'non'.padStart(6)} ${'logOdds'.padStart(7)}   per source: rumour/non logOdds`);
    for (const key of keys) {
      const pc = counts.get(key) ?? { rumour: 0, nonRumour: 0, bySource: new Map() };
      const lo = logOdds(pc.rumour, totals.rumour, pc.nonRumour, totals.nonRumour);
      const per = sources
        .map((s) => {
          const sc = pc.bySource.get(s) ?? { rumour: 0, nonRumour: 0 };
          const st = classTotals.get(s) ?? { rumour: 0, nonRumour: 0 };
          return `${s.slice(0, 12)} ${sc.rumour}/${sc.nonRumour} ${fix(logOdds(sc.rumour, st.rumour, sc.nonRumour, st.nonRumour)).trim()}`;
        })
        .join(' | ');
      out.push(`${key.padEnd(34)} ${num(pc.rumour)} ${num(pc.nonRumour)} ${fix(lo).padStart(7)}   ${per}`);
    }
  };

  const fired = [...phraseCounts.keys()].sort((a, b) => {
    const sa = a.split(':')[0] ?? '';
    const sb = b.split(':')[0] ?? '';
    const ca = phraseCounts.get(a);
    const cb = phraseCounts.get(b);
    return sa.localeCompare(sb) || (cb ? cb.rumour + cb.nonRumour : 0) - (ca ? ca.rumour + ca.nonRumour : 0) || a.localeCompare(b);
  });
  phraseTable('== lexicon phrases that fired (signal:phrase; counted once per post, before kind factors and conditions) ==', phraseCounts, fired);
  const silent = LEXICON.filter((l) => SIGNALS[l.signal].side !== 'none' && !phraseCounts.has(`${l.signal}:${l.phrase}`)).map((l) => l.phrase);
  out.push('', `never fired in this data (${silent.length}): ${silent.join(' ')}`);
  if (values['all-phrases']) phraseTable('== all lexicon phrases ==', phraseCounts, LEXICON.map((l) => `${l.signal}:${l.phrase}`));
  if (candidates.length > 0) phraseTable('== candidate phrases (raw substring in normalised text) ==', candidateCounts, candidates);

  if (values.rebuttals) out.push(...evaluateRebuttals(values.rebuttals, threshold));

  if (showErrors > 0) {
    for (const kind of ['FN', 'FP'] as const) {
      const list = errors.filter((e) => e.kind === kind);
      const step = Math.max(1, Math.floor(list.length / showErrors));
      out.push('', `== sample of ${kind} (${list.length} in all) ==`);
      for (let i = 0; i < list.length && i / step < showErrors; i += step) {
        const e = list[i];
        if (e) out.push(`${fix(e.score)} ${shortSource(e.post.source).slice(0, 10)} ${e.post.text.replace(/\s+/g, ' ').slice(0, 110)}  ← ${e.why}`);
      }
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function evaluateRebuttals(file: string, threshold: number): string[] {
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
    `== rebuttals: ${file} (${rows.length} texts) ==`,
    'as published: judgements as notice, debunk feed as news with its summary as title; text only: body as a post',
    `${'source [label]'.padEnd(48)} ${'n'.padStart(4)}  published: rebuttal  suspect   text only: rebuttal  suspect`,
  ];
  for (const [key, g] of [...groups].sort()) {
    out.push(
      `${key.padEnd(48)} ${num(g.n, 4)}  ${pct(g.pub / g.n).padStart(19)} ${pct(g.pubSuspect / g.n).padStart(8)}  ${pct(g.post / g.n).padStart(19)} ${pct(g.postSuspect / g.n).padStart(8)}`,
    );
  }
  return out;
}

main();
