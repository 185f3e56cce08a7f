import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../web/src/api/client';
import { useActorName } from '../../../web/src/composables/useActorName';
import type { PressCandidate } from '../../../web/src/api/ledger';
import { mountOptions, settle, testRouter, signInAs } from './mount-helpers';

const api = vi.hoisted(() => ({ fetchPressConferences: vi.fn(), putPressConference: vi.fn(), fetchDistrict: vi.fn(), putDistrict: vi.fn() }));
vi.mock('../../../web/src/api/ledger', () => api);

const { default: PressConferences } = await import('../../../web/src/features/ledger/PressConferences.vue');
const { default: DistrictProfile } = await import('../../../web/src/features/ledger/DistrictProfile.vue');

const candidate = (itemId: number, over: Partial<PressCandidate> = {}): PressCandidate => ({
  itemId,
  title: `区政府召开新闻发布会 ${itemId}`,
  url: `https://example.gov.cn/news/${itemId}`,
  sourceId: 'gov-news',
  day: '2026-11-20',
  state: 'recognised',
  decidedBy: null,
  decidedAt: null,
  counted: false,
  conferenceId: itemId,
  ...over,
});

beforeEach(() => {
  localStorage.clear();
  signInAs('赵审核');
});
afterEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
});

describe('press conference candidates', () => {
  it('opens the period’s candidates, renders titles as text linking to the item, and confirms one', async () => {
    api.fetchPressConferences.mockResolvedValue({ candidates: [candidate(11, { title: '<b>发布会</b>通报' }), candidate(12), candidate(13, { conferenceId: 11, title: '转载：区政府新闻发布会' })] });
    api.putPressConference.mockResolvedValue(candidate(11, { title: '<b>发布会</b>通报', state: 'confirmed', counted: true, decidedBy: '赵审核', decidedAt: '2026-11-28T02:00:00Z' }));
    const opts = mountOptions(testRouter());
    const actor = useActorName();
    const w = mount(PressConferences, { ...opts, props: { from: '2026-11-01', to: '2026-11-28', actor }, attachTo: document.body });
    await settle();
    expect(api.fetchPressConferences).not.toHaveBeenCalled();

    await w.get('[data-testid="ledger-press-toggle"]').trigger('click');
    await settle();
    expect(api.fetchPressConferences).toHaveBeenCalledWith('2026-11-01', '2026-11-28');
    const row = w.get('[data-testid="press-row-11"]');
    expect(row.find('b').exists()).toBe(false);
    expect(row.text()).toContain('<b>发布会</b>通报');
    expect(row.get('a').attributes('href')).toBe('/items/11');
    expect(row.get('[data-testid="press-state-11"]').text()).toBe('待核对');

    await w.get('[data-testid="press-confirm-11"]').trigger('click');
    await settle();
    expect(api.putPressConference).toHaveBeenCalledWith(11, 'confirmed', '赵审核');
    const updated = w.get('[data-testid="press-row-11"]');
    expect(updated.attributes('data-state')).toBe('confirmed');
    expect(updated.get('[data-testid="press-state-11"]').text()).toBe('已确认');
    expect(updated.text()).toContain('已计入');
    expect(updated.text()).toContain('2026-11-28 10:00');
    expect(updated.find('[data-testid="press-confirm-11"]').exists()).toBe(false);
    expect(w.get('[data-testid="press-row-12"]').attributes('data-state')).toBe('recognised');
    // Another outlet's report of the same conference follows the decision, but is not counted twice.
    expect(w.get('[data-testid="press-row-13"]').attributes('data-state')).toBe('confirmed');
    expect(w.get('[data-testid="press-row-13"]').text()).not.toContain('已计入');
    expect(w.emitted('changed')).toHaveLength(1);
    w.unmount();
  });

  it('rejects one, and shows the error state when the list fails', async () => {
    api.fetchPressConferences.mockResolvedValueOnce({ candidates: [candidate(12)] });
    api.putPressConference.mockResolvedValue(candidate(12, { state: 'rejected', decidedBy: '赵审核', decidedAt: '2026-11-28T02:00:00Z' }));
    const opts = mountOptions(testRouter());
    const w = mount(PressConferences, { ...opts, props: { from: '2026-11-01', to: '2026-11-28', actor: useActorName() }, attachTo: document.body });
    await w.get('[data-testid="ledger-press-toggle"]').trigger('click');
    await settle();
    await w.get('[data-testid="press-reject-12"]').trigger('click');
    await settle();
    expect(api.putPressConference).toHaveBeenCalledWith(12, 'rejected', '赵审核');
    expect(w.get('[data-testid="press-state-12"]').text()).toBe('已排除');

    api.fetchPressConferences.mockRejectedValueOnce(new ApiError(404, 'not_found', 'Not Found'));
    await w.setProps({ from: '2026-10-01' });
    await settle();
    expect(w.find('[data-testid="state-error"]').exists()).toBe(true);
    w.unmount();
  });
});

describe('district profile', () => {
  it('starts empty when unset (404) and saves the name with parsed aliases', async () => {
    api.fetchDistrict.mockRejectedValue(new ApiError(404, 'not_found', 'district not set'));
    api.putDistrict.mockResolvedValue({ name: '清河区', aliases: ['清河', '清河县'] });
    const opts = mountOptions(testRouter());
    const w = mount(DistrictProfile, { ...opts, props: { actor: useActorName() }, attachTo: document.body });
    await settle();
    expect(w.find('[data-testid="ledger-district-unset"]').exists()).toBe(true);
    await w.get('input[data-testid="ledger-district-name"]').setValue('清河区');
    await w.get('input[data-testid="ledger-district-aliases"]').setValue('清河、清河县，清河');
    await w.get('form').trigger('submit');
    await settle();
    expect(api.putDistrict).toHaveBeenCalledWith({ name: '清河区', aliases: ['清河', '清河县'], actor: '赵审核' });
    expect(w.find('[data-testid="ledger-district-unset"]').exists()).toBe(false);
    w.unmount();
  });
});
