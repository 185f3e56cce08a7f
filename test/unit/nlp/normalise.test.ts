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

describe('normaliseText: decoration and evasions', () => {
  it('removes combining marks stacked on Chinese characters (strike-through, "Zalgo")', () => {
    expect(normaliseText('封\u0336城\u0336')).toBe('封城');
    expect(normaliseText('谣\u0301\u0302\u0303言')).toBe('谣言');
    expect(normaliseText('封\u0336 ❤\u20dd 城')).toBe('封城');
    // On Latin letters a mark is a diacritic and stays (NFKC composes the common ones).
    expect(normaliseText('cafe\u0301')).toBe('café');
    expect(normaliseText('a\u0336b')).toBe('a\u0336b');
  });

  it('removes more decorative symbols and blank-looking characters between Chinese characters', () => {
    expect(normaliseText('封©城')).toBe('封城');
    expect(normaliseText('内※部†消息')).toBe('内部消息');
    expect(normaliseText('封⠀城')).toBe('封城'); // braille blank
    expect(normaliseText('封〜城')).toBe('封城');
    expect(normaliseText('紧\u3164急\u115f扩\uffa0散')).toBe('紧急扩散'); // Hangul fillers
    expect(normaliseText('速\u{1d11e}转')).toBe('速转'); // musical symbol
  });

  it('keeps those symbols where they carry meaning', () => {
    expect(normaliseText('气温38°c')).toBe('气温38°c');
    expect(normaliseText('视力′′两不误′′')).toBe('视力′′两不误′′'); // primes used as quotes
    expect(normaliseText('©2024 区融媒体中心')).toBe('©2024 区融媒体中心');
  });

  it('folds enclosed and styled letters and digits (NFKC)', () => {
    expect(normaliseText('Ⓦⓗⓞ 说')).toBe('who 说');
    expect(normaliseText('𝐂𝐎𝐕𝐈𝐃疫苗')).toBe('covid疫苗');
    expect(normaliseText('①号线')).toBe('1号线');
  });

  it('folds Greek and Cyrillic look-alikes inside Latin words only', () => {
    expect(normaliseText('Соvid-19')).toBe('covid-19'); // Cyrillic С and о
    expect(normaliseText('WΗΟ说')).toBe('who说'); // Greek Η and Ο
    expect(normaliseText('Москва')).toBe('Москва');
    expect(normaliseText('αβγ')).toBe('αβγ');
    // И has no Latin look-alike: two languages written together, left alone.
    expect(normaliseText('peaceМИР')).toBe('peaceМИР');
  });

  it('restores key words spelled in pinyin, with initials or split characters', () => {
    expect(normaliseText('武汉yi情严重')).toBe('武汉疫情严重');
    expect(normaliseText('YI情')).toBe('疫情');
    expect(normaliseText('明天封cheng了')).toBe('明天封城了');
    expect(normaliseText('新guan疫苗')).toBe('新冠疫苗');
    expect(normaliseText('要封土成了')).toBe('要封城了');
    expect(normaliseText('正攵府不管')).toBe('政府不管');
    expect(normaliseText('这是yao言')).toBe('这是谣言');
    expect(normaliseText('武汉yiqing严重')).toBe('武汉疫情严重');
    expect(normaliseText('由zf和开发商')).toBe('由政府和开发商');
    expect(normaliseText('今天去做hs了')).toBe('今天去做核酸了');
  });

  it('leaves Latin that is not a whole spelled-out key word alone', () => {
    expect(normaliseText('封chengdu')).toBe('封chengdu'); // the Latin run goes on
    expect(normaliseText('yiqing')).toBe('yiqing'); // all Latin, no Chinese beside it
    expect(normaliseText('hs code 8471')).toBe('hs code 8471');
    expect(normaliseText('zfb转账')).toBe('zfb转账');
    expect(normaliseText('土成分析')).toBe('土成分析'); // a split form alone is not the key word
    expect(normaliseText('feng cheng')).toBe('feng cheng'); // spaced pinyin: not handled
  });

  it('is idempotent on the new cases', () => {
    for (const s of ['封\u0336城', 'Соvid', '武汉yi情', '封土成', '封⠀城', 'zf不管']) {
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

  it('maps a restored key word to the whole spelled-out form', () => {
    const src = '明天封cheng了';
    const { text, offsets } = normaliseTextWithOffsets(src);
    expect(text).toBe('明天封城了');
    expect(offsets).toHaveLength(text.length);
    const at = text.indexOf('封城');
    expect(src.slice(offsets[at], (offsets[at + 1] ?? 0) + 1)).toBe('封cheng');
    expect(normaliseTextWithOffsets('武汉yi情').text).toBe(normaliseText('武汉yi情'));
  });

  it('has one offset per output code unit', () => {
    const { text, offsets } = normaliseTextWithOffsets('ＡＢ網傳😀謠言');
    expect(offsets).toHaveLength(text.length);
  });

  it('gives the same answer for a text seen before, also once many others (and very long ones) came between', () => {
    const filler = '網傳明天全區停水，請大家互相轉告'.repeat(40);
    const expected = (i: number) => `网传明天全区停水,请大家互相转告${i}`;
    expect(normaliseText(`網傳明天全區停水，請大家互相轉告${0}`)).toBe(expected(0));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 1_500; i++) expect(normaliseText(`網傳明天全區停水，請大家互相轉告${i}`)).toBe(expected(i));
      for (let i = 0; i < 300; i++) expect(normaliseText(`${filler}${i}`)).toBe(`${normaliseText(filler)}${i}`);
      const huge = `${filler.repeat(50)}謠言`;
      expect(normaliseText(huge).endsWith('谣言')).toBe(true);
      expect(normaliseText(huge)).toBe(normaliseText(huge));
    }
  });
});
