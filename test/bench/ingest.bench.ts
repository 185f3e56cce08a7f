/**
 * Ingest throughput, single core, through the real ingest path into a real SQLite file: validation,
 * normalisation, rumour tagging, clustering, claim matching, storage with the trend triggers — with
 * sentiment, 20 monitoring topics and keyword counting on, beside the same path with them off (the
 * peer: what the opinion features cost).
 *
 *   npx tsx test/bench/ingest.bench.ts [--items 20000] [--batch 100]
 *
 * Posts: real Weibo posts from ../shared/data/rumor when present (read at run time, never copied),
 * else synthetic ones; plus 10 % 1,500-character articles, as a crawl delivers them.
 *
 * With ../shared/data present, a third row runs the opinion path as a deployment that has learnt from
 * its users runs it: a rumour classifier trained at run time on a quarter of the labelled posts (the
 * other three quarters are ingested) and a sentiment model trained on the Weibo sentiment posts.
 *
 * Each row runs in a fresh process, as a server does with one configuration: in one process the rows
 * before the last left it the heap of the training and call sites the other rows' stand-ins had made
 * polymorphic. The models reach their row as files, loaded before the clock starts, as at start-up.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../server/db/open-database';
import { normaliseText } from '../../server/nlp/normalise';
import { trainSentiment, type SentimentExample, type SentimentModel } from '../../server/sentiment/model';
import { parseSentimentModel, serialiseSentimentModel } from '../../server/sentiment/serialise';
import { parseModel, serialiseModel } from '../../server/tagging/classifier/serialise';
import { createSentimentScorer } from '../../server/sentiment/sentiment-tagger';
import type { ClassifierModel, LabelledText } from '../../server/tagging/classifier/model';
import { trainTaggerModel } from '../../server/tagging/classifier/train-tagger-model';
import { createClaimMatcher } from '../../server/services/claim-matcher';
import { createEventBus } from '../../server/services/event-bus';
import { createTagger } from '../../server/tagging/tagger';
import { wireServices } from '../../server/wire-services';
import type { KeywordExtractor } from '../../server/nlp/keywords';
import { createRng } from '../support/rng';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '100' },
    // Internal: run one row (peer | on | models) in this process and print its line.
    row: { type: 'string' },
    models: { type: 'string' },
  },
});
const ITEMS = Number(values.items);
const BATCH = Number(values.batch);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = path.resolve(ROOT, '../shared/data/rumor/rumor_posts_dev.jsonl');
const SENTIMENT_DATA = path.resolve(ROOT, '../shared/data/sentiment/sentiment_weibo_dev.jsonl');
const r = createRng(5);

const jsonl = <T>(file: string): T[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

/** Labelled posts: every fourth trains the rumour classifier of the third row, the rest are ingested. */
const labelled = fs.existsSync(DATA) ? jsonl<LabelledText>(DATA) : null;

function texts(): string[] {
  if (labelled) return labelled.filter((_, i) => i % 4 !== 0).map((x) => x.text);
  const words = ['停水', '地铁', '流感', '物价', '暴雨', '学校', '医院', '交通', '燃气', '社区'];
  return Array.from({ length: 5_000 }, (_, i) => `${r.pick(words)}${r.pick(words)}相关消息第${i}条，网传${r.pick(words)}明天调整，大家注意。`);
}

const TOPIC_WORDS = ['停水', '地铁|轨道交通', '流感|疫苗', '物价|涨价', '暴雨|内涝', '学校|教育', '医院|医保', '交通|拥堵', '燃气', '社区',
  '疫情', '谣言|辟谣', '招聘', '养老', '拆迁', '房价', '食品安全', '环境|污染', '火灾', '诈骗'];

function makeBatch(pool: string[], start: number, n: number, sourceId: string) {
  const now = new Date().toISOString();
  return Array.from({ length: n }, (_, k) => {
    const i = start + k;
    const base = pool[i % pool.length]!;
    const body = i % 10 === 0 ? Array.from({ length: 12 }, () => r.pick(pool)).join('\n').slice(0, 1_500) : base;
    const text = `${body} #${i}`;
    return {
      sourceId,
      url: `https://example.test/p/${i}`,
      title: text.slice(0, 30),
      body: text,
      publishedAt: now,
      author: null,
      contentHash: crypto.createHash('sha256').update(text).digest('hex'),
      fetchedAt: now,
    };
  });
}

