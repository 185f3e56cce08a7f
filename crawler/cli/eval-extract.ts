import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeBody } from '../fetch/decode';
import { extractArticle } from '../extract/article';
import { readabilityRecord } from '../extract/peer-readability';
import { toRecord } from '../extract/record';
import { bigramPrecisionRecall, scorePage, summarise, type ExtractionRecord, type PageScore, type ScoreSummary } from '../extract/score';

/**
 * Measures extractArticle against labelled pages, next to @mozilla/readability (+ linkedom) on the
 * same pages with the same scorer:
 *
 *   npm run eval:extract -- ../shared/data/extraction/dev [--out FILE] [--peer readability|none] [--details]
 *
 * DIR holds pages/<id>.html (raw bytes), truth/<id>.json and optionally manifest.jsonl (url,
 * page_type). Pages are split by a hash of their id into two fixed halves, A and B, both always
 * printed, so that a change motivated by pages of one half can be checked on the other (which half
 * was studied when is in crawler/extract/README.md). --details prints per-page scores, with the
 * body's bigram precision and recall. Reads the data where it lies, writes figures only.
 */

interface Page {
  id: string;
  bytes: Uint8Array;
  url: string;
  category: string | null;
  truth: ExtractionRecord;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    peer: { type: 'string', default: 'readability' },
    details: { type: 'boolean', default: false },
  },
});

const dir = positionals[0];
if (!dir) {
  console.error('usage: npm run eval:extract -- DIR [--out FILE] [--peer readability|none] [--details]');
  process.exit(1);
}
if (values.peer !== 'readability' && values.peer !== 'none') {
  console.error(`unknown --peer "${values.peer}" (readability | none)`);
  process.exit(1);
}

/** FNV-1a: a stable split that does not depend on file order or on what the pages contain. */
function half(id: string): 'A' | 'B' {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h % 2 === 0 ? 'A' : 'B';
}

function field(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function readManifest(root: string): Map<string, { url: string; category: string | null }> {
  const file = path.join(root, 'manifest.jsonl');
  const out = new Map<string, { url: string; category: string | null }>();
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    const id = field(row.id);
    if (id) out.set(id, { url: field(row.url) ?? '', category: field(row.page_type) ?? field(row.category) });
  }
  return out;
}

function readPages(root: string): Page[] {
  const manifest = readManifest(root);
  const pages: Page[] = [];
  for (const name of fs.readdirSync(path.join(root, 'pages')).sort()) {
    if (!name.endsWith('.html')) continue;
    const id = name.slice(0, -'.html'.length);
    const truthFile = path.join(root, 'truth', `${id}.json`);
    if (!fs.existsSync(truthFile)) continue;
    const t = JSON.parse(fs.readFileSync(truthFile, 'utf8')) as Record<string, unknown>;
    const bytes = fs.readFileSync(path.join(root, 'pages', name));
    const entry = manifest.get(id);
    pages.push({
      id,
      bytes,
      url: entry?.url ?? '',
      category: entry?.category ?? null,
      truth: { title: field(t.title), publish_time: field(t.publish_time), author_or_source: field(t.author_or_source), body_text: field(t.body_text) },
    });
  }
  return pages;
}

interface Run {
  name: string;
  records: ExtractionRecord[];
  scores: PageScore[];
  pagesPerSecond: number;
}

/** Timed from raw bytes, so pages/s include decoding as in the peers' table. */
function run(name: string, pages: Page[], extract: (html: string, page: Page) => ExtractionRecord): Run {
  const started = performance.now();
  const records = pages.map((p) => extract(decodeBody(p.bytes).text, p));
  const seconds = (performance.now() - started) / 1000;
  const scores = pages.map((p, i) => scorePage(records[i]!, p.truth));
  return { name, records, scores, pagesPerSecond: pages.length / Math.max(seconds, 1e-9) };
}

const fmt = (v: number | null): string => (v === null ? '  –  ' : v.toFixed(3));

