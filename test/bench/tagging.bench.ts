/**
 * Items tagged per second through the whole per-item path of ingest — lexicon, classifier, claim
 * matching against the known-rumour library — single core, with a 10,000- and a 100,000-entry
 * library, beside the same path without a library and without a model (the peers: what each
 * stage costs).
 *
 *   npx tsx test/bench/tagging.bench.ts [--items 20000] [--sizes 10000,100000]
 *
 * Items: real Weibo posts from ../shared/data/rumor when present (read at run time, never copied),
 * else synthetic posts; plus 10 % 1,500-character articles. The classifier is trained at run time on
 * a part of the same data (or synthetic labels), as a user's import would; nothing is saved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClaimIndex } from '../../server/nlp/claim-index';
import { applyClaimMatches, type ClaimMatcher } from '../../server/services/claim-matching';
import { trainTaggerModel } from '../../server/tagging/classifier/train-tagger-model';
import type { LabelledText } from '../../server/tagging/classifier/model';
import { createTagger } from '../../server/tagging/tagger';
import { createRng, type Rng } from '../support/rng';

const { values } = parseArgs({
  options: { items: { type: 'string', default: '20000' }, sizes: { type: 'string', default: '10000,100000' } },
});
const ITEMS = Number(values.items);
const SIZES = values.sizes.split(',').map(Number);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = path.resolve(ROOT, '../shared/data/rumor/rumor_posts_dev.jsonl');
const r = createRng(7);

const PLACES = [...'东西南北中新华安平和兴隆泰康宁福寿永昌盛明光金银玉石山水河湖江海林松柏桃李梅兰竹菊春秋'];
const place = (g: Rng) => `${g.pick(PLACES)}${g.pick(PLACES)}${g.pick(['街道', '社区', '小区', '菜市场', '中学', '医院', '地铁站'])}`;
const CLAIMS: ((g: Rng) => string)[] = [
  (g) => `${place(g)}明天开始封控只进不出`,
  (g) => `喝${g.pick(['板蓝根', '白醋', '淡盐水', '生姜水', '金银花'])}可以预防${g.pick(['流感', '新冠', '甲流', '诺如病毒'])}`,
  (g) => `${place(g)}的${g.pick(['大米', '食用油', '猪肉', '鸡蛋', '口罩'])}明天要涨价一倍`,
  (g) => `${place(g)}发生命案凶手还在逃`,
  (g) => `${place(g)}的自来水被污染了不能喝`,
  (g) => `${place(g)}有学生感染不明病毒全校停课`,
];
const claim = (g: Rng) => `${g.pick(CLAIMS)(g)}${g.int(1000)}号`;

function loadPosts(): LabelledText[] | null {
  if (!fs.existsSync(DATA)) return null;
  return fs
    .readFileSync(DATA, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; label: 'rumor' | 'non-rumor' });
}

const real = loadPosts();
const labelled: LabelledText[] =
  real ?? Array.from({ length: 4_000 }, (_, i) => (i % 2 ? { text: `网传${claim(r)}，速转！`, label: 'rumor' } : { text: `${place(r)}开展垃圾分类宣传活动${i}`, label: 'non-rumor' }));
const train = labelled.filter((_, i) => i % 4 === 0);
const pool = labelled.filter((_, i) => i % 4 !== 0).map((x) => x.text);
const article = () => Array.from({ length: 30 }, () => r.pick(pool)).join('。').slice(0, 1_500);
const items = Array.from({ length: ITEMS }, (_, i) => (i % 10 === 0 ? article() : r.pick(pool)));

const t0 = performance.now();
const model = trainTaggerModel(train);
const trainS = (performance.now() - t0) / 1000;

function time(label: string, tagOne: (text: string) => unknown): number {
  for (let i = 0; i < Math.min(1_000, items.length); i++) tagOne(items[i]!); // warm up
  const start = performance.now();
  for (const text of items) tagOne(text);
  const s = (performance.now() - start) / 1000;
  const perSec = Math.round(items.length / s);
  console.log(`${label.padEnd(44)} ${String(perSec.toLocaleString('en')).padStart(8)} items/s`);
  return perSec;
}

console.log(`items: ${items.length.toLocaleString('en')} (${real ? 'real Weibo posts' : 'synthetic posts'}, 10 % ~1,500-char articles)`);
console.log(`classifier trained at run time on ${train.length.toLocaleString('en')} examples in ${trainS.toFixed(1)} s\n`);

const lexicon = createTagger();
const full = createTagger({ classifier: model });
time('lexicon only', (text) => lexicon.tag({ title: '', body: text, kind: 'post' }));
time('lexicon + classifier', (text) => full.tag({ title: '', body: text, kind: 'post' }));
const results: [number, number][] = [];
for (const size of SIZES) {
  const index = createClaimIndex();
  const b0 = performance.now();
  for (let i = 0; i < size; i++) index.add(i + 1, claim(r));
  const buildS = (performance.now() - b0) / 1000;
  const matcher: ClaimMatcher = { add: () => {}, remove: () => {}, match: (t, o) => index.match(t, o) };
  const perSec = time(`lexicon + classifier + ${size.toLocaleString('en')}-entry library`, (text) =>
    applyClaimMatches(text, full.tag({ title: '', body: text, kind: 'post' }), matcher, () => null),
  );
  console.log(`${''.padEnd(44)} (library built in ${buildS.toFixed(1)} s, ${Math.round(index.memoryBytes / 1_048_576)} MiB)`);
  results.push([size, perSec]);
}
if (results.length === 2) console.log(`\nslow-down ${results[1]![0].toLocaleString('en')} vs ${results[0]![0].toLocaleString('en')}: ${(results[0]![1] / results[1]![1]).toFixed(2)}×`);