interface Models {
  tagger: ClassifierModel;
  sentiment: SentimentModel;
}

async function run(label: string, on: boolean, pool: string[], models: Models | null = null): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  const off: KeywordExtractor = { extract: () => [] };
  const services = wireServices({
    db,
    reportsDir: path.join(dir, 'reports'),
    sources: [],
    tagger: createTagger(models ? { classifier: models.tagger } : {}),
    sentiment: on ? createSentimentScorer(models?.sentiment ?? null) : { score: () => ({ label: 'neutral', confidence: 0, source: 'lexicon' }) },
    keywords: on ? undefined : off,
    matcher: createClaimMatcher(),
    normalise: normaliseText,
    index: null,
    runCrawl: async () => undefined,
    events: createEventBus(),
  });
  db.prepare(
    `INSERT INTO sources (id, name, kind, type, url, schedule, enabled, config_json, updated_at) VALUES ('forum', '论坛', 'post', 'rss', 'https://example.test/f.xml', '* * * * *', 1, '{}', ?)`,
  ).run(new Date().toISOString());
  services.rebuildIndexes();
  if (on) TOPIC_WORDS.forEach((w, i) => services.topics.create({ name: `专题${i}`, description: null, includeAll: [], includeAny: [w], exclude: [], sourceIds: [], kinds: [] }, 'bench'));
  await services.jobs.waitIdle();
  // Warm-up (jieba's dictionary loads on first use: a start-up cost, not a per-item one).
  services.ingest.ingest(makeBatch(pool, 10_000_000, BATCH, 'forum'));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < ITEMS; i += BATCH) services.ingest.ingest(makeBatch(pool, i, Math.min(BATCH, ITEMS - i), 'forum'));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const rate = ITEMS / seconds;
  process.stdout.write(
    `| ${label} | ${ITEMS.toLocaleString()} | ${seconds.toFixed(1)} | ${Math.round(rate).toLocaleString()} | ${((cpu.user + cpu.system) / 1e6 / ITEMS * 1e3).toFixed(3)} |\n`,
  );
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return rate;
}

const pool = texts();
const ROWS = {
  peer: 'peer: tagging, clustering, storage only',
  on: 'with sentiment, 20 topics, keywords',
  models: 'the same with trained rumour and sentiment models',
} as const;
type Row = keyof typeof ROWS;

if (values.row) {
  const row = values.row as Row;
  if (!(row in ROWS)) throw new Error(`unknown row ${values.row}`);
  let models: Models | null = null;
  if (row === 'models') {
    const dir = values.models!;
    models = {
      tagger: parseModel(fs.readFileSync(path.join(dir, 'tagger.json'), 'utf8')),
      sentiment: parseSentimentModel(fs.readFileSync(path.join(dir, 'sentiment.json'), 'utf8')),
    };
  }
  await run(ROWS[row], row !== 'peer', pool, models);
} else {
  /** One row in a fresh process (it inherits tsx through execArgv); its table line goes to our stdout. */
  const inChild = (row: Row, models?: string): void => {
    const args = [...process.execArgv, fileURLToPath(import.meta.url), '--row', row, '--items', String(ITEMS), '--batch', String(BATCH)];
    process.stdout.write(execFileSync(process.execPath, models ? [...args, '--models', models] : args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  };
  process.stdout.write(`posts: ${fs.existsSync(DATA) ? 'real (../shared/data/rumor)' : 'synthetic'}; batches of ${BATCH}; Node ${process.version}; each row in a fresh process\n\n`);
  process.stdout.write('| path | items | seconds | items/s | CPU ms per item |\n|---|---|---|---|---|\n');
  inChild('peer');
  inChild('on');
  if (labelled && fs.existsSync(SENTIMENT_DATA)) {
    const t0 = performance.now();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-bench-models-'));
    fs.writeFileSync(path.join(dir, 'tagger.json'), serialiseModel(trainTaggerModel(labelled.filter((_, i) => i % 4 === 0))));
    fs.writeFileSync(path.join(dir, 'sentiment.json'), serialiseSentimentModel(trainSentiment(jsonl<SentimentExample>(SENTIMENT_DATA))));
    const trained = (performance.now() - t0) / 1000;
    inChild('models', dir);
    fs.rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`\n(models trained at run time in ${trained.toFixed(0)} s)\n`);
  }
}
