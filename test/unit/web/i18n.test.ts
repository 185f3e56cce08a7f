import { describe, expect, it } from 'vitest';
import { en } from '../../../web/src/i18n/en';
import { zhCN } from '../../../web/src/i18n/zh-CN';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('translations', () => {
  it('has the same keys in English as in Chinese, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const k of keys(en)) expect(k.split('.').reduce((o: any, p) => o[p], en)).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of keys(zhCN)) {
      const get = (o: object) => k.split('.').reduce((x: any, p) => x[p], o) as string;
      expect(placeholders(get(en)), k).toEqual(placeholders(get(zhCN)));
    }
  });
});
