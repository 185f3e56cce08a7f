import { beforeAll, describe, expect, it } from 'vitest';
import { createClaimIndex, type ClaimIndex } from '../../../server/nlp/claim-index';
import { createRng, type Rng } from '../../support/rng';

/**
 * A 10,000-claim synthetic library of local rumours against paraphrased, reordered, padded,
 * emoji-laden and edited copies of its claims, and against claims it does not hold. Claims come from
 * 30 templates and slot values, so the library is full of near-relatives: each template has ~330
 * members differing only in place, numbers, goods or dates. That is harder than a real library, and
 * the bars below (measured: see the comments) leave room for the seed, not for regressions.
 */

const DISTRICTS = ['东城', '西湖', '南山', '北塘', '江北', '河西', '高新', '滨江', '城关', '临港', '青山', '白云', '龙华', '金水', '天河', '鼓楼'];
// Estates and streets are many in a real library, each in a handful of claims: names from syllables.
const NAME_CHARS = [...'东西南北中新华安平和兴隆泰康宁福寿永昌盛明光金银玉石山水河湖江海林松柏桃李梅兰竹菊春秋龙凤鹤云霞青红翠锦绣文武德仁义礼智信长乐常嘉瑞祥丰裕源泉溪港湾桥塘坊岭峰台庄园'];
const UNITS = ['街道', '社区', '小区', '菜市场', '中学', '小学', '医院', '地铁站', '商场', '工业园'];
const WHEN = ['明天', '后天', '今晚', '本周五', '下周一', '周末', '月底', '下个月', '国庆后', '春节前', '3月1日', '5月20日', '8月15日', '11月11日'];
const GOODS = ['大米', '食盐', '食用油', '猪肉', '鸡蛋', '口罩', '退烧药', '矿泉水', '汽油', '奶粉', '白糖', '蔬菜', '牛奶', '面粉', '酒精'];
const REMEDY = ['板蓝根', '大蒜', '白醋', '香油', '淡盐水', '生姜', '维生素C', '金银花', '艾草', '绿豆汤', '莲花清瘟', '烈酒'];
const DISEASE = ['新冠', '流感', '甲流', '诺如病毒', '手足口病', '登革热', '禽流感', '支原体肺炎'];
const OFFICIAL = ['区应急管理局', '市卫健委', '区教育局', '市场监管局', '交警支队', '住建局', '区政府', '街道办'];
const SHOPS = ['华润万家', '永辉超市', '物美', '家乐福', '沃尔玛', '大润发', '盒马', '联华超市'];
const ACCIDENT = ['火灾', '燃气爆炸', '楼房倒塌', '严重车祸', '踩踏事故', '化工厂泄漏', '电梯坠落', '食物中毒'];
const SYMPTOM = ['中毒', '致癌', '腹泻', '过敏', '肾衰竭'];
const VECTOR = ['快递包裹', '空调', '下水道', '蚊子', '宠物猫狗', '冷冻食品', '人民币', '雪花'];

interface Slots {
  place: string;
  when: string;
  goods: string;
  remedy: string;
  disease: string;
  official: string;
  shop: string;
  accident: string;
  symptom: string;
  vector: string;
  n: number;
  price: number;
}

function slots(r: Rng): Slots {
  const name = () => r.pick(NAME_CHARS) + r.pick(NAME_CHARS);
  return {
    place: `${r.next() < 0.5 ? r.pick(DISTRICTS) : name()}区${name()}${r.pick(UNITS)}`,
    when: r.pick(WHEN),
    goods: r.pick(GOODS),
    remedy: r.pick(REMEDY),
    disease: r.pick(DISEASE),
    official: r.pick(OFFICIAL),
    shop: r.pick(SHOPS),
    accident: r.pick(ACCIDENT),
    symptom: r.pick(SYMPTOM),
    vector: r.pick(VECTOR),
    n: 2 + r.int(198),
    price: 3 + r.int(97),
  };
}

