import fs from 'node:fs';
import { createRng, type Rng } from '../../support/rng';

export { createRng, type Rng };

const DISTRICTS = ['东城', '西湖', '南山', '北塘', '江北', '河西', '高新', '滨江', '城关', '临港', '青山', '白云'];
const STREETS = ['东风', '人民', '解放', '建设', '和平', '新华', '胜利', '长江', '黄河', '中山', '光明', '幸福', '文化', '花园', '金桥', '锦绣'];
const PLACES_SUFFIX = ['街道', '社区', '小区', '菜市场', '中学', '小学', '医院', '地铁站', '商场', '工业园', '公园', '派出所'];
const THINGS = ['自来水', '燃气管道', '公交线路', '学校食堂', '外卖骑手', '共享单车', '快递网点', '停车场', '垃圾站', '老旧电梯', '路灯', '农贸市场', '疫苗接种点', '养老院', '出租车'];
const EVENTS = ['发生火灾', '出现异味', '临时停运', '大面积停电', '发现可疑人员', '被紧急封闭', '出现排队抢购', '发生聚集', '出现塌陷', '大量积水', '发生食物中毒', '爆发传染病', '被要求整改', '价格暴涨'];
const PEOPLE = ['居民', '家长', '学生', '商户', '老人', '司机', '网友', '业主', '工人', '志愿者'];
const WHO = ['一位在医院工作的朋友', '内部人士', '我表姐', '小区群里', '一个当警察的同学', '知情人', '街道办的人', '物业经理', '出租车师傅', '隔壁的王阿姨'];
const ADVICE = ['不要去人多的地方', '赶紧囤点米面油', '出门戴好口罩', '看好自家孩子', '不要喝自来水', '把消息转给家人', '晚上锁好门窗', '尽量绕道走', '这几天别去那边', '有情况马上报警'];
const OFFICIAL = ['区应急管理局', '街道办事处', '市场监管所', '区卫健委', '交警大队', '区教育局', '住建部门', '城管执法队'];

// Clause templates: distinct posts reuse them, so unrelated posts share boilerplate the way real ones do.
const CLAUSES: ((r: Rng, s: Slots) => string)[] = [
  (r, s) => `${s.when}，${s.place}${r.pick(EVENTS)}`,
  (r, s) => `听${r.pick(WHO)}说，${s.thing}${r.pick(EVENTS)}，已经有${2 + r.int(90)}名${r.pick(PEOPLE)}受到影响`,
  (r, s) => `现场有${r.pick(PEOPLE)}拍到了视频，${s.place}附近拉起了警戒线`,
  (r, s) => `据说${r.pick(OFFICIAL)}已经介入，但是一直没有公开通报`,
  (r) => `大家${r.pick(ADVICE)}，${r.pick(ADVICE)}`,
  (r, s) => `${s.thing}的问题已经持续了${2 + r.int(20)}天，${r.pick(PEOPLE)}反映了很多次都没人管`,
  (r, s) => `有${r.pick(PEOPLE)}说是因为${s.thing}年久失修，也有人说是人为造成的`,
  (r, s) => `${s.place}周边的${r.pick(PEOPLE)}都在议论这件事，群里已经传疯了`,
  (r) => `${r.pick(OFFICIAL)}的电话一直打不通，${r.pick(PEOPLE)}都很着急`,
  (r, s) => `${s.when}晚上${7 + r.int(5)}点左右，${r.pick(STREETS)}路口堵了${1 + r.int(5)}个多小时`,
  (r, s) => `我家就住在${s.place}旁边，昨天亲眼看到${r.pick(THINGS)}${r.pick(EVENTS)}`,
  (r) => `还有人说要持续${2 + r.int(12)}天，具体情况等官方消息`,
  (r, s) => `希望${r.pick(OFFICIAL)}尽快给${s.place}的${r.pick(PEOPLE)}一个说法`,
  (r) => `这个消息是真的吗？有没有${r.pick(PEOPLE)}知道内情`,
  (r) => `已经有${3 + r.int(40)}户人家搬走了，房价跌了${5 + r.int(30)}万`,
  (r, s) => `${s.thing}每天要消耗${100 + r.int(900)}吨，供应根本跟不上`,
];

interface Slots {
  place: string;
  thing: string;
  when: string;
}

function slots(r: Rng): Slots {
  return {
    place: `${r.pick(DISTRICTS)}区${r.pick(STREETS)}${r.pick(PLACES_SUFFIX)}`,
    thing: r.pick(THINGS),
    when: `${1 + r.int(12)}月${1 + r.int(28)}日`,
  };
}

/**
 * A ~170-character local-rumour post assembled from shared clause templates and slot values: two
 * posts share templates and phrases, as unrelated real posts do, but never tell the same story.
 */
export function syntheticPost(r: Rng, target = 170): string {
  const s = slots(r);
  const parts: string[] = [];
  let length = 0;
  const order = CLAUSES.map((_, i) => i).sort(() => r.next() - 0.5);
  for (const i of order) {
    const clause = CLAUSES[i]!(r, s);
    parts.push(clause);
    length += clause.length + 1;
    if (length >= target) break;
  }
  return `${parts.join('，')}！`.slice(0, target + 20);
}

/** Real post texts (100–400 characters, exact duplicates dropped) for realism; [] when the file is absent. */
export function loadRealPosts(file: string, limit: number): string[] {
  if (!fs.existsSync(file)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = (JSON.parse(line) as { text?: string }).text ?? '';
    if (text.length < 100 || text.length > 400 || seen.has(text)) continue;
    seen.add(text);
    out.push(text);
    if (out.length >= limit) break;
  }
  return out;
}