function printTable(runs: Run[], pages: Page[]): void {
  const subsets: [string, (p: Page) => boolean][] = [
    ['all', () => true],
    ['half A', (p) => half(p.id) === 'A'],
    ['half B', (p) => half(p.id) === 'B'],
  ];
  for (const c of [...new Set(pages.map((p) => p.category).filter((c): c is string => c !== null))].sort()) {
    subsets.push([`  ${c}`, (p) => p.category === c]);
  }
  const names = runs.map((r) => r.name).join(' | ');
  console.log(`\n${'subset'.padEnd(44)} ${'n t/p/a/b'.padEnd(13)} title (${names})   publish time   author   body F1`);
  for (const [label, keep] of subsets) {
    const idx = pages.flatMap((p, i) => (keep(p) ? [i] : []));
    const sums: ScoreSummary[] = runs.map((r) => summarise(idx.map((i) => r.scores[i]!)));
    const s0 = sums[0]!;
    const n = `${s0.title.n}/${s0.publishTime.n}/${s0.author.n}/${s0.bodyF1.n}`;
    const cell = (k: keyof Omit<ScoreSummary, 'pages'>): string => sums.map((s) => fmt(s[k].value)).join(' | ');
    console.log(`${`${label} (${idx.length})`.slice(0, 44).padEnd(44)} ${n.padEnd(13)} ${cell('title')}   ${cell('publishTime')}   ${cell('author')}   ${cell('bodyF1')}`);
  }
  console.log(`\npages/s (single thread, decoding included): ${runs.map((r) => `${r.name} ${r.pagesPerSecond.toFixed(1)}`).join(', ')}`);
}

/** "P 0.85 R 0.98": whether a body lost text or took in too much. */
function bodyPR(predicted: string | null, truth: string | null): string {
  const { precision, recall } = bigramPrecisionRecall(predicted ?? '', truth ?? '');
  return `[P ${precision.toFixed(2)} R ${recall.toFixed(2)}]`;
}

function printDetails(ours: Run, peer: Run | undefined, pages: Page[]): void {
  pages.forEach((p, i) => {
    const s = ours.scores[i]!;
    const peerBody = peer?.scores[i]?.bodyF1;
    const r = ours.records[i]!;
    const bits = [
      s.title === undefined ? '' : `title ${s.title ? 'ok' : `MISS "${r.title}" vs "${p.truth.title}"`}`,
      s.publishTime === undefined ? '' : `time ${s.publishTime ? 'ok' : `MISS ${r.publish_time} vs ${p.truth.publish_time}`}`,
      s.author === undefined ? '' : `author ${s.author ? 'ok' : `MISS "${r.author_or_source}" vs "${p.truth.author_or_source}"`}`,
      s.bodyF1 === undefined ? '' : `body ${s.bodyF1.toFixed(3)} ${bodyPR(r.body_text, p.truth.body_text)}${peerBody === undefined ? '' : ` (${peer?.name} ${peerBody.toFixed(3)})`}`,
    ].filter(Boolean);
    console.log(`${half(p.id)} ${p.id}: ${bits.join('; ')}`);
  });
}

const pages = readPages(path.resolve(dir));
const runs = [run('ours', pages, (html, p) => toRecord(extractArticle(html, p.url)))];
if (values.peer === 'readability') runs.push(run('readability', pages, (html) => readabilityRecord(html)));

console.log(`${pages.length} pages in ${dir}: half A ${pages.filter((p) => half(p.id) === 'A').length}, half B ${pages.filter((p) => half(p.id) === 'B').length}`);
if (values.details) printDetails(runs[0]!, runs[1], pages);
printTable(runs, pages);

if (values.out) {
  const lines = pages.map((p, i) => JSON.stringify({ id: p.id, ...runs[0]!.records[i]! }));
  fs.writeFileSync(values.out, `${lines.join('\n')}\n`);
  console.log(`wrote ${lines.length} lines to ${values.out}`);
}
