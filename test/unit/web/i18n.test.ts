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

describe('translations used by the code', () => {
  const sources = import.meta.glob('../../../web/src/**/*.{ts,vue}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

  it('exist for every literal key passed to t()', () => {
    const known = new Set(keys(zhCN));
    const missing: string[] = [];
    for (const [file, src] of Object.entries(sources)) {
      for (const m of src.matchAll(/\bt\(\s*'([\w.-]+)'/g)) if (!known.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('exist for every dynamic key family (t(`prefix.${x}`)) as a group', () => {
    // Every object-valued key at any depth ("ledger.import.error" too).
    const groupsOf = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? [`${prefix}${k}`, ...groupsOf(v as object, `${prefix}${k}.`)] : []));
    const groups = new Set(groupsOf(zhCN));
    const missing: string[] = [];
    for (const [file, src] of Object.entries(sources)) {
      for (const m of src.matchAll(/\bt\(\s*`([\w.-]+)\.\$\{/g)) if (!groups.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});