// Clauses are separated by '，' so that copies can reorder them.
const TEMPLATES: ((s: Slots) => string)[] = [
  (s) => `网传${s.place}${s.when}开始封控，所有人不得外出`,
  (s) => `${s.place}的老中医说喝${s.remedy}可以预防${s.disease}，一天三次效果最好`,
  (s) => `${s.place}的${s.goods}${s.when}要涨价到${s.price}元一斤，赶紧去囤`,
  (s) => `${s.shop}${s.place}店的${s.goods}已经卖断货了，大家赶紧囤货`,
  (s) => `${s.place}发生${s.accident}，已经造成${s.n}人死亡`,
  (s) => `${s.official}发布通知，${s.when}起${s.place}附近的中小学停课${2 + (s.n % 20)}天`,
  (s) => `${s.place}的自来水被污染了，${s.when}之前千万不要喝`,
  (s) => `${s.place}有${s.n}名学生感染了${s.disease}，学校已经全部停课`,
  (s) => `${s.place}有人因为${s.vector}感染了${s.disease}，${s.official}提醒大家注意`,
  (s) => `${s.official}宣布${s.when}起${s.place}周边实行交通管制`,
  (s) => `${s.place}附近的化工厂发生${s.accident}，空气有毒不要开窗`,
  (s) => `${s.place}要拆迁了，每平方米补偿${s.price}万元`,
  (s) => `${s.when}${s.place}将停水${2 + (s.n % 46)}小时，请提前储水`,
  (s) => `${s.place}的居民都在用${s.remedy}熏屋子，说可以杀死${s.disease}病毒`,
  (s) => `${s.place}有人贩子抢小孩，已经有${s.n}个孩子失踪了`,
  (s) => `${s.shop}${s.place}店卖的${s.goods}是假货，吃了会${s.symptom}`,
  (s) => `${s.official}通知，${s.when}起${s.place}的${s.goods}每人限购${2 + (s.n % 8)}份`,
  (s) => `地铁${1 + (s.n % 12)}号线${s.when}起全线停运，${s.place}站封闭`,
  (s) => `${s.place}出现${s.n}例${s.disease}确诊病例，官方一直隐瞒不报`,
  (s) => `${s.place}的${s.goods}检出病毒，${s.official}已经封存`,
  (s) => `${s.when}${s.place}要全员核酸检测，不做的扣${s.price}分`,
  (s) => `${s.official}的领导因为${s.place}的${s.accident}被带走调查了`,
  (s) => `${s.place}一名${s.n}岁老人打完疫苗后死亡，家属正在维权`,
  (s) => `${s.shop}的员工确诊了${s.disease}，${s.place}店已经关门`,
  (s) => `${s.place}一位老人用${s.remedy}泡水喝治好了${s.disease}，医院都不告诉你`,
  (s) => `${s.place}的${s.vector}里发现了${s.disease}病毒`,
  (s) => `${s.official}要求${s.place}所有商户${s.when}前停业整顿`,
  (s) => `${s.place}昨晚发生地震，震级${(2 + (s.n % 50) / 10).toFixed(1)}级，${s.when}还有余震`,
  (s) => `${s.place}的${s.goods}里掺了工业原料，${s.official}正在调查`,
  (s) => `${s.when}起${s.place}的出租车全部停运，司机集体罢工`,
];

interface Claim {
  text: string;
  template: number;
}

function library(r: Rng, count: number): Claim[] {
  const seen = new Set<string>();
  const out: Claim[] = [];
  while (out.length < count) {
    const template = r.int(TEMPLATES.length);
    const text = TEMPLATES[template]!(slots(r));
    if (!seen.has(text)) {
      seen.add(text);
      out.push({ text, template });
    }
  }
  return out;
}

/** A claim of the same template with every slot drawn again, not in the library. */
function sibling(r: Rng, claim: Claim, held: ReadonlySet<string>): string {
  for (;;) {
    const text = TEMPLATES[claim.template]!(slots(r));
    if (!held.has(text)) return text;
  }
}

