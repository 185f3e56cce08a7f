import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClaimIndex, type ClaimIndex } from '../../server/nlp/claim-index';
import { createNearDuplicateIndex } from '../../server/nlp/near-duplicate';
import { normaliseText } from '../../server/nlp/normalise';
import { createRng, type Rng } from './near-duplicate/corpus';

/**
 * npx tsx test/bench/claim-match.bench.ts [--sizes 10000,100000] [--items 20000] [--exhaustive 200] [--seed 7]
 * (node --expose-gc --import tsx … also reports heap growth after a full collection)
 *
 * Claim matching against a known-rumour library of each size: build time and memory, items matched
 * per second on one core for a realistic stream (short posts, long articles, copies of library
 * claims, near misses), latency per item, recall on the planted copies and false matches on the
 * rest; beside it, the same similarity by a linear scan (matchExhaustive) on a sample, and a plain
 * whole-text MinHash matcher (the near-duplicate index). Claims come from a compositional generator
 * (subject × event × tail), independent of the unit test's templates, so thresholds chosen there
 * are checked here on other text. Real rebuttals and posts are read at run time from
 * ../shared/data/rumor/*.jsonl when present (never copied). Prints figures, asserts nothing.
 */
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    items: { type: 'string', default: '20000' },
    exhaustive: { type: 'string', default: '200' },
    seed: { type: 'string', default: '7' },
    power: { type: 'string' }, // contentPower, for a sweep
    'suggest-at': { type: 'string' },
    'confirm-at': { type: 'string' },
  },
});
const indexOptions = {
  ...(values.power ? { contentPower: Number(values.power) } : {}),
  ...(values['suggest-at'] ? { suggestAt: Number(values['suggest-at']) } : {}),
  ...(values['confirm-at'] ? { confirmAt: Number(values['confirm-at']) } : {}),
};
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = path.resolve(ROOT, '../shared/data/rumor');
const seed = Number(values.seed);
const sizes = values.sizes.split(',').map(Number);
const ITEMS = Number(values.items);

// ---- Library: subject × event × tail -------------------------------------------------------
const SYL = [...'东西南北中新华安平和兴隆泰康宁福寿永昌盛明光金银玉石山水河湖江海林松柏桃李梅兰竹菊春秋龙凤鹤云霞青红翠锦绣文武德仁义礼智信长乐常嘉瑞祥丰裕源泉溪港湾桥塘坊岭峰台庄园'];
const name = (r: Rng) => r.pick(SYL) + r.pick(SYL);
const KINDS_OF_PLACE = ['街道', '社区', '小区', '花园', '菜市场', '实验学校', '中心医院', '地铁站', '广场', '产业园', '村', '镇'];
const GOODS = ['大米', '食用油', '猪肉', '鸡蛋', '口罩', '退烧药', '矿泉水', '汽油', '奶粉', '食盐', '牛奶', '蔬菜'];
const DISEASE = ['新冠', '流感', '甲流', '诺如病毒', '手足口病', '登革热', '禽流感', '支原体肺炎', '猴痘'];
const REMEDY = ['板蓝根', '大蒜', '白醋', '香油', '淡盐水', '生姜', '金银花', '艾草', '绿豆汤', '高度白酒', '维生素C', '花椒水'];
const subject = (r: Rng) =>
  r.pick([
    () => `${name(r)}区${name(r)}${r.pick(KINDS_OF_PLACE)}`,
    () => `${name(r)}${r.pick(KINDS_OF_PLACE)}`,
    () => `${name(r)}路${2 + r.int(300)}号`,
    () => `${r.pick(['市', '区', '县'])}第${1 + r.int(40)}${r.pick(['中学', '小学', '人民医院', '幼儿园'])}`,
  ])();
