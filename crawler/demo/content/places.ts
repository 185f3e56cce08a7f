import { between, pick } from '../rng';
import { monthDay } from '../clock';

/** 清河区 is fictional; so are its streets, schools and shops. */
export const DISTRICT = '清河区';
export const STREETS = ['东城街道', '西湖镇', '南湖街道', '北岗街道', '青石镇', '柳溪街道', '临江镇'] as const;
export const ROADS = ['清河大道', '人民路', '建设路', '滨江路', '解放路', '学府路', '长青路', '望江路'] as const;
export const COMMUNITIES = ['阳光花园社区', '滨江社区', '幸福里社区', '新华社区', '桂花园小区', '锦绣家园小区', '翠湖社区'] as const;
export const SCHOOLS = ['清河区实验小学', '清河一中', '东城中学', '西湖镇中心小学', '学府路小学'] as const;
export const HOSPITALS = ['清河区人民医院', '清河区中医院', '东城街道社区卫生服务中心'] as const;
export const MARKETS = ['东城农贸市场', '西湖菜市场', '南湖农贸市场', '好又多超市清河店'] as const;
const OFFICIALS = ['王建国', '李红梅', '张志强', '刘晓燕', '陈伟', '赵静'] as const;
const REPORTERS = ['记者 王晓', '记者 周婷', '记者 孙浩 通讯员 林芳', '通讯员 何佳', '记者 吴磊'] as const;
const NICKS = [
  '清河老街坊', '东城小王', '西湖边的猫', '南湖吃货', '爱跑步的阿强', '学府路宝妈', '北岗老李', '柳溪小雨',
  '临江渔夫', '青石山人', '滨江晨跑', '幸福里张阿姨', '打工人小陈', '快乐的胖虎', '路过的风', '清河新市民',
] as const;

export type Vars = Record<string, string>;

const DAY = 86_400_000;

/** Fill values for one item: places drawn from the item's own generator, dates from its time. */
export function makeVars(random: () => number, publishedMs: number): Vars {
  const street = pick(random, STREETS);
  const road = pick(random, ROADS);
  return {
    district: DISTRICT,
    street,
    street2: pick(random, STREETS.filter((s) => s !== street)),
    road,
    road2: pick(random, ROADS.filter((r) => r !== road)),
    community: pick(random, COMMUNITIES),
    school: pick(random, SCHOOLS),
    hospital: pick(random, HOSPITALS),
    market: pick(random, MARKETS),
    official: pick(random, OFFICIALS),
    reporter: pick(random, REPORTERS),
    nick: pick(random, NICKS),
    n1: String(between(random, 2, 9)),
    n2: String(between(random, 12, 96)),
    n3: String(between(random, 120, 980)),
    price: (between(random, 18, 65) / 10).toFixed(1),
    today: monthDay(publishedMs),
    d1: monthDay(publishedMs + DAY),
    d2: monthDay(publishedMs + 2 * DAY),
    d3: monthDay(publishedMs + 3 * DAY),
    d7: monthDay(publishedMs + 7 * DAY),
    year: String(new Date(publishedMs + 8 * 3_600_000).getUTCFullYear()),
    month: String(new Date(publishedMs + 8 * 3_600_000).getUTCMonth() + 1),
  };
}

export function fill(text: string, vars: Vars): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}
