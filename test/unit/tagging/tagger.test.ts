import { describe, expect, it } from 'vitest';
import type { Reason } from '../../../server/contracts/item';
import { Reason as ReasonSchema } from '../../../server/contracts/item';
import { createTagger, type TagInput } from '../../../server/tagging/tagger';

const tagger = createTagger();
const post = (title: string, body = ''): TagInput => ({ title, body, kind: 'post' });
const allMatches = (reasons: Reason[]) => reasons.flatMap((r) => r.matches);

describe('createTagger: rumours', () => {
  it('tags a lockdown rumour with 紧急扩散 and names the phrases', () => {
    const r = tagger.tag(post('紧急扩散！', '听说我们区明天开始封城，大家快去超市。'));
    expect(r.tags).toEqual(['rumor-suspect']);
    expect(r.score).toBeGreaterThanOrEqual(0.5);
    const spread = r.reasons.find((x) => x.code === 'marker-phrase' && x.matches.includes('紧急扩散'));
    expect(spread?.label).toMatch(/扩散/);
    expect(allMatches(r.reasons)).toEqual(expect.arrayContaining(['紧急扩散', '封城']));
    expect(r.reasons.some((x) => x.code === 'claim-pattern')).toBe(true);
    // Each names its signal, for the dashboard to word in the reader's language.
    expect(r.reasons.find((x) => x.matches.includes('封城'))?.signal).toBe('claim-lockdown');
    expect(spread?.signal).toMatch(/^(spread|alarm)$/);
  });

  it('tags "网传喝板蓝根可以预防新冠肺炎" as a cure claim', () => {
    const r = tagger.tag(post('网传喝板蓝根可以预防新冠肺炎'));
    expect(r.tags).toEqual(['rumor-suspect']);
    expect(allMatches(r.reasons)).toEqual(expect.arrayContaining(['网传', '板蓝根']));
    expect(r.reasons.find((x) => x.code === 'claim-pattern')?.label).toMatch(/预防|治愈|偏方/);
  });

  it('reads through evasions: traditional script, inserted symbols, zero-width characters', () => {
    const r = tagger.tag(post('緊急擴散！明天封❤城，趕\u200b緊囤米'));
    expect(r.tags).toEqual(['rumor-suspect']);
    expect(allMatches(r.reasons)).toEqual(expect.arrayContaining(['紧急扩散', '赶紧囤']));
  });

  it('treats "这不是谣言，是真的，赶紧转" as a rumour, not a rebuttal', () => {
    const r = tagger.tag(post('这不是谣言，是真的，赶紧转'));
    expect(r.tags).toEqual(['rumor-suspect']);
    expect(r.tags).not.toContain('rebuttal');
    expect(r.reasons.find((x) => x.code === 'negated-rebuttal')?.matches).toContain('不是谣言');
    expect(r.reasons.some((x) => x.code === 'rebuttal-phrase')).toBe(false);
  });

  it('reads a negated debunk word with words in between as a denial', () => {
    const r = tagger.tag(post('根本不是什么谣言，别信什么辟谣'));
    expect(r.tags).toEqual(['rumor-suspect']);
    expect(r.reasons.every((x) => x.code !== 'rebuttal-phrase')).toBe(true);
  });

  it('counts a plea for a debunk (求辟谣) as unverified, not as a rebuttal', () => {
    const r = tagger.tag(post('求辟谣：听说城东水库要溃坝了'));
    expect(r.tags).toEqual(['rumor-suspect']);
    expect(allMatches(r.reasons)).toContain('求辟谣');
  });

  it('needs hearsay before a death or explosion counts as a claim', () => {
    const news = tagger.tag({ title: '化工厂发生爆炸', body: '事故造成2人死亡，原因正在调查。', kind: 'news' });
    expect(news.tags).toEqual([]);
    expect(news.reasons).toEqual([]);
    const hearsay = tagger.tag(post('据说化工厂爆炸了，死了好多人，千万别去那边'));
    expect(hearsay.reasons.some((x) => x.label.includes('伤亡'))).toBe(true);
  });

  it('does not let a repeated phrase inflate the score', () => {
    const once = tagger.tag(post('据说'));
    const many = tagger.tag(post('据说据说据说据说据说据说据说据说'));
    expect(many.score).toBe(once.score);
  });
});

