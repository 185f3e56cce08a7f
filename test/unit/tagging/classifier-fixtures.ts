import type { LabelledText } from '../../../server/tagging/classifier/model';

/**
 * A synthetic, separable task written here (never real data): rumours carry a few marker phrases,
 * non-rumours a few others, both drown them in the same everyday words, in random order.
 */
export const RUMOUR_MARKERS = ['据内部消息', '赶紧转发', '千万别吃', '马上封路', '转疯了'];
export const NEUTRAL_MARKERS = ['召开会议', '发布公告', '举行仪式', '顺利完成', '通报表扬'];
const FILLER = ['今天', '我们', '小区', '街道', '附近', '居民', '大家', '下午', '一个', '已经', '学校', '医院', '超市', '天气', '朋友'];

/** mulberry32: the same seed, the same texts. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export function syntheticText(r: () => number, rumour: boolean): string {
  const words = Array.from({ length: 6 + Math.floor(r() * 6) }, () => pick(r, FILLER));
  const marker = pick(r, rumour ? RUMOUR_MARKERS : NEUTRAL_MARKERS);
  words.splice(Math.floor(r() * words.length), 0, marker);
  if (r() < 0.5) words.push(`${1 + Math.floor(r() * 28)}日`);
  return `${words.join('')}。`;
}

export function syntheticExamples(n: number, seed: number): LabelledText[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const rumour = i % 2 === 0;
    return { text: syntheticText(r, rumour), label: rumour ? 'rumor' : 'non-rumor' };
  });
}

/** Small feature space and few examples: fast enough for a unit test. */
export const SMALL = { bits: 14, maxN: 3 } as const;
