import { describe, expect, it } from 'vitest';
import { normaliseText, normaliseTextWithOffsets } from '../../../server/nlp/normalise';

describe('normaliseText', () => {
  it('folds full-width letters, digits and punctuation to half-width and lower-cases Latin', () => {
    expect(normaliseText('ＷＨＯ公布２０２４年数据！')).toBe('who公布2024年数据!');
    expect(normaliseText('APP Store')).toBe('app store');
  });

  it('converts traditional characters to simplified', () => {
    expect(normaliseText('網傳這個消息是謠言')).toBe('网传这个消息是谣言');
    expect(normaliseText('臺灣的衞生部門')).toBe('台湾的卫生部门');
  });

  it('leaves correct simplified text alone (显著 must not become 显着)', () => {
    expect(normaliseText('效果显著的著名药物')).toBe('效果显著的著名药物');
  });

  it('removes zero-width characters, bidi controls and variation selectors', () => {
    expect(normaliseText('紧\u200b急\u200c扩\u200d散\ufeff')).toBe('紧急扩散');
    expect(normaliseText('封\u202e城\u2066了\u2069')).toBe('封城了');
    expect(normaliseText('速\u2060转')).toBe('速转');
    expect(normaliseText('好\ufe0f的')).toBe('好的');
  });

  it('removes emoji, symbols, spaces and separators inserted between Chinese characters', () => {
    expect(normaliseText('明天封❤城')).toBe('明天封城');
    expect(normaliseText('明天封❤️城')).toBe('明天封城');
    expect(normaliseText('封.城')).toBe('封城');
    expect(normaliseText('封 城')).toBe('封城');
    expect(normaliseText('封　城')).toBe('封城'); // ideographic space
    expect(normaliseText('板-蓝-根')).toBe('板蓝根');
    expect(normaliseText('内😀部*消_息')).toBe('内部消息');
    expect(normaliseText('谣 ★ 言')).toBe('谣言');
  });

  it('keeps separators that are not between two Chinese characters', () => {
    expect(normaliseText('2024-05-01 上午')).toBe('2024-05-01 上午');
    expect(normaliseText('hello world')).toBe('hello world');
    expect(normaliseText('👍好')).toBe('👍好');
  });

  it('keeps clause punctuation and line breaks, so phrases are not glued across clauses', () => {
    expect(normaliseText('不是，谣言')).toBe('不是,谣言');
    expect(normaliseText('道路施工。封闭')).toBe('道路施工。封闭');
    expect(normaliseText('通知\n各街道')).toBe('通知\n各街道');
  });

  it('keeps long filler runs (layout, not evasion)', () => {
    expect(normaliseText('标题==========正文')).toBe('标题==========正文');
  });

  it('returns the same string for empty and already-normal input', () => {
    expect(normaliseText('')).toBe('');
    const plain = '区政府召开安全生产工作会议';
    expect(normaliseText(plain)).toBe(plain);
  });

  it('is idempotent', () => {
    for (const s of ['網傳封❤城', 'ＡＢＣ 板-蓝-根', '紧\u200b急']) {
      const once = normaliseText(s);
      expect(normaliseText(once)).toBe(once);
    }
  });
});

describe('normaliseTextWithOffsets', () => {
  it('gives the same text as normaliseText for ordinary input', () => {
    for (const s of ['網傳封❤城', 'ＡＢＣ 板-蓝-根', '紧\u200b急扩散', '区委宣传部\n召开会议', '👍很好']) {
      expect(normaliseTextWithOffsets(s).text).toBe(normaliseText(s));
    }
  });

  it('maps each output character back to its source index', () => {
    const src = '网传封❤城';
    const { text, offsets } = normaliseTextWithOffsets(src);
    expect(text).toBe('网传封城');
    expect(offsets).toEqual([0, 1, 2, 4]);
    const at = text.indexOf('封城');
    const start = offsets[at] ?? -1;
    const end = (offsets[at + 1] ?? -1) + 1;
    expect(src.slice(start, end)).toBe('封❤城');
  });

  it('maps expanded NFKC output (… → ...) to the one source character', () => {
    const { text, offsets } = normaliseTextWithOffsets('a…b');
    expect(text).toBe('a...b');
    expect(offsets).toEqual([0, 1, 1, 1, 2]);
  });

  it('has one offset per output code unit', () => {
    const { text, offsets } = normaliseTextWithOffsets('ＡＢ網傳😀謠言');
    expect(offsets).toHaveLength(text.length);
  });
});
