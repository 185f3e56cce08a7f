import { describe, expect, it } from 'vitest';
import { createKeywordExtractor, tokenize } from '../../../server/nlp/keywords';
import { CHINESE_STOP_WORDS, isKeywordCandidate } from '../../../server/nlp/stop-words';

// Made-up texts, written for these tests.
const METRO_NOTICE =
  '【出行提示】因设备改造施工，地铁5号线青柳路站至南湖公园站区间将于本周六起临时封闭，地铁公司表示，' +
  '封闭期间将开通接驳公交，请市民提前规划出行路线。记者从区交通局获悉，地铁恢复运营时间另行通知。' +
  '转发微博 网页链接 责任编辑：王某 来源：某某新闻客户端 视频 图片';

const WEIBO_POST =
  '//@热心市民小李: 大家注意！[哈哈][doge] 听说青柳路菜市场明天要拆迁了，菜市场的摊主们都很着急 http://t.cn/A6abcdEf ' +
  '#青柳路菜市场拆迁# 转发 评论 点赞 展开全文';

describe('createKeywordExtractor', () => {
  const extractor = createKeywordExtractor();

  it('puts the subject of a notice among the top keywords', () => {
    const words = extractor.extract(METRO_NOTICE, 5).map((k) => k.word);
    expect(words.slice(0, 3)).toContain('地铁');
  });

  it('returns no stop words, boilerplate, numbers or single characters', () => {
    const words = extractor.extract(METRO_NOTICE, 50).map((k) => k.word);
    expect(words.length).toBeGreaterThan(5);
    for (const w of words) {
      expect(CHINESE_STOP_WORDS.has(w), w).toBe(false);
      expect([...w].length, w).toBeGreaterThanOrEqual(2);
      expect(w, w).not.toMatch(/^\d+$/u);
    }
    for (const noise of ['表示', '转发', '微博', '网页链接', '网页', '链接', '记者', '责任编辑', '来源', '视频', '图片', '获悉']) {
      expect(words, noise).not.toContain(noise);
    }
  });

  it('drops links, emoticon codes and repost mentions but keeps the content', () => {
    const words = extractor.extract(WEIBO_POST, 20).map((k) => k.word);
    expect(words).toContain('菜市场');
    expect(words).toContain('拆迁');
    for (const noise of ['http', 't', 'cn', 'A6abcdEf', '哈哈', 'doge', '热心市民小李', '小李', '点赞', '全文']) {
      expect(words, noise).not.toContain(noise);
    }
  });

  it('keeps place names', () => {
    const words = extractor.extract('浦东新区和海淀区今天同时发布暴雨预警，浦东新区多处道路积水。', 10).map((k) => k.word);
    expect(words).toContain('浦东新区');
    expect(words).toContain('海淀区');
    expect(words).toContain('暴雨');
  });

  it('orders by weight and honours the limit', () => {
    const keywords = extractor.extract(METRO_NOTICE, 4);
    expect(keywords).toHaveLength(4);
    for (let i = 1; i < keywords.length; i++) {
      expect(keywords[i - 1]!.weight).toBeGreaterThanOrEqual(keywords[i]!.weight);
    }
    expect(extractor.extract(METRO_NOTICE, 0)).toEqual([]);
    expect(createKeywordExtractor({ defaultLimit: 2 }).extract(METRO_NOTICE)).toHaveLength(2);
  });

  it('gives [] for empty and garbage input', () => {
    for (const text of ['', '   \n\t', '！！！。。。，，，', '1234567890 42', 'http://example.com/a?b=1', '的了是在和就都而及与着或', '\ud800\udc00'.repeat(5), '\ud800']) {
      expect(extractor.extract(text), JSON.stringify(text)).toEqual([]);
    }
    expect(extractor.extract(undefined as unknown as string)).toEqual([]);
  });

  it('reads only the first maxChars characters', () => {
    const text = `${'地铁站临时封闭。'.repeat(10)}${'火灾'.repeat(20)}`;
    const words = createKeywordExtractor({ maxChars: 80 }).extract(text, 20).map((k) => k.word);
    expect(words).toContain('地铁站');
    expect(words).not.toContain('火灾');
    // The default cap still reaches it.
    expect(extractor.extract(text, 20).map((k) => k.word)).toContain('火灾');
  });

  it('handles a very long text', () => {
    const text = '暴雨导致青柳路积水，市民出行受到影响。'.repeat(50_000);
    const words = extractor.extract(text, 5).map((k) => k.word);
    expect(words.length).toBeGreaterThan(0);
    expect(words).toContain('暴雨');
  });

  it('leaves out the extractor’s extra stop words', () => {
    const plain = extractor.extract(METRO_NOTICE, 20).map((k) => k.word);
    expect(plain).toContain('青柳路');
    const words = createKeywordExtractor({ extraStopWords: ['青柳路', '地铁'] })
      .extract(METRO_NOTICE, 20)
      .map((k) => k.word);
    expect(words).not.toContain('青柳路');
    expect(words).not.toContain('地铁');
    expect(words.length).toBeGreaterThan(5);
  });
});

describe('tokenize', () => {
  it('returns candidate words in reading order with repeats', () => {
    expect(tokenize('地铁停运，地铁公司表示正在抢修。')).toEqual(['地铁', '停运', '地铁', '公司', '抢修']);
  });

  it('gives [] for empty input', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('。。。')).toEqual([]);
  });
});

describe('isKeywordCandidate', () => {
  it('accepts content words and drops noise', () => {
    for (const w of ['地铁', '浦东新区', '5G', 'AI', '𠮷野家']) expect(isKeywordCandidate(w), w).toBe(true);
    for (const w of ['地', '表示', '2024', '三十', '两个', '第一', 'http', 'www', '地铁!', '❤❤', '']) {
      expect(isKeywordCandidate(w), w).toBe(false);
    }
  });

  it('drops identifiers (hashes, UUID pieces, order numbers) and keeps short mixed words', () => {
    for (const w of ['000190368ff2', 'a1b2c3d4', 'sn20231107ab', 'order12345']) expect(isKeywordCandidate(w), w).toBe(false);
    for (const w of ['5g', 'h1n1', 'covid19', 'iphone15', 'deadbeef', 'facebook']) expect(isKeywordCandidate(w), w).toBe(true);
  });
});
