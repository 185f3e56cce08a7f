import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { ElForm, ElFormItem } from 'element-plus';
import type { LedgerCategory, LedgerUnit } from '../../../server/contracts/ledger';
import { ApiError } from '../../../web/src/api/client';
import { useActorName } from '../../../web/src/composables/useActorName';
import { mountOptions, settle, signInAs } from './mount-helpers';
import EntryForm from '../../../web/src/features/ledger/EntryForm.vue';
import { linkId, rumourOptions } from '../../../web/src/features/ledger/entry-form';

const api = vi.hoisted(() => ({ createLedgerEntry: vi.fn() }));
vi.mock('../../../web/src/api/ledger', () => api);
const topicsApi = vi.hoisted(() => ({ fetchTopics: vi.fn() }));
vi.mock('../../../web/src/api/topics', () => topicsApi);
const libraryApi = vi.hoisted(() => ({ fetchLibrary: vi.fn() }));
vi.mock('../../../web/src/api/library', () => libraryApi);

const units: LedgerUnit[] = [
  { id: 1, name: '城关镇', parentId: null, kind: 'township', sortOrder: 0, depth: 0 },
  { id: 2, name: '东门社区', parentId: 1, kind: 'community', sortOrder: 0, depth: 1 },
];
const categories: LedgerCategory[] = [
  { key: 'leaflets', name: '宣传单', measure: '张', automatic: false, sortOrder: 1 },
  { key: 'rebuttals', name: '辟谣', measure: '条', automatic: true, sortOrder: 2 },
];

/** A plain input in place of Element Plus' select (its popper does not run under happy-dom). */
const SelectStub = defineComponent({
  props: { modelValue: { type: [String, Number], default: undefined } },
  emits: ['update:modelValue'],
  setup(props, { emit, attrs }) {
    return () =>
      h('input', {
        'data-testid': attrs['data-testid'],
        value: props.modelValue ?? '',
        onInput: (e: Event) => emit('update:modelValue', (e.target as HTMLInputElement).value),
      });
  },
});

function mountForm() {
  const opts = mountOptions();
  const actor = useActorName();
  return mount(EntryForm, {
    attachTo: document.body,
    props: { units, categories, day: '2026-11-29', unitId: 1, today: '2026-11-29', actor },
    global: { ...opts.global, components: { ...opts.global.components, ElForm, ElFormItem }, stubs: { ElSelect: SelectStub, ElOption: true, ElDatePicker: true } },
  });
}

/** Element Plus shows a form item's error after a short debounce. */
const errorShown = async () => {
  await settle();
  await new Promise((r) => setTimeout(r, 200));
  await settle();
};