describe('createTagger: rebuttals', () => {
  it("tags an official debunk notice as a rebuttal, not as the rumour it quotes", () => {
    const r = tagger.tag({
      title: "关于网传'某某街道封城'的辟谣",
      body: '近日有网民在朋友圈转发“某某街道明天开始封城”的消息。经核实，该信息不实，请广大市民不信谣、不传谣。',
      kind: 'notice',
    });
    expect(r.tags).toEqual(['rebuttal']);
    expect(r.tags).not.toContain('rumor-suspect');
    expect(r.score).toBeLessThan(0.2);
    const rebuttal = r.reasons.find((x) => x.code === 'rebuttal-phrase');
    expect(rebuttal?.matches).toEqual(expect.arrayContaining(['辟谣', '经核实', '信息不实']));
    expect(r.reasons.some((x) => x.code === 'official-source')).toBe(true);
    // The quoted claim is still shown to editors, discounted.
    expect(r.reasons.find((x) => x.code === 'quoted-rumour')?.matches).toContain('封城');
  });

  it('tags a debunking post as a rebuttal too', () => {
    const r = tagger.tag(post('【辟谣】网传“喝白酒能杀灭病毒”系谣言，请勿轻信'));
    expect(r.tags).toEqual(['rebuttal']);
  });

  it('does not call a police report a rebuttal without debunk words', () => {
    const r = tagger.tag({ title: '警方通报', body: '两男子因琐事打架，已被依法处理。', kind: 'news' });
    expect(r.tags).toEqual([]);
    expect(r.reasons).toEqual([]);
  });

  it('weighs debunk language from an official source more than from a post', () => {
    const text = '该说法不属实';
    const asPost = tagger.tag(post(text));
    const asNotice = tagger.tag({ title: '', body: text, kind: 'notice' });
    expect(asNotice.tags).toEqual(['rebuttal']);
    expect(asPost.tags).toEqual([]);
  });
});

describe('createTagger: ordinary items and invariants', () => {
  it('leaves an ordinary road-works notice untagged with score 0 and no reasons', () => {
    const r = tagger.tag({
      title: '关于中山路道路施工的通知',
      body: '因雨污管网改造，中山路（解放路至人民路段）将于6月3日至6月20日半幅施工，请过往车辆减速慢行、注意绕行。',
      kind: 'notice',
    });
    expect(r).toMatchObject({ tags: [], score: 0, reasons: [] });
    expect(r.normalised).toContain('中山路道路施工');
  });

  it('discounts phrases official notices use legitimately (请大家, 务必)', () => {
    const text = '请大家务必关注天气预报，合理安排出行。';
    expect(tagger.tag({ title: '', body: text, kind: 'notice' }).tags).toEqual([]);
    expect(tagger.tag(post(text)).tags).toEqual(['rumor-suspect']);
  });

  const samples: TagInput[] = [
    post(''),
    post('紧急扩散速转求扩散不转不是中国人据内部消息赶紧囤马上就要封城明天开始封'),
    post('辟谣辟谣经核实不实系谣言纯属谣言请勿轻信不信谣不传谣'),
    { title: '通知', body: '网传'.repeat(50_000), kind: 'news' },
    post('abc'.repeat(1000)),
  ];

  it('always returns a score in [0, 1] and reasons that satisfy the contract', () => {
    for (const s of samples) {
      const r = tagger.tag(s);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      for (const reason of r.reasons) {
        expect(ReasonSchema.safeParse(reason).success).toBe(true);
        expect(reason.label.length).toBeGreaterThan(0);
      }
      expect(r.tags.length).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic, also across tagger instances', () => {
    const other = createTagger();
    for (const s of samples) expect(other.tag(s)).toEqual(tagger.tag(s));
    const s = post('网传喝板蓝根可以预防新冠肺炎');
    expect(JSON.stringify(tagger.tag(s))).toBe(JSON.stringify(tagger.tag(s)));
  });

  it('honours a configured threshold and rejects a nonsensical one', () => {
    const text = post('据说明天有大事');
    expect(createTagger({ threshold: 0.9 }).tag(text).tags).toEqual([]);
    expect(createTagger({ threshold: 0.2 }).tag(text).tags).toEqual(['rumor-suspect']);
    expect(() => createTagger({ threshold: 0 })).toThrow(RangeError);
    expect(() => createTagger({ rebuttalThreshold: 1.5 })).toThrow(RangeError);
  });
});
