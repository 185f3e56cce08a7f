import { describe, expect, it } from 'vitest';
import { sectionNumber, toChineseNumeral } from '../../../server/reports/chinese-numerals';

describe('toChineseNumeral', () => {
  it('numbers sections the way official documents do', () => {
    const expected = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
    expect(expected.map((_, i) => toChineseNumeral(i + 1))).toEqual(expected);
    expect([21, 30, 45, 99].map(toChineseNumeral)).toEqual(['二十一', '三十', '四十五', '九十九']);
  });

  it('prefixes headings with the enumeration comma', () => {
    expect(sectionNumber(0)).toBe('一、');
    expect(sectionNumber(10)).toBe('十一、');
  });

  it('rejects what it cannot spell', () => {
    for (const n of [0, -1, 100, 1.5, Number.NaN]) expect(() => toChineseNumeral(n)).toThrow(RangeError);
  });
});

describe('numbered headings', () => {
  it('numbers sections in turn and leaves an appendix unnumbered', async () => {
    const { numberedHeadings } = await import('../../../server/reports/chinese-numerals');
    expect(numberedHeadings([{ heading: '总体情况' }, { heading: '宣传产出' }, { heading: '附：数据来源', numbered: false }])).toEqual([
      '一、总体情况',
      '二、宣传产出',
      '附：数据来源',
    ]);
  });
});