const EVENTS: ((r: Rng) => string)[] = [
  (r) => `${r.pick(['明天', '后天', '今晚', '周五'])}开始封控${3 + r.int(25)}天，所有人不准出门`,
  (r) => `出现了${2 + r.int(300)}例${r.pick(DISEASE)}，官方一直瞒着不说`,
  (r) => `的自来水检出${r.pick(['重金属', '大肠杆菌', '农药', '病毒'])}，千万不要再喝了`,
  (r) => `有人贩子开着${r.pick(['白色', '黑色', '银色'])}面包车抢小孩，已经丢了${2 + r.int(20)}个孩子`,
  (r) => `的${r.pick(GOODS)}${r.pick(['下周', '月底', '明天'])}要涨到${5 + r.int(95)}元一斤，赶紧去囤`,
  (r) => `发生${r.pick(['燃气爆炸', '大火', '楼房倒塌', '踩踏', '化学品泄漏'])}，已经死了${2 + r.int(90)}个人`,
  (r) => `要拆迁了，每平米补偿${3 + r.int(40)}万，消息绝对可靠`,
  (r) => `一名${20 + r.int(70)}岁的${r.pick(['老人', '男子', '女子', '学生'])}打完疫苗当场死亡，家属还在维权`,
  (r) => `的${r.pick(GOODS)}里发现了${r.pick(DISEASE)}病毒，已经被全部封存`,
  (r) => `有家长说孩子吃了食堂的饭集体${r.pick(['呕吐', '发烧', '腹泻'])}，${2 + r.int(60)}个孩子住院了`,
  (r) => `昨晚发生${(3 + r.int(40) / 10).toFixed(1)}级地震，专家说${r.pick(['今晚', '这周', '三天内'])}还有大地震`,
  (r) => `附近的化工厂排放毒气，已经有${2 + r.int(50)}人中毒送医`,
  (r) => `的出租车司机集体罢工，${r.pick(['明天', '本周', '下周一'])}起全部停运`,
  (r) => `停水停电${6 + r.int(60)}个小时，请大家提前储水`,
  (r) => `的业主因为${r.pick(['烂尾', '物业乱收费', '违规改建'])}去政府门口拉横幅，被抓了${2 + r.int(30)}个人`,
  (r) => `有一个${r.pick(DISEASE)}确诊病人逃跑了，正在全城搜捕`,
];
const HEALTH: ((r: Rng) => string)[] = [
  (r) => `喝${r.pick(REMEDY)}${r.pick(['加', '配'])}${r.pick(REMEDY)}可以预防${r.pick(DISEASE)}，一天三次`,
  (r) => `用${r.pick(REMEDY)}熏屋子${3 + r.int(20)}分钟能杀死${r.pick(DISEASE)}病毒`,
  (r) => `${r.pick(DISEASE)}病毒怕热，每天喝${40 + r.int(30)}度的${r.pick(REMEDY)}就能防住`,
];
const PREFIX = ['网传', '紧急通知：', '据说', '', '', '重要消息，'];
const TAIL = ['', '', '，大家转给家人', '，官方到现在都没有回应', '，千万不要去那边'];

/** The subject each generated claim was built with (health claims have none). */
const SUBJECT_OF = new Map<string, string>();

function makeLibrary(r: Rng, n: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < n) {
    const health = r.next() < 0.15;
    const subj = subject(r);
    const text = health ? r.pick(HEALTH)(r) : `${r.pick(PREFIX)}${subj}${r.pick(EVENTS)(r)}${r.pick(TAIL)}`;
    if (!seen.has(text)) {
      seen.add(text);
      out.push(text);
      if (!health) SUBJECT_OF.set(text, subj);
    }
  }
  return out;
}