beforeEach(() => {
  signInAs('王小明');
  api.createLedgerEntry.mockReset();
  topicsApi.fetchTopics.mockReset().mockResolvedValue({ topics: [{ id: 3, name: '冬季防火' }, { id: 4, name: '反诈宣传' }] });
  libraryApi.fetchLibrary.mockReset().mockResolvedValue({ entries: [{ id: 21, claim: '自来水被污染不能喝' }], total: 1, page: 1, pageSize: 20 });
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('ledger quick entry form', () => {
  it('submits on Enter, keeps day and unit, and returns focus to the quantity', async () => {
    api.createLedgerEntry.mockImplementation(async (b) => ({ id: 9, ...b, unitName: '城关镇', categoryName: '宣传单', measure: '张', libraryId: null, topicId: null, createdBy: b.actor, createdAt: '', updatedAt: '' }));
    const w = mountForm();
    await w.get('[data-testid="ledger-category"]').setValue('leaflets');
    const qty = w.get('input[data-testid="ledger-quantity"]');
    await qty.setValue('1,200');
    await w.get('input[data-testid="ledger-note"]').setValue('  东门集市  ');
    await qty.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(api.createLedgerEntry).toHaveBeenCalledWith({ day: '2026-11-29', unitId: 1, categoryKey: 'leaflets', quantity: 1200, note: '东门集市', topicId: null, libraryId: null, actor: '王小明' });
    expect(w.emitted('saved')).toHaveLength(1);
    expect((qty.element as HTMLInputElement).value).toBe('');
    expect((w.get('input[data-testid="ledger-note"]').element as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(qty.element);
    // The category stays for the next figure of the same kind; the measure word is shown with the quantity.
    expect(w.text()).toContain('张');
    w.unmount();
  });

  it('refuses a bad quantity without calling the server', async () => {
    const w = mountForm();
    await w.get('[data-testid="ledger-category"]').setValue('leaflets');
    await w.get('input[data-testid="ledger-quantity"]').setValue('-3');
    await w.get('[data-testid="ledger-submit"]').trigger('click');
    await errorShown();
    expect(api.createLedgerEntry).not.toHaveBeenCalled();
    expect(w.text()).toContain('请输入不小于 0 的数字');
    w.unmount();
  });

  it('shows the server’s 422 errors next to the fields they name', async () => {
    api.createLedgerEntry.mockRejectedValue(new ApiError(422, 'validation_failed', 'bad', [{ path: 'day', message: '2026-11-30 is in the future' }]));
    const w = mountForm();
    await w.get('[data-testid="ledger-category"]').setValue('leaflets');
    await w.get('input[data-testid="ledger-quantity"]').setValue('5');
    await w.get('[data-testid="ledger-submit"]').trigger('click');
    await errorShown();
    const items = w.findAll('.el-form-item');
    const dayItem = items.find((i) => i.text().includes('日期'))!;
    expect(dayItem.text()).toContain('2026-11-30 is in the future');
    // The typed figure stays, to be corrected.
    expect((w.get('input[data-testid="ledger-quantity"]').element as HTMLInputElement).value).toBe('5');
    w.unmount();
  });

  it('sends the linked topic and rumour when chosen, keeps them for the next figure, and sends null once cleared', async () => {
    api.createLedgerEntry.mockImplementation(async (b) => ({ id: 9, ...b, unitName: '城关镇', categoryName: '宣传单', measure: '张', createdBy: b.actor, createdAt: '', updatedAt: '' }));
    const w = mountForm();
    await settle();
    expect(topicsApi.fetchTopics).toHaveBeenCalledTimes(1);
    await w.get('[data-testid="ledger-category"]').setValue('leaflets');
    await w.get('[data-testid="ledger-topic"]').setValue('3');
    await w.get('[data-testid="ledger-rumour"]').setValue('21');
    const qty = w.get('input[data-testid="ledger-quantity"]');
    await qty.setValue('500');
    await qty.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(api.createLedgerEntry).toHaveBeenLastCalledWith(expect.objectContaining({ quantity: 500, topicId: 3, libraryId: 21 }));

    // The next output of the same campaign: the links are still set.
    await qty.setValue('20');
    await qty.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(api.createLedgerEntry).toHaveBeenLastCalledWith(expect.objectContaining({ quantity: 20, topicId: 3, libraryId: 21 }));

    // Cleared (Element Plus clears to an empty value): null, so the server stores no link.
    await w.get('[data-testid="ledger-topic"]').setValue('');
    await w.get('[data-testid="ledger-rumour"]').setValue('');
    await qty.setValue('7');
    await qty.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(api.createLedgerEntry).toHaveBeenLastCalledWith(expect.objectContaining({ quantity: 7, topicId: null, libraryId: null }));
    w.unmount();
  });

  it('places the link selects after the note, so the Tab path unit → category → quantity is unchanged', async () => {
    const w = mountForm();
    await settle();
    const order = w.findAll('[data-testid]').map((e) => e.attributes('data-testid')).filter((id) => id !== 'ledger-day');
    expect(order).toEqual(['ledger-unit', 'ledger-category', 'ledger-quantity', 'ledger-note', 'ledger-topic', 'ledger-rumour', 'ledger-submit']);
    w.unmount();
  });
});

describe('link options', () => {
  it('reads a select value as an id or null', () => {
    expect(linkId(3)).toBe(3);
    expect(linkId('21')).toBe(21);
    expect(linkId('')).toBeNull();
    expect(linkId(undefined)).toBeNull();
    expect(linkId(null)).toBeNull();
    expect(linkId(0)).toBeNull();
    expect(linkId('x')).toBeNull();
  });

  it('keeps the chosen rumour listed when a new search no longer finds it', () => {
    const chosen = { id: 5, claim: '旧谣言' };
    expect(rumourOptions([{ id: 6, claim: '新' }], chosen)).toEqual([chosen, { id: 6, claim: '新' }]);
    expect(rumourOptions([{ id: 5, claim: '旧谣言' }], chosen)).toEqual([chosen]);
    expect(rumourOptions([], null)).toEqual([]);
  });
});
