import { describe, expect, it } from 'vitest';
import {
  NEAR_DUPLICATE_DEFAULTS,
  createNearDuplicateIndex,
  createSigner,
  decodeSignature,
  dedupCanonical,
  encodeSignature,
  estimateSimilarity,
  signature,
  signatureScheme,
} from '../../../server/nlp/near-duplicate';
import { canonicalCodePoints } from '../../../server/nlp/near-duplicate-shingles';

// Two unrelated ~170-character local posts; RUMOUR is the one reposted with edits below.
const RUMOUR =
  '听小区群里说，东城区人民街道的自来水这两天出现了很重的异味，已经有十几户居民喝了以后肚子疼去医院挂了急诊，' +
  '物业和自来水公司一直不给说法，电话也打不通。大家这几天先别喝自来水，赶紧去超市囤点矿泉水，做饭也用矿泉水，' +
  '把这个消息转给家里的老人和孩子，千万注意！';
const OTHER =
  '西湖区教育局今天发布通知，全区中小学下周一起调整作息时间，上午第一节课推迟到八点二十分开始，午休延长半小时，' +
  '放学时间相应顺延。家长接送孩子时请注意学校门口的临时交通管制，服从交警和志愿者的指挥，不要在校门口长时间停车，' +
  '具体安排以各学校的通知为准。';

/** Deterministic unrelated texts: 60 characters drawn from 2,000 Han characters. */
function randomTexts(count: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
  return Array.from({ length: count }, () =>
    Array.from({ length: 60 }, () => String.fromCharCode(0x4e00 + Math.floor(next() * 2000))).join(''),
  );
}

const sim = (a: string, b: string) => estimateSimilarity(signature(a)!, signature(b)!);

describe('near-duplicate signatures', () => {
  it('keeps reposts with a few edited characters far above the threshold', () => {
    const edited = RUMOUR.replace('十几户', '二十户').replace('肚子疼', '肚子痛');
    expect(sim(RUMOUR, edited)).toBeGreaterThan(0.75);
  });

  it('ignores inserted emoji, punctuation and spacing, and folds traditional characters', () => {
    const decorated = RUMOUR.replace('自来水', '自来水😡😡').replace('千万注意', '千万注意❗❗🙏').replace(/，/g, ', ');
    expect(sim(RUMOUR, decorated)).toBe(1);
    expect(dedupCanonical('網傳 封❤城！！')).toBe('网传封城');
  });

  it('shingles exactly the canonical text, read without building it', () => {
    const texts = [RUMOUR, '網傳 封❤城！！', '𠮷野家的𠀋（CJK 扩展B）', 'abc DEF 123 ①②③ Ⅻ', `孤立代理${'\ud800'}与${'\udc00'}结尾${'\ud83d'}`, '', '🙏🙏🙏'];
    for (const text of texts) {
      expect(Array.from(canonicalCodePoints(text))).toEqual([...dedupCanonical(text)].map((ch) => ch.codePointAt(0)));
    }
  });

  it('matches a "转发：" prefix and a different ending', () => {
    expect(sim(RUMOUR, `转发：${RUMOUR}`)).toBeGreaterThan(0.9);
    const otherEnding = `${RUMOUR.slice(0, Math.round(RUMOUR.length * 0.8))}不转不是中国人，大家赶紧转发！`;
    expect(sim(RUMOUR, otherEnding)).toBeGreaterThan(NEAR_DUPLICATE_DEFAULTS.threshold);
  });

  it('keeps different stories far apart', () => {
    expect(sim(RUMOUR, OTHER)).toBeLessThan(0.15);
  });

  it('does not sign texts too short to compare', () => {
    expect(signature('网传明天封城！')).toBeNull();
    expect(signature(' 😡 '.repeat(50))).toBeNull();
  });

  it('is deterministic across signers and survives a round trip through bytes', () => {
    const a = signature(RUMOUR)!;
    const b = createSigner()(RUMOUR)!;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a).toHaveLength(NEAR_DUPLICATE_DEFAULTS.bands * NEAR_DUPLICATE_DEFAULTS.rows);
    const bytes = encodeSignature(a);
    expect(bytes).toHaveLength(a.length * 4);
    expect(Array.from(decodeSignature(bytes)!)).toEqual(Array.from(a));
    expect(decodeSignature(new Uint8Array(0))).toBeNull();
  });

  it('names the parameters that shape a signature in its scheme, but not the threshold', () => {
    expect(signatureScheme()).toBe(signatureScheme({ threshold: 0.9 }));
    expect(signatureScheme()).not.toBe(signatureScheme({ shingle: 5 }));
    expect(signatureScheme()).not.toBe(signatureScheme({ seed: 1 }));
    expect(() => signatureScheme({ bands: 0 })).toThrow(RangeError);
  });
});

