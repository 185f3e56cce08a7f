import { describe, expect, it } from 'vitest';
import { CLAIM_INDEX_DEFAULTS, createClaimIndex, resolveClaimThresholds } from '../../../server/nlp/claim-index';
import { claimUnits } from '../../../server/nlp/claim-text';
import { createClaimWindow, createTopK } from '../../../server/nlp/claim-window';
import { normaliseText } from '../../../server/nlp/normalise';

// A small library of unrelated claims, plus filler claims so that document frequencies mean something.
const CLAIMS: Record<number, string> = {
  1: '喝板蓝根可以预防新冠',
  2: '网传东风街道明天开始封控，所有人不得外出',
  3: '吃大蒜可以预防新冠病毒感染',
  4: '5G基站会传播新冠病毒',
  5: '幸福小区的自来水被污染了，千万不要喝',
  6: '光明菜市场的猪肉检出非洲猪瘟病毒，已经封存',
};
const FILLER = ['区', '市', '县'].flatMap((a) =>
  ['东城', '西湖', '南山', '北塘', '江北'].map((b, i) => `${b}${a}第${i + 1}中学有学生发烧，学校明天停课`),
);

function library() {
  const index = createClaimIndex();
  for (const [id, text] of Object.entries(CLAIMS)) expect(index.add(Number(id), text)).toBe(true);
  FILLER.forEach((text, i) => index.add(100 + i, text));
  return index;
}

describe('createClaimIndex', () => {
  it('finds a claim quoted inside a longer rebuttal and confirms it', () => {
    const index = library();
    const [m] = index.match('关于网传“喝板蓝根可以预防新冠”的说法不实。经核实，目前没有证据表明板蓝根对新冠病毒有效，请勿轻信。');
    expect(m).toMatchObject({ entryId: 1, similarity: 1, kind: 'confirmed', matched: '喝板蓝根可以预防新冠' });
  });

  it('finds reordered clauses, emoji and traditional characters', () => {
    const index = library();
    expect(index.match('所有人不得外出！網傳東風街道明天開始封控')[0]?.entryId).toBe(2);
    expect(index.match('网传东😱风街道明天⚠️开始封控，所有人不得外出')[0]).toMatchObject({ entryId: 2, kind: 'confirmed' });
  });

  it('suggests, without confirming, a paraphrase that loses part of the wording', () => {
    const index = library();
    const [m] = index.match('幸福小区的自来水被污染了，千万别喝'); // ~0.81: 3 of its 16 bigrams, 4 of 15 trigrams lost
    expect(m?.entryId).toBe(5);
    expect(m?.kind).toBe('suggested');
    expect(m!.similarity).toBeGreaterThanOrEqual(CLAIM_INDEX_DEFAULTS.suggestAt);
    expect(m!.similarity).toBeLessThan(CLAIM_INDEX_DEFAULTS.confirmAt);
  });

  it('does not match texts that share only common words or the topic', () => {
    const index = library();
    expect(index.match('新冠疫情期间，网传的消息很多，大家要注意辨别')).toEqual([]);
    expect(index.match('区政府召开会议，部署安全生产工作')).toEqual([]);
    expect(index.match('东风街道今天举行了文艺演出')).toEqual([]);
    expect(index.match('')).toEqual([]);
  });

  it('reports the stretch of the normalised item where the claim was found', () => {
    const index = library();
    const [m] = index.match('转发：5G 基站会传播新冠病毒！！太可怕了');
    expect(m?.entryId).toBe(4);
    expect(m?.matched).toBe(normaliseText('5G 基站会传播新冠病毒'));
  });

  it('sorts matches best first and honours limit', () => {
    const index = library();
    const text = '网传：吃大蒜可以预防新冠病毒感染，喝板蓝根可以预防新冠';
    const all = index.match(text);
    expect(all.map((m) => m.entryId).slice(0, 2).sort()).toEqual([1, 3]);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.similarity).toBeGreaterThanOrEqual(all[i]!.similarity);
    expect(index.match(text, { limit: 1 })).toHaveLength(1);
  });

  it('takes thresholds per call, and confirmed needs confirmAt', () => {
    const index = library();
    const text = '幸福小区的自来水被污染了，千万别喝';
    const sim = index.match(text)[0]!.similarity;
    expect(index.match(text, { suggestAt: sim, confirmAt: sim })[0]?.kind).toBe('confirmed');
    expect(index.match(text, { suggestAt: Math.min(1, sim + 0.01), confirmAt: 1 })).toEqual([]);
  });

  it('validates thresholds: 0 < suggestAt ≤ confirmAt ≤ 1', () => {
    expect(() => createClaimIndex({ suggestAt: 0 })).toThrow(RangeError);
    expect(() => createClaimIndex({ suggestAt: 0.9, confirmAt: 0.8 })).toThrow(RangeError);
    expect(() => createClaimIndex({ confirmAt: 1.2 })).toThrow(RangeError);
    expect(() => createClaimIndex({ suggestAt: Number.NaN })).toThrow(RangeError);
    expect(() => library().match('x', { suggestAt: 0.95 })).toThrow(RangeError); // above the index's confirmAt
    expect(resolveClaimThresholds({ suggestAt: 0.5, confirmAt: 0.5 })).toEqual({ suggestAt: 0.5, confirmAt: 0.5 });
    expect(createClaimIndex({ suggestAt: 0.5, confirmAt: 0.9 }).thresholds).toEqual({ suggestAt: 0.5, confirmAt: 0.9 });
    expect(() => createClaimIndex({ maxPostings: 0 })).toThrow(RangeError);
  });

  it('removes and replaces claims', () => {
    const index = library();
    const size = index.size;
    expect(index.remove(1)).toBe(true);
    expect(index.remove(1)).toBe(false);
    expect(index.has(1)).toBe(false);
    expect(index.size).toBe(size - 1);
    expect(index.match('喝板蓝根可以预防新冠')).toEqual([]);
    // Re-adding an id replaces its text.
    index.add(2, '喝板蓝根可以预防新冠');
    expect(index.size).toBe(size - 1);
    expect(index.match('喝板蓝根可以预防新冠')[0]?.entryId).toBe(2);
    expect(index.match('网传东风街道明天开始封控，所有人不得外出').map((m) => m.entryId)).not.toContain(2);
  });

  it('refuses claims too short to match reliably', () => {
    const index = createClaimIndex();
    expect(index.add(1, '封城')).toBe(false);
    expect(index.add(2, '😱！！')).toBe(false);
    expect(index.size).toBe(0);
    expect(index.match('封城')).toEqual([]);
  });

  it('stays correct through many removals (compaction) and additions after matching', () => {
    const index = createClaimIndex();
    const claim = (i: number) => `${FILLER[i % FILLER.length]}，编号${i}号楼`;
    const exactly = (text: string, id: number) => index.match(text).some((m) => m.entryId === id && m.similarity === 1);
    for (let i = 0; i < 3000; i++) index.add(i, claim(i));
    index.match('warm up the postings');
    for (let i = 0; i < 3000; i += 2) index.remove(i);
    for (let i = 3000; i < 6000; i++) index.add(i, claim(i));
    index.add(9999, '喝板蓝根可以预防新冠');
    expect(index.size).toBe(1500 + 3000 + 1);
    expect(index.match('网传喝板蓝根可以预防新冠')[0]?.entryId).toBe(9999);
    expect(exactly(claim(4001), 4001)).toBe(true);
    expect(exactly(claim(3), 3)).toBe(true);
    expect(index.match(claim(2)).map((m) => m.entryId)).not.toContain(2);
  });

  it('finds a claim deep in a long article, and ignores what lies past maxItemUnits', () => {
    const index = library();
    const padding = '区委常委会召开会议，研究部署下一阶段重点工作。'.repeat(400); // ~8,800 letters
    expect(index.match(`${padding}网传东风街道明天开始封控，所有人不得外出。${padding}`)[0]?.entryId).toBe(2);
    const short = createClaimIndex({ maxItemUnits: 1000 });
    short.add(2, CLAIMS[2]!);
    expect(short.match(`${padding}${CLAIMS[2]}`)).toEqual([]);
  });

  it('does not collect a claim from words paragraphs apart in a long article', () => {
    const index = library();
    const gap = '今年以来全区持续优化营商环境新增市场主体三千余户'.repeat(4);
    expect(index.match(`网传东风街道${gap}明天开始封控${gap}所有人不得外出`)).toEqual([]);
  });

  it('matchExhaustive gives the same matches as match on a small library', () => {
    const index = library();
    for (const text of ['喝板蓝根能预防新冠吗', '所有人不得外出，东风街道明天开始封控', '5G会传播新冠病毒？', '光明菜市场猪肉检出非洲猪瘟']) {
      expect(index.match(text)).toEqual(index.matchExhaustive(text));
    }
  });

  it('accepts text that is already normalised', () => {
    const index = library();
    const text = '網傳東風街道明天開始封控，所有人不得外出';
    expect(index.match(normaliseText(text), { normalised: true })).toEqual(index.match(text));
  });
});

