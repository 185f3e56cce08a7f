import { Converter } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { toSimplified } from '../../../server/nlp/simplify';

describe('toSimplified', () => {
  const reference = Converter({ from: 'hk', to: 'cn' });

  it('converts traditional text', () => {
    expect(toSimplified('據內部消息，緊急擴散')).toBe('据内部消息，紧急扩散');
  });

  it('returns mainland text untouched', () => {
    const s = '区政府召开专题会议，部署防汛工作。';
    expect(toSimplified(s)).toBe(s);
  });

  it('gives exactly what the converter gives, also where it skips the converter', () => {
    const samples = [
      '乾隆年间的乾坤',
      '一目瞭然',
      '\uf900有此理', // U+F900, a compatibility ideograph
      '𠮷野家',
      'abc 123',
      '',
      '臺灣 裏面 衞生 著名 显著',
    ];
    for (const s of samples) expect(toSimplified(s)).toBe(reference(s));
  });

  it('agrees with the converter on every CJK unified ideograph taken alone', () => {
    for (let c = 0x4e00; c <= 0x9fff; c++) {
      const s = String.fromCharCode(c);
      if (toSimplified(s) !== reference(s)) expect.fail(`U+${c.toString(16)} differs`);
    }
  });
});
