import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LedgerEntry } from '../../../server/contracts/ledger';
import { useActorName } from '../../../web/src/composables/useActorName';
import { mountOptions, settle } from './mount-helpers';
import DayEntries from '../../../web/src/features/ledger/DayEntries.vue';

const api = vi.hoisted(() => ({ fetchLedgerDayEntries: vi.fn(), updateLedgerEntry: vi.fn(), deleteLedgerEntry: vi.fn() }));
vi.mock('../../../web/src/api/ledger', () => api);
const topicsApi = vi.hoisted(() => ({ fetchTopics: vi.fn() }));
vi.mock('../../../web/src/api/topics', () => topicsApi);
const libraryApi = vi.hoisted(() => ({ fetchLibraryEntry: vi.fn() }));
vi.mock('../../../web/src/api/library', () => libraryApi);

const entry = (id: number, over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id,
  day: '2026-11-29',
  unitId: 1,
  unitName: '城关镇',
  categoryKey: 'leaflets',
  categoryName: '宣传单',
  measure: '张',
  quantity: 100,
  note: null,
  libraryId: null,
  topicId: null,
  createdBy: '王小明',
  createdAt: '',
  updatedAt: '',
  ...over,
});

beforeEach(() => {
  api.fetchLedgerDayEntries.mockReset();
  topicsApi.fetchTopics.mockReset().mockResolvedValue({ topics: [{ id: 3, name: '冬季防火' }] });
  libraryApi.fetchLibraryEntry.mockReset();
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the day’s entries', () => {
  it('tags an entry with its linked topic and rumour, as text, linking to them', async () => {
    api.fetchLedgerDayEntries.mockResolvedValue({ entries: [entry(1, { topicId: 3, libraryId: 21 }), entry(2)], total: 2, page: 1, pageSize: 500 });
    libraryApi.fetchLibraryEntry.mockResolvedValue({ id: 21, claim: '<i>自来水</i>被污染' });
    const opts = mountOptions();
    const w = mount(DayEntries, { props: { day: '2026-11-29', unitId: 1, unitName: '城关镇', refreshKey: 0, actor: useActorName() }, ...opts });
    await settle();
    const rows = w.findAll('[data-testid="ledger-entry-row"]');
    expect(rows[0]!.get('[data-testid="ledger-entry-topic"]').text()).toBe('专题：冬季防火');
    expect(rows[0]!.get('[data-testid="ledger-entry-topic"]').attributes('href')).toBe('/topics/3');
    const rumour = rows[0]!.get('[data-testid="ledger-entry-rumour"]');
    expect(rumour.text()).toBe('谣言：<i>自来水</i>被污染');
    expect(rumour.find('i').exists()).toBe(false);
    expect(rumour.attributes('href')).toBe('/library/21');
    expect(rows[1]!.find('[data-testid="ledger-entry-topic"]').exists()).toBe(false);
    expect(libraryApi.fetchLibraryEntry).toHaveBeenCalledTimes(1);
    w.unmount();
  });

  it('shows the id when a name cannot be loaded, and asks nothing without links', async () => {
    api.fetchLedgerDayEntries.mockResolvedValue({ entries: [entry(1, { libraryId: 8 })], total: 1, page: 1, pageSize: 500 });
    libraryApi.fetchLibraryEntry.mockRejectedValue(new Error('gone'));
    const w = mount(DayEntries, { props: { day: '2026-11-29', unitId: 1, unitName: '城关镇', refreshKey: 0, actor: useActorName() }, ...mountOptions() });
    await settle();
    expect(w.get('[data-testid="ledger-entry-rumour"]').text()).toBe('谣言：#8');
    expect(topicsApi.fetchTopics).not.toHaveBeenCalled();
    w.unmount();
  });
});
