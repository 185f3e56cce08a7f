import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { CategoryTotal, LedgerTarget } from '../../../server/contracts/ledger';
import { mountOptions } from './mount-helpers';
import OutreachTile from '../../../web/src/features/screen/OutreachTile.vue';

const TODAY = '2026-11-29';
const total = (key: string, name: string, measure: string, quantity: number, automatic = false): CategoryTotal => ({ key, name, measure, quantity, automatic, entries: 1, basis: null });
const totals = [
  total('boards', '宣传栏', '块', 0),
  total('leaflets', '宣传单', '张', 123_456),
  total('sms', '短信', '条', 58_000),
  total('screens', '电子屏', '块', 12),
  total('talks', '宣讲', '场', 7),
  total('visits', '入户走访', '户', 3_100),
  total('rebuttals', '辟谣信息', '条', 4, true),
];
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

describe('the outreach tile (OutreachTile.vue)', () => {
  it('draws a bar per targeted figure with its percentage text', () => {
    const w = mount(OutreachTile, {
      props: { totals: { from: '2026-11-01', to: TODAY, unitId: null, totals }, state: 'done', targets: [target(1), target(9, { categoryKey: 'sms', unitId: 2 })], today: TODAY },
      ...mountOptions(),
    });
    const goals = w.findAll('[data-testid="screen-outreach-target"]');
    expect(goals).toHaveLength(1);
    expect(goals[0]!.text()).toBe('目标 20万张，至 11-30，完成 62%');
    const bar = goals[0]!.get('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('62');
    expect(bar.attributes('aria-label')).toBe('宣传单目标完成 62%（落后于进度）');
    expect(w.findAll('[data-testid="screen-outreach-line"]')).toHaveLength(6);
    w.unmount();
    const loading = mount(OutreachTile, { props: { totals: null, state: 'error', targets: null, today: TODAY }, ...mountOptions() });
    expect(loading.text()).toBe('加载失败');
  });
});