const SYNONYMS: [string, string][] = [
  ['可以', '能够'], ['已经', '早就'], ['开始', '起'], ['死亡', '身亡'], ['赶紧', '赶快'], ['发生', '出现'],
  ['不要', '别'], ['通知', '公告'], ['所有人', '全部居民'], ['学生', '孩子'], ['千万', '一定'], ['全部', '都'],
  ['宣布', '公布'], ['提醒', '告诉'], ['要求', '命令'], ['效果最好', '最有效'], ['大家', '各位'], ['被污染了', '有毒'],
  ['失踪了', '不见了'], ['检出', '查出'], ['调查', '核查'], ['关门', '停业'], ['隐瞒不报', '瞒报'], ['确诊', '感染'],
];
const EMOJI = ['😱', '❗', '🔥', '😭', '⚠️', '👉', '🙏', '💥'];
const HAN = [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经'];
const NEWS = [
  '区委常委会召开会议，传达学习上级有关精神，研究部署下一阶段重点工作',
  '今年以来，我区持续优化营商环境，新增市场主体三千余户，同比增长百分之十二',
  '市气象台发布天气预报，未来三天以多云天气为主，气温适宜，早晚温差较大',
  '区图书馆举办读书分享会，吸引了众多市民参加，现场气氛热烈',
  '街道组织志愿者开展环境整治活动，清理卫生死角二十余处',
  '区人社局举办春季招聘会，百余家企业提供就业岗位两千多个',
  '我区第三届运动会圆满落幕，各代表队共获得奖牌一百余枚',
  '社区卫生服务中心为辖区老人提供免费体检和健康咨询服务',
  '全区农业生产形势良好，夏粮收购工作有序推进',
  '区教育局召开新学期工作会议，部署校园安全和教学质量提升工作',
];

function news(r: Rng, chars: number): string {
  let s = '';
  while (s.length < chars) s += `${r.pick(NEWS)}。`;
  return s;
}

const at = (s: string, i: number, piece: string) => s.slice(0, i) + piece + s.slice(i);
const reorder = (s: string) => {
  const parts = s.split('，');
  return [...parts.slice(1), parts[0]!].join('，');
};
function synonyms(r: Rng, s: string, max: number): string {
  const options = SYNONYMS.filter(([a]) => s.includes(a));
  let out = s;
  for (let k = 0; k < max && options.length > 0; k++) {
    const [a, b] = options.splice(r.int(options.length), 1)[0]!;
    out = out.replace(a, b);
  }
  return out;
}
function edits(r: Rng, s: string, count: number): string {
  let out = s;
  for (let k = 0; k < count; k++) {
    const i = 1 + r.int(out.length - 2);
    const op = r.int(3);
    out = op === 0 ? out.slice(0, i) + r.pick(HAN) + out.slice(i + 1) : op === 1 ? at(out, i, r.pick(HAN)) : out.slice(0, i) + out.slice(i + 1);
  }
  return out;
}
function emoji(r: Rng, s: string, count: number): string {
  let out = s;
  for (let k = 0; k < count; k++) out = at(out, 1 + r.int(out.length - 1), r.pick(EMOJI));
  return out;
}

const COPIES = {
  exact: (_r: Rng, s: string) => s,
  reordered: (_r: Rng, s: string) => reorder(s),
  'two synonyms': (r: Rng, s: string) => synonyms(r, s, 2),
  padded: (r: Rng, s: string) => `${news(r, 150 + r.int(300))}${s}。${news(r, 150 + r.int(300))}`,
  'three emoji': (r: Rng, s: string) => emoji(r, s, 3),
  'two edits': (r: Rng, s: string) => edits(r, s, 2),
  'words added': (r: Rng, s: string) => `${r.pick(['听说', '据说', '我朋友说', '紧急通知'])}，${s}，${r.pick(['太可怕了', '是真的吗', '转给家人'])}`,
  'all at once': (r: Rng, s: string) => `转发：${emoji(r, edits(r, synonyms(r, reorder(s), 1), 1), 2)}`,
  rebuttal: (r: Rng, s: string) => `【辟谣】近日，网上流传“${s}”的消息。经核实，该消息不实。${news(r, 60)}请广大市民不信谣、不传谣。`,
} as const;
type CopyKind = keyof typeof COPIES;

// Measured with seed 20240611 and 400 copies per kind, at the default thresholds (0.65 / 0.9).
const RECALL_BAR: Record<CopyKind, number> = {
  exact: 0.99, // 100 %
  reordered: 0.98, // 100 %
  'two synonyms': 0.95, // 100 %
  padded: 0.99, // 100 %
  'three emoji': 0.99, // 100 %
  'two edits': 0.9, // 93.5 %: an edit inside a place name takes most of its rare n-grams
  'words added': 0.99, // 100 %
  'all at once': 0.9, // 94 %
  rebuttal: 0.99, // 100 %
};
/** Copies that keep every bigram of the claim must also be confirmed, not just suggested. */
const CONFIRMED_KINDS: CopyKind[] = ['exact', 'padded', 'three emoji', 'words added', 'rebuttal'];

const SIZE = 10_000;
const PER_KIND = 400;

describe('claim index on a 10,000-claim library', () => {
  const claims = library(createRng(20240611), SIZE);
  const held = new Set(claims.map((c) => c.text));
  const sample = Array.from({ length: PER_KIND }, (_, k) => (k * 7919 + 13) % SIZE);
  let index: ClaimIndex;

  beforeAll(() => {
    index = createClaimIndex();
    claims.forEach((c, id) => expect(index.add(id, c.text)).toBe(true));
  });

  it.each(Object.keys(COPIES) as CopyKind[])('finds %s copies of a claim', (kind) => {
    let found = 0;
    let confirmed = 0;
    sample.forEach((id, k) => {
      const copy = COPIES[kind](createRng(1000 + k), claims[id]!.text);
      const hit = index.match(copy).find((m) => m.entryId === id);
      if (hit) found++;
      if (hit?.kind === 'confirmed') confirmed++;
    });
    expect(found / PER_KIND).toBeGreaterThanOrEqual(RECALL_BAR[kind]);
    if (CONFIRMED_KINDS.includes(kind)) expect(confirmed / PER_KIND).toBeGreaterThanOrEqual(0.99);
  });

  it('ranks the copied claim first for exact and padded copies', () => {
    let first = 0;
    sample.forEach((id, k) => {
      const copy = COPIES.padded(createRng(3000 + k), claims[id]!.text);
      if (index.match(copy, { limit: 1 })[0]?.entryId === id) first++;
    });
    // Misses are library claims that another claim contains whole, which then tie at 1.
    expect(first / PER_KIND).toBeGreaterThanOrEqual(0.98);
  });

  it('does not suggest claims of the same template with other slot values', () => {
    // A sibling shares the template's wording and differs in place, numbers and goods: 1 of 400
    // reaches 0.65 with this seed (one that keeps the goods and the numbers).
    let matched = 0;
    sample.forEach((id, k) => {
      if (index.match(sibling(createRng(5000 + k), claims[id]!, held)).length > 0) matched++;
    });
    expect(matched / PER_KIND).toBeLessThanOrEqual(0.02);
    // None of them is confirmed automatically.
    const confirmed = sample.filter((id, k) => index.match(sibling(createRng(5000 + k), claims[id]!, held))[0]?.kind === 'confirmed');
    expect(confirmed).toHaveLength(0);
  });

  it('does not match generic local news, short or long', () => {
    const items = Array.from({ length: 200 }, (_, k) => news(createRng(9000 + k), 40 + (k % 10) * 400));
    expect(items.filter((t) => index.match(t).length > 0)).toEqual([]);
  });

  it('does not match texts that share only the common words of many claims', () => {
    for (const t of ['网传明天开始封控，所有人不得外出', '新冠疫情期间，大家要注意安全', '已经造成人员死亡，官方正在调查', '网传的消息是真的吗？']) {
      expect(index.match(t)).toEqual([]);
    }
  });

  it('agrees with the exhaustive scan on sampled copies', () => {
    let missed = 0;
    let total = 0;
    sample.slice(0, 60).forEach((id, k) => {
      const copy = COPIES['all at once'](createRng(1000 + k), claims[id]!.text);
      const fast = new Set(index.match(copy).map((m) => m.entryId));
      const all = index.matchExhaustive(copy);
      total += all.length;
      missed += all.filter((m) => !fast.has(m.entryId)).length;
    });
    expect(total).toBeGreaterThan(50);
    expect(missed / total).toBeLessThanOrEqual(0.02);
  });
});
