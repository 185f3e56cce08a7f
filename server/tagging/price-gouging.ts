import type { ItemKind, Reason } from '../contracts/item';

/**
 * Price-gouging leads for the market-regulation colleagues: complaints and reports that a seller
 * raised prices unreasonably (哄抬物价, 坐地起价, "一斤青菜卖到20元"). A lead, not a rumour: it is tagged
 * on its own and never moves the rumour score. Official notices are left out — a notice saying
 * "严查哄抬物价" is the regulator speaking, not a lead.
 */
const PHRASES = [
  '哄抬物价',
  '哄抬价格',
  '哄抬',
  '恶意涨价',
  '坐地起价',
  '囤积居奇',
  '趁机涨价',
  '借机涨价',
  '乱涨价',
  '漫天要价',
  '价格欺诈',
  '明码不标价',
  '天价菜',
  '天价口罩',
  '天价药',
];

/** "价格翻了两倍", "涨了三倍", "贵了一倍". */
const MULTIPLE = /(价格|价钱)?(翻|涨|贵)了?[一两二三四五六七八九十几数]+倍/gu;
/** "一斤青菜卖到20元", "一盒口罩要价 99 块" — a unit, a thing, a price that is named. */
const UNIT_PRICE = /(一斤|一盒|一个|一箱|一包|一袋|一瓶|一只|一份)[^，。！？!?\n]{0,8}?(卖到|卖|要价|涨到|竟然要)\s*\d+(\.\d+)?\s*(元|块)/gu;

const KIND_APPLIES: Readonly<Record<ItemKind, boolean>> = { post: true, news: true, notice: false };

/** The phrases that make the text a price-gouging lead, in text order; empty when none. */
export function findPriceGouging(normalised: string, kind: ItemKind): string[] {
  if (!KIND_APPLIES[kind]) return [];
  const hits: { at: number; text: string }[] = [];
  for (const p of PHRASES) {
    const at = normalised.indexOf(p);
    // "哄抬" alone is counted only when no longer phrase containing it matched.
    if (at >= 0 && !(p === '哄抬' && hits.some((h) => h.text.startsWith('哄抬')))) hits.push({ at, text: p });
  }
  for (const re of [MULTIPLE, UNIT_PRICE]) {
    for (const m of normalised.matchAll(re)) hits.push({ at: m.index ?? 0, text: m[0] });
  }
  hits.sort((a, b) => a.at - b.at);
  return [...new Set(hits.map((h) => h.text))].slice(0, 10);
}

export function priceGougingReason(matches: string[]): Reason {
  return { code: 'price-gouging', label: '哄抬物价线索（供市场监管部门参考）', signal: 'price-gouging', weight: 1, matches };
}
