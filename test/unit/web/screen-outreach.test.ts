import { describe, expect, it } from 'vitest';
import { outreachFigure, outreachLines } from '../../../web/src/features/screen/screen-outreach';
import type { CategoryTotal } from '../../../server/contracts/ledger';

const total = (key: string, name: string, measure: string, quantity: number, automatic = false): CategoryTotal => ({
  key,
  name,
  measure,
  quantity,
  automatic,
  entries: automatic ? 0 : 3,
  basis: null,
});

const totals = [
  total('boards', '宣传栏', '块', 0),
  total('leaflets', '宣传单', '张', 123_456),
  total('sms', '短信', '条', 58_000),
  total('screens', '电子屏', '块', 12),
  total('talks', '宣讲', '场', 7),
  total('visits', '入户走访', '户', 3_100),
  total('rebuttals', '辟谣信息', '条', 4, true),
  total('own-media', '自有媒体新闻', '条', 86, true),
  total('outside-media', '上级媒体报道', '篇', 0, true),
  total('press-conferences', '新闻发布会', '场', 2, true),
];

describe('the big screen’s outreach tile', () => {
  it('formats figures the Chinese way with the measure word', () => {
    expect(outreachFigure(123_456, '张', 'zh-CN')).toBe('12.3万张');
    expect(outreachFigure(7, '场', 'zh-CN')).toBe('7场');
    expect(outreachFigure(123_456, '张', 'en')).toBe('123,456 张');
  });

  it('keeps categories with work done, the automatic ones always, typed ones largest first, in ledger order', () => {
    const { count, lines } = outreachLines(totals, 'zh-CN', 6);
    expect(count).toBe(8);
    expect(lines.map((l) => `${l.text} ${l.aside}`)).toEqual(['宣传单 12.3万张', '短信 5.8万条', '入户走访 3,100户', '辟谣信息 4条', '自有媒体新闻 86条', '新闻发布会 2场']);
  });

  it('says nothing was done when every figure is zero', () => {
    expect(outreachLines([total('boards', '宣传栏', '块', 0)], 'zh-CN')).toEqual({ count: 0, lines: [] });
  });
});
