/**
 * Keyword extraction throughput, single core: items per second for ~200-character posts and
 * ~2,000-character articles (and a 9:1 mix of the two), through extract() (top 10) and through
 * tokenize(). Prints figures, asserts nothing.
 *
 *   npx tsx test/bench/keywords.bench.ts [--items 20000] [--seconds 3]
 *
 * Texts: real posts from ../shared/data/rumor/rumor_posts_dev.jsonl when present (read at run time,
 * never copied; the ~2,000-character items are consecutive posts joined), else synthetic ones.
 * Ingest has to reach 2,000 items/s per core with sentiment, topics and keywords together, so
 * keywords alone should sit well above that.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createKeywordExtractor, tokenize } from '../../server/nlp/keywords';
import { createRng } from '../support/rng';

const { values } = parseArgs({
  options: { items: { type: 'string', default: '20000' }, seconds: { type: 'string', default: '3' } },
});
const ITEMS = Number(values.items);
const SECONDS = Number(values.seconds);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = path.resolve(ROOT, '../shared/data/rumor/rumor_posts_dev.jsonl');

function realPosts(): string[] | null {
  if (!fs.existsSync(DATA)) return null;
  const out: string[] = [];
  for (const line of fs.readFileSync(DATA, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = (JSON.parse(line) as { text?: unknown }).text;
    if (typeof text === 'string' && text.length > 0) out.push(text);
  }
  return out;
}

const r = createRng(11);
const PLACES = ['青柳路', '南湖公园', '东兴街道', '和平社区', '新华中学', '区人民医院', '北站', '金桥菜市场'];
const EVENTS = ['燃气泄漏', '道路积水', '临时停电', '地铁停运', '交通事故', '学校停课', '物价上涨', '噪音扰民'];
const CLAUSES: (() => string)[] = [
  () => `据网友反映，${r.pick(PLACES)}附近今天上午发生${r.pick(EVENTS)}，现场有大量群众围观。`,
  () => `${r.pick(PLACES)}的居民表示，${r.pick(EVENTS)}已经持续了好几天，希望有关部门尽快处理。`,
  () => `区应急管理局回应称，已派出工作人员赶赴${r.pick(PLACES)}处置${r.pick(EVENTS)}，请市民不要轻信谣言。`,
  () => `转发扩散！${r.pick(PLACES)}明天开始${r.pick(EVENTS)}，大家提前做好准备 http://t.cn/A6x${r.int(1000)} [哈哈]`,
  () => `记者从${r.pick(PLACES)}了解到，受${r.pick(EVENTS)}影响，周边商户营业受到一定影响，目前秩序正常。`,
];
function synthetic(chars: number): string {
  let s = '';
  while (s.length < chars) s += r.pick(CLAUSES)();
  return s.slice(0, chars);
}

/** Joins consecutive posts into items of about `chars` characters. */
function joined(posts: string[], chars: number, count: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (out.length < count) {
    let s = '';
    while (s.length < chars) s += `${posts[i++ % posts.length]!}\n`;
    out.push(s.slice(0, chars));
  }
  return out;
}

function mean(xs: string[]): number {
  return Math.round(xs.reduce((a, s) => a + s.length, 0) / Math.max(xs.length, 1));
}

/** Loops over the items until `SECONDS` have passed; returns items per second. */
function rate(items: string[], fn: (s: string) => unknown): number {
  let n = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < SECONDS * 1000) {
    for (let k = 0; k < 200; k++) {
      const out = fn(items[n % items.length]!);
      if (Array.isArray(out)) sink += out.length;
      n++;
    }
    elapsed = performance.now() - start;
  }
  if (sink < 0) console.log(sink); // keeps the results alive
  return n / (elapsed / 1000);
}

const extractor = createKeywordExtractor();
const t0 = performance.now();
extractor.extract('首次调用加载词典');
const loadMs = performance.now() - t0;

const posts = realPosts();
const source = posts ? 'real posts' : 'synthetic posts';
const shortItems = posts
  ? posts.filter((p) => p.length >= 150 && p.length <= 300).slice(0, ITEMS)
  : Array.from({ length: ITEMS }, () => synthetic(150 + r.int(150)));
const longItems = posts ? joined(posts, 2000, Math.min(ITEMS, 2000)) : Array.from({ length: 2000 }, () => synthetic(2000));
// The ingest mix the tagging bench assumes: nine posts to one article.
const mixedItems = shortItems.slice(0, 1800).flatMap((p, i) => (i % 9 === 8 ? [p, longItems[i % longItems.length]!] : [p]));

console.log(`dictionary + IDF load: ${loadMs.toFixed(0)} ms (once per process)`);
console.log(`texts: ${source}${posts ? ` from ${path.relative(ROOT, DATA)}` : ''}`);
console.log('');
console.log('| items                  | mean chars | extract(top 10) items/s | tokenize items/s |');
console.log('| ---------------------- | ---------- | ----------------------- | ---------------- |');
for (const [name, items] of [
  ['~200-char posts', shortItems],
  ['~2,000-char articles', longItems],
  ['mixed 9 posts : 1 art.', mixedItems],
] as const) {
  rate(items, (s) => extractor.extract(s)); // warm-up
  const e = rate(items, (s) => extractor.extract(s));
  const t = rate(items, (s) => tokenize(s));
  console.log(
    `| ${name.padEnd(22)} | ${String(mean(items)).padStart(10)} | ${Math.round(e).toLocaleString('en').padStart(23)} | ${Math.round(t).toLocaleString('en').padStart(16)} |`,
  );
}