describe('near-duplicate index', () => {
  const reposts = [
    RUMOUR.replace('十几户', '十多户'),
    `转发：${RUMOUR}`,
    RUMOUR.replace('物业', '物业😡').replace('超市', '超 市'),
    `【扩散】${RUMOUR.replace('千万注意', '切记')}🙏`,
  ];

  it('finds every planted repost and nothing else', () => {
    const index = createNearDuplicateIndex();
    index.add(1, RUMOUR);
    index.add(2, OTHER);
    for (const text of reposts) expect(index.findSimilar(text).map((m) => m.id)).toEqual([1]);
    expect(index.findSimilar('今天天气很好，我们一家人去公园散步，看到很多人在放风筝，孩子们玩得很开心，晚上回家吃了火锅。')).toEqual([]);
  });

  it('returns the most similar first, ties oldest first, and honours `before`', () => {
    const index = createNearDuplicateIndex();
    index.add(5, RUMOUR);
    index.add(3, RUMOUR);
    index.add(9, reposts[0]!);
    const found = index.findSimilar(RUMOUR);
    expect(found.map((m) => m.id)).toEqual([3, 5, 9]);
    expect(found[0]!.similarity).toBe(1);
    expect(index.findSimilar(RUMOUR, { before: 5 }).map((m) => m.id)).toEqual([3]);
  });

  it('indexes stored signatures like texts, and refuses a signature of another length', () => {
    const index = createNearDuplicateIndex();
    index.add(1, decodeSignature(encodeSignature(signature(RUMOUR)!))!);
    expect(index.findSimilar(reposts[1]!).map((m) => m.id)).toEqual([1]);
    expect(() => index.add(2, new Uint32Array(3))).toThrow(RangeError);
    expect(index.add(3, '太短了')).toBeNull();
    expect(index.size).toBe(1);
  });

  it('removes entries and forgets the oldest beyond maxItems', () => {
    const index = createNearDuplicateIndex({ maxItems: 2 });
    index.add(1, RUMOUR);
    index.add(2, OTHER);
    index.add(3, reposts[0]!);
    expect(index.size).toBe(2);
    expect(index.has(1)).toBe(false);
    expect(index.findSimilar(RUMOUR).map((m) => m.id)).toEqual([3]);
    expect(index.remove(3)).toBe(true);
    expect(index.findSimilar(RUMOUR)).toEqual([]);
    expect(index.findSimilar(OTHER).map((m) => m.id)).toEqual([2]);
  });

  it('stays exact through growth, removals and compaction', () => {
    const texts = randomTexts(1500, 7);
    const index = createNearDuplicateIndex();
    texts.forEach((t, i) => index.add(i, t));
    for (let i = 0; i < 1500; i += 2) index.remove(i);
    texts.forEach((t, i) => index.add(10_000 + i, t)); // fills, compacts the dead half, grows
    expect(index.size).toBe(750 + 1500);
    for (const i of [0, 1, 2, 3, 777, 1498, 1499]) {
      const expected = i % 2 === 0 ? [10_000 + i] : [i, 10_000 + i];
      expect(index.findSimilar(texts[i]!).map((m) => m.id)).toEqual(expected);
    }
  });

  it('re-adding an id replaces its text', () => {
    const index = createNearDuplicateIndex();
    index.add(1, RUMOUR);
    index.add(1, OTHER);
    expect(index.size).toBe(1);
    expect(index.findSimilar(RUMOUR)).toEqual([]);
    expect(index.findSimilar(OTHER).map((m) => m.id)).toEqual([1]);
  });

  it('keeps only the newest maxItems over many additions', () => {
    const texts = randomTexts(1000, 11);
    const index = createNearDuplicateIndex({ maxItems: 100 });
    texts.forEach((t, i) => index.add(i, t));
    expect(index.size).toBe(100);
    expect(index.findSimilar(texts[899]!)).toEqual([]);
    expect(index.findSimilar(texts[900]!).map((m) => m.id)).toEqual([900]);
    expect(index.findSimilar(texts[999]!).map((m) => m.id)).toEqual([999]);
  });

  it('forgets in insertion order through many windows, with removals and re-adds out of order, and its memory stays bounded', () => {
    const M = 400;
    const texts = randomTexts(5_000, 13);
    const sigs = texts.map((t) => signature(t)!);
    const index = createNearDuplicateIndex({ maxItems: M });
    // Reference: ids in the order they were (re-)added, minus removed ones.
    const order: number[] = [];
    const removed = new Set<number>();
    let state = 99;
    const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    let fullBytes = 0;
    for (let i = 0; i < texts.length; i++) {
      index.add(i, sigs[i]!);
      order.push(i);
      if (i === M - 1) fullBytes = index.memoryBytes;
      if (rand() < 0.05 && i > 10) {
        const victim = i - 1 - Math.floor(rand() * 10); // a recent one, out of order
        if (index.remove(victim)) removed.add(victim);
      }
      if (rand() < 0.02 && i > 20) {
        const back = i - Math.floor(rand() * 20); // re-added: now the newest
        index.add(back, sigs[back]!);
        removed.delete(back);
        order.splice(order.lastIndexOf(back), 1);
        order.push(back);
      }
      expect(index.size).toBeLessThanOrEqual(M);
    }
    const newest = order.filter((id) => !removed.has(id)).slice(-M);
    const held = new Set(order.filter((id) => index.has(id)));
    // Everything held is among the newest; nearly all of the newest are held (the oldest few can go
    // early when out-of-order removals leave an old segment partly alive).
    for (const id of held) expect(newest).toContain(id);
    expect(held.size).toBeGreaterThan(M * 0.7);
    for (const id of newest.slice(-Math.floor(M / 2))) {
      expect(index.findSimilar(sigs[id]!).map((m) => m.id)).toEqual([id]);
    }
    expect(index.findSimilar(sigs[0]!)).toEqual([]);
    // The window is a fixed number of segments: memory does not creep up with the additions.
    expect(index.memoryBytes).toBeLessThan(fullBytes * 1.6);
  });

  it('hands out only its signature parameters: an index made from them does not inherit the bound', () => {
    const bounded = createNearDuplicateIndex({ maxItems: 2 });
    expect(bounded.params).not.toHaveProperty('maxItems');
    const staged = createNearDuplicateIndex({ ...bounded.params, expectedItems: 3 });
    [RUMOUR, OTHER, ...randomTexts(2, 5)].forEach((t, i) => staged.add(i, t));
    expect(staged.size).toBe(4);
  });

  it('without a bound, keeps everything through growth', () => {
    const texts = randomTexts(3_000, 17);
    const index = createNearDuplicateIndex();
    texts.forEach((t, i) => index.add(i, t));
    expect(index.size).toBe(3_000);
    for (const i of [0, 63, 64, 65, 1_000, 2_999]) expect(index.findSimilar(texts[i]!).map((m) => m.id)).toEqual([i]);
  });
});
