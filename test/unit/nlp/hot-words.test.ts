import { describe, expect, it } from 'vitest';
import { countDocumentFrequencies, rankBurstWords, rankByCount, type WindowCounts } from '../../../server/nlp/hot-words';
import { createKeywordExtractor } from '../../../server/nlp/keywords';

const win = (docs: number, counts: Record<string, number>): WindowCounts => ({ docs, counts: new Map(Object.entries(counts)) });

describe('rankBurstWords', () => {
  // One day against the seven before: the baseline window holds seven times the documents.
  const baseline = win(7000, { 地铁: 700, 学校: 350, 暴雨: 14, 停电: 70, 天气: 2100 });

  it('ranks a word rising against its own baseline above a steady frequent word', () => {
    const current = win(1000, { 地铁: 100, 暴雨: 80, 天气: 300 });
    const ranked = rankBurstWords(current, baseline);
    expect(ranked[0]?.word).toBe('暴雨');
    // 地铁 and 天气 are as frequent as usual: not rising at all.
    expect(ranked.map((w) => w.word)).not.toContain('地铁');
    expect(ranked.map((w) => w.word)).not.toContain('天气');
  });

  it('does not put a word seen once on top, even with no minimum count', () => {
    // 暴雨 doubled-and-more on a real base; 罕见词 has the higher ratio only because its base is ~0.
    const current = win(1000, { 暴雨: 20, 罕见词: 1 });
    for (const minCount of [1, 3]) {
      const ranked = rankBurstWords(current, baseline, { minCount });
      expect(ranked[0]?.word).toBe('暴雨');
    }
    const loose = new Map(rankBurstWords(current, baseline, { minCount: 1 }).map((w) => [w.word, w]));
    expect(loose.get('罕见词')!.ratio).toBeGreaterThan(loose.get('暴雨')!.ratio);
    expect(rankBurstWords(current, baseline).map((w) => w.word)).not.toContain('罕见词');
  });

  it('ranks a large rise above a brand-new word seen a handful of times', () => {
    // 停电: 10/day → 150/day. 新词: never seen, now in 3 documents. The ratio alone favours 新词.
    const current = win(1000, { 停电: 150, 新词: 3 });
    const ranked = rankBurstWords(current, baseline);
    expect(ranked[0]?.word).toBe('停电');
    const byWord = new Map(ranked.map((w) => [w.word, w]));
    expect(byWord.get('新词')!.ratio).toBeGreaterThan(byWord.get('停电')!.ratio);
  });

  it('enforces the minimum count', () => {
    const current = win(1000, { 新词: 4 });
    expect(rankBurstWords(current, baseline, { minCount: 5 })).toEqual([]);
    expect(rankBurstWords(current, baseline, { minCount: 4 }).map((w) => w.word)).toEqual(['新词']);
  });

  it('leaves out falling words and reports the figures', () => {
    const ranked = rankBurstWords(win(1000, { 学校: 5, 暴雨: 30 }), baseline);
    expect(ranked.map((w) => w.word)).toEqual(['暴雨']);
    const w = ranked[0]!;
    expect(w.count).toBe(30);
    expect(w.baselineCount).toBe(14);
    expect(w.ratio).toBeCloseTo(31 / 1001 / (15 / 7001), 6);
    expect(w.score).toBeLessThan(Math.log(w.ratio));
  });

  it('returns nothing without documents in either window', () => {
    expect(rankBurstWords(win(0, {}), baseline)).toEqual([]);
    expect(rankBurstWords(win(1000, { 暴雨: 50 }), win(0, {}))).toEqual([]);
  });

  it('ignores invalid counts, honours the limit and orders ties stably', () => {
    const current = win(1000, { 乙: 50, 甲: 50, 丙: 50, 坏: Number.NaN, 负: -3 });
    const ranked = rankBurstWords(current, win(7000, {}), { limit: 2 });
    expect(ranked.map((w) => w.word)).toEqual(['丙', '乙']);
  });
});

describe('rankByCount', () => {
  it('orders by count, then word, with limit and minimum', () => {
    const counts = new Map([
      ['地铁', 5],
      ['暴雨', 9],
      ['停电', 5],
      ['罕见', 1],
    ]);
    expect(rankByCount(counts)).toEqual([
      { word: '暴雨', count: 9 },
      { word: '停电', count: 5 },
      { word: '地铁', count: 5 },
      { word: '罕见', count: 1 },
    ]);
    expect(rankByCount(counts, { limit: 2 }).map((w) => w.word)).toEqual(['暴雨', '停电']);
    expect(rankByCount(counts, { minCount: 2 }).map((w) => w.word)).not.toContain('罕见');
    expect(rankByCount(new Map())).toEqual([]);
  });
});

describe('countDocumentFrequencies', () => {
  it('counts a word once per document', () => {
    const counts = countDocumentFrequencies([['地铁', '地铁', '停运'], ['地铁'], []]);
    expect(counts).toEqual(new Map([['地铁', 2], ['停运', 1]]));
  });
});

describe('keywords into hot words', () => {
  it('finds the event that broke out today', () => {
    const extractor = createKeywordExtractor();
    const routine = ['区图书馆周末举办亲子阅读活动，欢迎家长报名参加。', '社区卫生服务中心开展免费体检，老年居民踊跃参加。'];
    const today = ['青柳路发生燃气泄漏，消防人员正在现场处置。', '青柳路燃气泄漏，附近居民已经疏散。'];
    const docs = (texts: string[], n: number) =>
      countDocumentFrequencies(Array.from({ length: n }, (_, i) => extractor.extract(texts[i % texts.length]!, 8).map((k) => k.word)));
    const baselineCounts = docs(routine, 70);
    const currentCounts = docs([...routine, ...today, ...today], 60);
    const ranked = rankBurstWords({ docs: 60, counts: currentCounts }, { docs: 70, counts: baselineCounts });
    // The words in both of today's reports lead; routine words are not rising at all.
    expect(ranked.slice(0, 3).map((w) => w.word).sort()).toEqual(['泄漏', '燃气', '青柳路'].sort());
    expect(ranked.map((w) => w.word)).not.toContain('阅读');
  });
});
