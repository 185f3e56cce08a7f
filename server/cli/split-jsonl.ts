import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * Writes the honest evaluation split of the labelled rumour posts to files outside the repository,
 * so `npm run eval:tagger` can be reproduced without ever copying the data in:
 *
 *   npx tsx server/cli/split-jsonl.ts --data ../shared/data/rumor/rumor_posts_dev.jsonl --out-dir /tmp/rumor-split
 *   npm run eval:tagger -- --train /tmp/rumor-split/train.jsonl --data /tmp/rumor-split/test.jsonl
 *
 * Files written (one JSON object per line, rows copied unchanged):
 *   train.jsonl     everything not in test: what the product would learn from
 *   test.jsonl      held out, never looked at while tuning
 *   dev-train.jsonl train minus dev: hyper-parameters and blending are chosen with
 *   dev.jsonl       a later slice of train: … measured on this
 *
 * The recipe, per source (later in time is held out, so the test asks "does what was learnt still hold
 * for what comes next", the way the product will be used):
 *   CED (Weibo 2010–2013)   test: date ≥ 2013-01-01     dev: 2012-07-01 ≤ date < 2013-01-01
 *   CHECKED (COVID 2020)    test: date ≥ 2020-02-15     dev: 2020-02-05 ≤ date < 2020-02-15
 *   Weibo21 (no dates)      test: its own orig_split = "val"; dev: a fixed 20 % of its train part
 *                           chosen by a hash of the id (stable across runs and machines)
 * Rows of another source or without the field a rule needs go to train and are counted as such.
 */

export type Part = 'test' | 'dev' | 'dev-train';

export interface SplitRow {
  id?: unknown;
  source?: unknown;
  date?: unknown;
  orig_split?: unknown;
}

/** FNV-1a of the id, as a fraction in [0, 1): a split that does not depend on row order. */
export function idFraction(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * For data without a time to split on (the sentiment posts): by a hash of the id, test the first
 * 20 %, dev the next 20 %, dev-train the rest.
 *   npx tsx server/cli/split-jsonl.ts --by-id --data ../shared/data/sentiment/sentiment_weibo_dev.jsonl --out-dir /tmp/sent
 */
export function partById(row: SplitRow): Part {
  const f = idFraction(str(row.id));
  return f < 0.2 ? 'test' : f < 0.4 ? 'dev' : 'dev-train';
}

/** Which part a row belongs to under the recipe above. */
export function partOf(row: SplitRow): Part {
  const source = str(row.source);
  const date = str(row.date);
  if (source.includes('CED') && date !== '') {
    if (date >= '2013-01-01') return 'test';
    return date >= '2012-07-01' ? 'dev' : 'dev-train';
  }
  if (source.includes('CHECKED') && date !== '') {
    if (date >= '2020-02-15') return 'test';
    return date >= '2020-02-05' ? 'dev' : 'dev-train';
  }
  if (source.includes('Weibo21')) {
    if (row.orig_split === 'val') return 'test';
    return idFraction(str(row.id)) < 0.2 ? 'dev' : 'dev-train';
  }
  return 'dev-train';
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function main(): void {
  const { values } = parseArgs({ options: { data: { type: 'string' }, 'out-dir': { type: 'string' }, 'by-id': { type: 'boolean' } } });
  if (!values.data || !values['out-dir']) {
    process.stderr.write('usage: split-jsonl [--by-id] --data <rumor_posts.jsonl> --out-dir <dir outside the repository, e.g. /tmp/rumor-split>\n');
    process.exit(2);
  }
  const outDir = path.resolve(values['out-dir']);
  if (outDir === REPO_ROOT || outDir.startsWith(REPO_ROOT + path.sep)) {
    process.stderr.write(`refusing to write labelled data inside the repository (${outDir}): use /tmp\n`);
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const parts: Record<Part, string[]> = { test: [], dev: [], 'dev-train': [] };
  const counts = new Map<string, number>();
  fs.readFileSync(values.data, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let row: SplitRow & { label?: unknown };
      try {
        row = JSON.parse(line) as SplitRow & { label?: unknown };
      } catch {
        throw new Error(`${values.data}:${i + 1}: not JSON`);
      }
      const part = values['by-id'] ? partById(row) : partOf(row);
      parts[part].push(line);
      const key = `${part}\t${str(row.source).split(/[/:]/).pop() ?? ''}\t${str(row.label)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  const write = (name: string, lines: string[]): void => {
    fs.writeFileSync(path.join(outDir, name), lines.length > 0 ? `${lines.join('\n')}\n` : '');
  };
  write('test.jsonl', parts.test);
  write('dev.jsonl', parts.dev);
  write('dev-train.jsonl', parts['dev-train']);
  write('train.jsonl', [...parts['dev-train'], ...parts.dev]);
  for (const [key, n] of [...counts].sort()) process.stdout.write(`${key}\t${n}\n`);
  process.stdout.write(`wrote train.jsonl, test.jsonl, dev-train.jsonl, dev.jsonl to ${outDir}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