describe('claimUnits', () => {
  it('keeps letters and digits with their positions, and keys their bigrams', () => {
    const u = claimUnits('5g,基站!');
    expect(u.count).toBe(4);
    expect([...u.starts]).toEqual([0, 1, 3, 4, 5]);
    expect(u.keys).toHaveLength(3);
    expect(claimUnits('𠮷野家').count).toBe(3); // an astral Han character is one unit
    expect(claimUnits('abcdef', 3).count).toBe(3);
  });
});

describe('claim window', () => {
  it('finds the densest window and its span', () => {
    const w = createClaimWindow();
    w.reset(3);
    // Bigram 0 at 0 and 50; bigrams 1 and 2 at 51, 52: the best window of 10 units is 50..52.
    w.push(0, 0, 1, 1);
    w.push(50, 0, 1, 1);
    w.push(51, 1, 2, 1);
    w.push(52, 2, 1, 1);
    expect(w.best(10, 4, 3)).toBe(1);
    expect(w.span).toEqual({ from: 50, to: 52 });
    // Score is the smaller of the two shares.
    w.reset(2);
    w.push(0, 0, 3, 1);
    expect(w.best(10, 4, 2)).toBe(0.5);
  });

  it('keeps the k best scores', () => {
    const top = createTopK(3);
    [0.5, 0.9, 0.1, 0.7, 0.9, 0.3].forEach((s, slot) => top.offer(slot, s));
    expect([...top.slots()].sort()).toEqual([1, 3, 4]);
  });
});
