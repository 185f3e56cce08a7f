import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BasisRecords, LedgerTotals } from '../../../server/contracts/ledger';
import { ApiError } from '../../../web/src/api/client';
import { mountOptions, settle } from './mount-helpers';
import TotalsPanel from '../../../web/src/features/ledger/TotalsPanel.vue';

const api = vi.hoisted(() => ({ fetchLedgerTotals: vi.fn(), fetchLedgerBasisRecords: vi.fn() }));
vi.mock('../../../web/src/api/ledger', () => api);

const FROM = '2026-11-01';
const TO = '2026-11-29';
const records = (key: string) => `/api/ledger/totals/${key}/records?from=${FROM}&to=${TO}`;

const totals: LedgerTotals = {
  from: FROM,
  to: TO,
  unitId: null,
  totals: [
    { key: 'leaflets', name: '宣传单', measure: '张', automatic: false, quantity: 1200, entries: 3, basis: null },
    { key: 'rebuttals', name: '辟谣信息', measure: '条', automatic: true, quantity: 1, entries: 0, basis: { kind: 'rebuttals', ids: [7], truncated: false, links: [records('rebuttals')] } },
    {
      key: 'own-media-news',
      name: '自有媒体新闻',
      measure: '条',
      automatic: true,
      quantity: 612,
      entries: 0,
      basis: { kind: 'items', ids: [1, 2], truncated: false, links: [records('own-media-news'), `/api/items?source=qh-news&from=${FROM}&to=${TO}`] },
    },
  ],
};

const page = (over: Partial<BasisRecords> = {}): BasisRecords => ({
  key: 'own-media-news',
  kind: 'items',
  total: 2,
  truncated: false,
  records: [
    { id: 41, title: '<b>区融媒</b>发布 & 辟谣', url: 'https://news.example/41', day: '2026-11-28', sourceId: 'qh-news' },
    { id: 40, title: '冬季防火宣传', url: null, day: '2026-11-27', sourceId: null },
  ],
  ...over,
});

function mountPanel(scope: number | null = null) {
  const opts = mountOptions();
  return mount(TotalsPanel, {
    attachTo: document.body,
    props: { from: FROM, to: TO, scope, units: [], today: TO, refreshKey: 0 },
    global: { ...opts.global, stubs: { ElDatePicker: true, ElSelect: true, ElOption: true } },
  });
}

const rowOf = (w: ReturnType<typeof mountPanel>, name: string) => w.findAll('[data-testid="ledger-total-row"]').find((r) => r.text().includes(name))!;

beforeEach(() => {
  api.fetchLedgerTotals.mockReset().mockResolvedValue(totals);
  api.fetchLedgerBasisRecords.mockReset();
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the records behind an automatic figure (明细)', () => {
  it('offers the toggle on automatic rows only and loads nothing until it is opened', async () => {
    const w = mountPanel();
    await settle();
    expect(w.findAll('[data-testid="ledger-basis-toggle"]')).toHaveLength(2);
    expect(rowOf(w, '宣传单').find('[data-testid="ledger-basis-toggle"]').exists()).toBe(false);
    expect(api.fetchLedgerBasisRecords).not.toHaveBeenCalled();
    // The own-media source link still leads to the search page; the records API is not an item link.
    const hrefs = rowOf(w, '自有媒体新闻').findAll('a').map((a) => a.attributes('href'));
    expect(hrefs).toEqual([`/search?source=qh-news&from=${FROM}&to=${TO}`]);
    w.unmount();
  });

  it('loads the records of the figure’s key and period and lists titles as text, linked to the item', async () => {
    api.fetchLedgerBasisRecords.mockResolvedValue(page());
    const w = mountPanel();
    await settle();
    const toggle = rowOf(w, '自有媒体新闻').get('[data-testid="ledger-basis-toggle"]');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    await toggle.trigger('click');
    await settle();
    expect(api.fetchLedgerBasisRecords).toHaveBeenCalledWith('own-media-news', FROM, TO);
    expect(toggle.attributes('aria-expanded')).toBe('true');
    const rows = w.findAll('[data-testid="ledger-basis-record"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('<b>区融媒</b>发布 & 辟谣');
    expect(rows[0]!.find('b').exists()).toBe(false);
    expect(rows[0]!.get('a').attributes('href')).toBe('/items/41');
    expect(rows[0]!.text()).toContain('2026-11-28');
    expect(rows[0]!.text()).toContain('qh-news');
    expect(w.find('[data-testid="ledger-basis-truncated"]').exists()).toBe(false);
    // Closing hides the list again.
    await toggle.trigger('click');
    expect(w.find('[data-testid="ledger-basis-records"]').exists()).toBe(false);
    w.unmount();
  });

  it('links rebuttals to the library and says when the list is cut at 500', async () => {
    api.fetchLedgerBasisRecords.mockResolvedValue(
      page({ key: 'rebuttals', kind: 'rebuttals', total: 812, truncated: true, records: [{ id: 7, title: '关于“自来水污染”的辟谣', url: null, day: '2026-11-20', sourceId: null }] }),
    );
    const w = mountPanel();
    await settle();
    await rowOf(w, '辟谣信息').get('[data-testid="ledger-basis-toggle"]').trigger('click');
    await settle();
    expect(api.fetchLedgerBasisRecords).toHaveBeenCalledWith('rebuttals', FROM, TO);
    expect(w.get('[data-testid="ledger-basis-record"] a').attributes('href')).toBe('/library');
    expect(w.get('[data-testid="ledger-basis-truncated"]').text()).toBe('仅列出最新 1 条，共 812 条');
    w.unmount();
  });

  it('shows the error with a retry, and an empty state', async () => {
    api.fetchLedgerBasisRecords.mockRejectedValueOnce(new ApiError(503, 'search_unavailable', 'down', []));
    const w = mountPanel();
    await settle();
    await rowOf(w, '自有媒体新闻').get('[data-testid="ledger-basis-toggle"]').trigger('click');
    await settle();
    const records = w.get('[data-testid="ledger-basis-records"]');
    expect(records.find('[data-testid="state-error"]').exists()).toBe(true);
    api.fetchLedgerBasisRecords.mockResolvedValueOnce(page({ total: 0, records: [] }));
    await records.get('[data-testid="state-error"] button').trigger('click');
    await settle();
    expect(api.fetchLedgerBasisRecords).toHaveBeenCalledTimes(2);
    expect(w.get('[data-testid="ledger-basis-records"]').find('[data-testid="state-empty"]').exists()).toBe(true);
    expect(w.text()).toContain('这一期间没有计入的记录');
    w.unmount();
  });

  it('has no toggle when the totals are for one unit (automatic figures are district-wide)', async () => {
    const w = mountPanel(3);
    await settle();
    expect(w.find('[data-testid="ledger-basis-toggle"]').exists()).toBe(false);
    w.unmount();
  });
});
