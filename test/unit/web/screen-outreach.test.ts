import { describe, expect, it } from 'vitest';
import { outreachFigure, outreachLines, outreachTargets, SCREEN_TONE_COLOR } from '../../../web/src/features/screen/screen-outreach';
import type { CategoryTotal, LedgerTarget } from '../../../server/contracts/ledger';

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

describe('target progress on the outreach tile', () => {
  const target = (id: number, over: Partial<LedgerTarget> = {}): LedgerTarget => ({
    id,
    categoryKey: 'leaflets',
    unitId: null,
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    quantity: 200_000,
    createdBy: '张三',
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    progress: { actual: 123_456, ratio: 0.61728 },
    ...over,
  });
  const TODAY = '2026-11-29';

  it('formats a district-wide target running today: percentage, tone, target with measure, last day', () => {
    const m = outreachTargets([target(1)], totals, TODAY, 'zh-CN');
    // 29 of 30 days gone, 62 % done: behind the calendar.
    expect(m.get('leaflets')).toEqual({ categoryKey: 'leaflets', pct: { text: 62, fill: 62 }, tone: 'behind', target: '20万张', end: '11-30' });
    expect(outreachTargets([target(1)], totals, TODAY, 'en').get('leaflets')?.target).toBe('200,000 张');
    const over = outreachTargets([target(2, { progress: { actual: 260_000, ratio: 1.3 } })], totals, TODAY, 'zh-CN').get('leaflets')!;
    expect(over.pct).toEqual({ text: 130, fill: 100 });
    expect(over.tone).toBe('reached');
    const early = outreachTargets([target(3, { periodEnd: '2026-12-31', progress: { actual: 1, ratio: 0.45 } })], totals, TODAY, 'zh-CN').get('leaflets')!;
    expect(early.tone).toBe('onTrack');
    expect(SCREEN_TONE_COLOR[over.tone]).toMatch(/^#/);
  });

  it('leaves out unit targets and targets not covering today; takes the one ending first per category', () => {
    const m = outreachTargets(
      [
        target(1, { unitId: 4 }),
        target(2, { periodStart: '2026-10-01', periodEnd: '2026-10-31' }),
        target(3, { periodStart: '2026-11-30', periodEnd: '2026-12-31' }),
        target(4, { periodStart: '2026-01-01', periodEnd: '2026-12-31', progress: { actual: 1, ratio: 0.9 } }),
        target(5, { progress: { actual: 1, ratio: 0.2 } }),
      ],
      totals,
      TODAY,
      'zh-CN',
    );
    expect([...m.keys()]).toEqual(['leaflets']);
    expect(m.get('leaflets')?.pct.text).toBe(20);
  });

  it('keeps a targeted category on the tile even with nothing done yet', () => {
    const { lines } = outreachLines(totals, 'zh-CN', 6, new Set(['boards']));
    expect(lines[0]).toEqual({ key: 'boards', text: '宣传栏', aside: '0块' });
    expect(lines).toHaveLength(6);
    // Without targets the tile is as before.
    expect(outreachLines(totals, 'zh-CN', 6, new Set()).lines.map((l) => l.key)).toEqual(outreachLines(totals, 'zh-CN', 6).lines.map((l) => l.key));
  });
});