// ---- Items ------------------------------------------------------------------------------------
const NEWS = [
  '区委常委会召开会议，传达学习上级有关精神，研究部署下一阶段重点工作。',
  '今年以来，我区持续优化营商环境，新增市场主体三千余户，同比增长百分之十二。',
  '市气象台发布天气预报，未来三天以多云天气为主，早晚温差较大，请注意添衣。',
  '街道组织志愿者开展环境整治活动，清理卫生死角二十余处，居民纷纷点赞。',
  '区人社局举办春季招聘会，百余家企业提供就业岗位两千多个。',
  '社区卫生服务中心为辖区老人提供免费体检和健康咨询服务。',
  '记者从区交通运输局获悉，新开通的公交线路将于下月起试运行。',
  '区市场监管局开展节前食品安全检查，抽检样品全部合格。',
  '全区农业生产形势良好，夏粮收购工作有序推进。',
  '今天上午，区政府召开新闻发布会，介绍老旧小区改造进展情况。',
];
const CHAT = ['今天天气真好', '有没有人一起去爬山', '这家店的面太好吃了', '孩子作业写到十点', '下班路上堵了一个小时', '新买的手机到了', '周末带娃去公园', '物业又涨价了', '楼下新开了一家奶茶店', '考试终于结束了'];
const SYNONYMS: [string, string][] = [['开始', '起'], ['所有人', '全部人'], ['一直', '始终'], ['千万', '一定'], ['已经', '早就'], ['赶紧', '赶快'], ['可以', '能够'], ['死了', '死亡了'], ['发现了', '查出了'], ['全部', '都'], ['集体', '一起']];
const EMOJI = ['😱', '❗', '🔥', '😭', '⚠️', '👉', '🙏'];
const HAN = [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过'];

const news = (r: Rng, chars: number) => {
  let s = '';
  while (s.length < chars) s += r.pick(NEWS);
  return s;
};
const post = (r: Rng) => Array.from({ length: 1 + r.int(4) }, () => (r.next() < 0.5 ? r.pick(CHAT) : r.pick(NEWS))).join('，');
const insertAt = (s: string, i: number, piece: string) => s.slice(0, i) + piece + s.slice(i);

type CopyKind = 'exact' | 'reordered' | 'synonyms' | 'emoji' | 'edits' | 'padded' | 'rebuttal' | 'in article';
const COPY_KINDS: CopyKind[] = ['exact', 'reordered', 'synonyms', 'emoji', 'edits', 'padded', 'rebuttal', 'in article'];

function copyOf(r: Rng, s: string, kind: CopyKind): string {
  switch (kind) {
    case 'exact':
      return s;
    case 'reordered': {
      const parts = s.split('，');
      return parts.length > 1 ? [...parts.slice(1), parts[0]].join('，') : s;
    }
    case 'synonyms': {
      let out = s;
      for (const [a, b] of SYNONYMS.filter(([a]) => s.includes(a)).slice(0, 2)) out = out.replace(a, b);
      return out;
    }
    case 'emoji': {
      let out = s;
      for (let k = 0; k < 3; k++) out = insertAt(out, 1 + r.int(out.length - 1), r.pick(EMOJI));
      return out;
    }
    case 'edits': {
      let out = s;
      for (let k = 0; k < 2; k++) {
        const i = 1 + r.int(out.length - 2);
        out = r.next() < 0.5 ? out.slice(0, i) + r.pick(HAN) + out.slice(i + 1) : insertAt(out, i, r.pick(HAN));
      }
      return out;
    }
    case 'padded':
      return `${post(r)}。${s}。${post(r)}`;
    case 'rebuttal':
      return `【辟谣】近日有网民发布“${s}”的信息。经核实，系谣言。${news(r, 80)}`;
    case 'in article':
      return `${news(r, 500 + r.int(4000))}${s}。${news(r, 500 + r.int(4000))}`;
  }
}

interface Item {
  text: string;
  /** The library entry planted in it, or −1. */
  planted: number;
  kind: CopyKind | 'post' | 'article' | 'other subject' | 'other story';
}

function makeItems(r: Rng, library: string[], n: number): Item[] {
  const items: Item[] = [];
  const held = new Set(library);
  for (let i = 0; i < n; i++) {
    const u = r.next();
    if (u < 0.6) items.push({ text: post(r), planted: -1, kind: 'post' });
    else if (u < 0.8) {
      const id = r.int(library.length);
      const kind = COPY_KINDS[i % COPY_KINDS.length]!;
      items.push({ text: copyOf(r, library[id]!, kind), planted: id, kind });
    } else if (u < 0.9) {
      // What must not match: a new claim in the library's stock wording (another subject), or
      // another event told of a library claim's subject.
      const base = library[r.int(library.length)]!;
      const kind = r.next() < 0.5 ? 'other subject' : 'other story';
      let text = '';
      do text = `${r.pick(PREFIX)}${subject(r)}${r.pick(EVENTS)(r)}${r.pick(TAIL)}`;
      while (held.has(text));
      if (kind === 'other story') {
        // The subject of `base` (its text before the first event word), with a fresh event.
        const subj = SUBJECT_OF.get(base) ?? subject(r);
        do text = `${subj}${r.pick(EVENTS)(r)}`;
        while (held.has(text));
      }
      items.push({ text, planted: -1, kind });
    } else {
      // Long articles: 1,000–20,000 characters, most of them short.
      const chars = Math.min(20_000, Math.round(1000 * Math.exp(r.next() * Math.log(20))));
      items.push({ text: news(r, chars), planted: -1, kind: 'article' });
    }
  }
  return items;
}

// ---- Measurement -------------------------------------------------------------------------------
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const quantile = (xs: Float64Array, q: number) => {
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const gc = (globalThis as { gc?: () => void }).gc;
const heapMiB = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

interface QualityRow {
  n: number;
  found: number;
  confirmed: number;
  /** Items for which some other claim was suggested / confirmed. */
  otherSuggested: number;
  otherConfirmed: number;
}

function quality(index: ClaimIndex, items: Item[]) {
  const byKind = new Map<string, QualityRow>();
  for (const item of items) {
    const found = index.match(item.text);
    const row = byKind.get(item.kind) ?? { n: 0, found: 0, confirmed: 0, otherSuggested: 0, otherConfirmed: 0 };
    row.n++;
    const hit = found.find((m) => m.entryId === item.planted);
    if (hit) row.found++;
    if (hit?.kind === 'confirmed') row.confirmed++;
    const others = found.filter((m) => m.entryId !== item.planted);
    if (others.length > 0) row.otherSuggested++;
    if (others.some((m) => m.kind === 'confirmed')) row.otherConfirmed++;
    byKind.set(item.kind, row);
  }
  return byKind;
}

function speed(label: string, items: Item[], match: (text: string) => unknown) {
  for (const item of items.slice(0, 500)) match(item.text); // warm-up
  const times = new Float64Array(items.length);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  items.forEach((item, i) => {
    const s = performance.now();
    match(item.text);
    times[i] = performance.now() - s;
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // Per CPU second as well as per wall second: on a shared machine the first moves less.
  console.log(
    `  ${label.padEnd(44)} ${String(Math.round((items.length / ms) * 1000)).padStart(7)} items/s (${Math.round((items.length / cpuMs) * 1000)} per CPU s)   p50 ${(quantile(times, 0.5) * 1000).toFixed(0).padStart(4)} µs   p99 ${(quantile(times, 0.99) * 1000).toFixed(0).padStart(5)} µs   max ${quantile(times, 1).toFixed(1)} ms`,
  );
}

function runSize(size: number) {
  const r = createRng(seed * 1_000_003 + size);
  const library = makeLibrary(r, size);
  const items = makeItems(r, library, ITEMS);
  const articles = items.filter((i) => i.kind === 'article' || i.kind === 'in article');
  const chars = articles.map((a) => a.text.length).sort((a, b) => a - b);
  console.log(`\n## Library of ${size.toLocaleString('en')} claims; ${items.length.toLocaleString('en')} items (${articles.length} articles of ${chars[0]}–${chars.at(-1)} characters, median ${chars[chars.length >> 1]})`);

  const heap0 = heapMiB();
  let t0 = performance.now();
  const index = createClaimIndex(indexOptions);
  library.forEach((text, id) => index.add(id, text));
  const buildMs = performance.now() - t0;
  index.match('预热'); // the first match lays the postings out contiguously
  const restMs = performance.now() - t0 - buildMs;
  console.log(`  build ${buildMs.toFixed(0)} ms (+ ${restMs.toFixed(0)} ms first layout); index ${(index.memoryBytes / 2 ** 20).toFixed(1)} MiB by its arrays${gc ? `, heap +${(heapMiB() - heap0).toFixed(1)} MiB after GC` : ''}`);

  speed('match(text), normalising included', items, (t) => index.match(t));
  const normalised = items.map((i) => ({ ...i, text: normaliseText(i.text) }));
  speed('match(normalised text), as the tagger calls it', normalised, (t) => index.match(t, { normalised: true }));
  t0 = performance.now();
  for (const i of items) normaliseText(i.text);
  console.log(`  (normaliseText alone: ${Math.round((items.length / (performance.now() - t0)) * 1000)} items/s)`);
  const c = index.counters;
  console.log(`  per item: ${(c.postingsRead / c.items).toFixed(0)} postings read, ${(c.claimsTouched / c.items).toFixed(0)} claims touched, ${(c.claimsScored / c.items).toFixed(1)} scored exactly`);

  const q = quality(index, items);
  console.log('\n  | items | n | planted claim found | … confirmed | another claim suggested | another claim confirmed |');
  console.log('  |---|---|---|---|---|---|');
  for (const kind of [...COPY_KINDS, 'other subject', 'other story', 'post', 'article']) {
    const row = q.get(kind);
    if (!row) continue;
    const planted = (COPY_KINDS as string[]).includes(kind);
    const cells = [planted ? pct(row.found / row.n) : '—', planted ? pct(row.confirmed / row.n) : '—', pct(row.otherSuggested / row.n), pct(row.otherConfirmed / row.n)];
    console.log(`  | ${kind} | ${row.n} | ${cells.join(' | ')} |`);
  }

  // Peers on a sample: the same similarity by a linear scan, and whole-text MinHash.
  const sample = items.filter((_, i) => i % Math.max(1, Math.floor(items.length / Number(values.exhaustive))) === 0);
  // Where the two differ: planted claims the index misses, and claims the scan suggests for items
  // that plant none (the index, reading fewer lists, suggests fewer of those).
  let scanPlanted = 0;
  let indexPlanted = 0;
  let scanOther = 0;
  let indexOther = 0;
  t0 = performance.now();
  const exhaustive = sample.map((i) => index.matchExhaustive(i.text));
  const scanMs = performance.now() - t0;
  sample.forEach((item, k) => {
    const fast = index.match(item.text);
    if (item.planted >= 0) {
      if (exhaustive[k]!.some((m) => m.entryId === item.planted)) scanPlanted++;
      if (fast.some((m) => m.entryId === item.planted)) indexPlanted++;
    } else {
      if (exhaustive[k]!.length > 0) scanOther++;
      if (fast.length > 0) indexOther++;
    }
  });
  const plantedN = sample.filter((i) => i.planted >= 0).length;
  console.log(
    `\n  linear scan, same similarity (${sample.length} items): ${Math.round((sample.length / scanMs) * 1000)} items/s; ` +
      `planted claim found by the scan ${scanPlanted} / ${plantedN}, by the index ${indexPlanted}; ` +
      `items without one that get a suggestion: scan ${scanOther}, index ${indexOther} of ${sample.length - plantedN}`,
  );
  t0 = performance.now();
  const minhash = createNearDuplicateIndex({ minChars: 5, threshold: 0.5 });
  library.forEach((text, id) => minhash.add(id, text));
  const mhBuild = performance.now() - t0;
  const planted = items.filter((i) => i.planted >= 0);
  t0 = performance.now();
  const mhHits = new Map<string, [number, number]>();
  for (const item of planted) {
    const hit = minhash.findSimilar(item.text).some((m) => m.id === item.planted);
    const row = mhHits.get(item.kind) ?? [0, 0];
    row[0] += hit ? 1 : 0;
    row[1]++;
    mhHits.set(item.kind, row);
  }
  const mhMs = performance.now() - t0;
  const mhRecall = [...mhHits].map(([k, [h, n]]) => `${k} ${pct(h / n)}`).join(', ');
  console.log(`  whole-text MinHash (near-duplicate index, Jaccard ≥ 0.5): build ${mhBuild.toFixed(0)} ms, ${Math.round((planted.length / mhMs) * 1000)} items/s; recall ${mhRecall}`);
}

// ---- Real data ---------------------------------------------------------------------------------
function realData(paddingSize: number) {
  const rebuttalsFile = path.join(DATA, 'rebuttals_dev.jsonl');
  const postsFile = path.join(DATA, 'rumor_posts_dev.jsonl');
  if (!fs.existsSync(rebuttalsFile) || !fs.existsSync(postsFile)) return;
  const read = (f: string) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>);
  const rebuttals = read(rebuttalsFile);
  const posts = read(postsFile);
  const postById = new Map(posts.map((p) => [p.id, p]));
  const index = createClaimIndex(indexOptions);
  makeLibrary(createRng(seed), paddingSize).forEach((text, i) => index.add(1_000_000 + i, text));
  // Claims: Weibo's judgements quote the post ("此微博称“…”不实"); DXY's list states the claim.
  const claims: { id: number; rebuttal: Record<string, string>; dxy: boolean }[] = [];
  rebuttals.forEach((rb, id) => {
    const text = rb.claim ?? /称[“"]\s*([^”"]+)[”"]/.exec(rb.text ?? '')?.[1];
    if (text && index.add(id, text)) claims.push({ id, rebuttal: rb, dxy: rb.claim !== undefined });
  });
  const found = (text: string, id: number) => index.match(text).some((m) => m.entryId === id);
  const weibo = claims.filter((c) => !c.dxy);
  const dxy = claims.filter((c) => c.dxy);
  const withPost = weibo.filter((c) => postById.has(c.rebuttal.refers_to ?? ''));
  const postHits = withPost.filter((c) => found(postById.get(c.rebuttal.refers_to!)!.text ?? '', c.id)).length;
  let otherReal = 0;
  let synthetic = 0;
  for (const p of posts) {
    const ms = index.match(p.text ?? '');
    if (ms.some((m) => m.entryId >= 1_000_000)) synthetic++;
    if (ms.some((m) => m.entryId < 1_000_000 && rebuttals[m.entryId]!.refers_to !== p.id)) otherReal++;
  }
  console.log(`\n## Real data (${DATA}, ${claims.length} claims + ${paddingSize.toLocaleString('en')} synthetic)`);
  console.log(`  Weibo judgement → the claim it quotes: ${weibo.filter((c) => found(c.rebuttal.text ?? '', c.id)).length} / ${weibo.length}`);
  console.log(`  rumour post judged → that claim:       ${postHits} / ${withPost.length}`);
  console.log(`  DXY rebuttal text → its claim:          ${dxy.filter((c) => found(c.rebuttal.text ?? '', c.id)).length} / ${dxy.length}`);
  console.log(`  posts (${posts.length}) matching a synthetic claim: ${synthetic}; matching a real claim other than the one judged on them: ${otherReal}`);
}

for (const size of sizes) runSize(size);
realData(sizes[0] ?? 10_000);
