import type { Me } from '../../../server/contracts/auth';
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ElSelect } from 'element-plus';
import type { ClockReport, LibraryEntry, LibraryPage } from '../../../server/contracts/library';
import { ApiError } from '../../../web/src/api/client';
import { mountOptions, settle, signInAs, testMe } from './mount-helpers';

const api = vi.hoisted(() => ({
  fetchLibrary: vi.fn(),
  fetchClock: vi.fn(),
  postLibraryEntry: vi.fn(),
  postLibraryImport: vi.fn(),
  libraryExportUrl: (format: string) => `/api/library/export?format=${format}`,
}));
vi.mock('../../../web/src/api/library', () => api);

const { default: LibraryPageView } = await import('../../../web/src/features/library/LibraryPage.vue');

function entry(id: number, over: Partial<LibraryEntry> = {}): LibraryEntry {
  return {
    id,
    claim: `网传某小区自来水被污染 ${id}`,
    category: 'health',
    unit: '东城街道',
    rebuttalText: '经检测水质合格',
    sourceItemId: null,
    createdBy: '张三',
    createdAt: '2026-11-27T02:00:00Z',
    updatedAt: '2026-11-27T02:00:00Z',
    mergedInto: null,
    sightings: { confirmed: 10_000, suggested: 2, rebuttal: 1, manual: 2_345, lastSeenAt: '2026-11-28T01:05:00Z' },
    rebuttals: [],
    clock: { firstSeenAt: '2026-11-27T00:00:00Z', confirmedAt: '2026-11-27T02:30:00Z', rebuttedAt: null, hoursToVerdict: 2.5, hoursToRebuttal: null },
    ...over,
  };
}
const page = (entries: LibraryEntry[], total = entries.length): LibraryPage => ({ entries, total, page: 1, pageSize: 20 });
const clock: ClockReport = {
  overall: { toVerdict: { n: 12, medianHours: 3.5, p90Hours: 20 }, toRebuttal: { n: 8, medianHours: 9.2, p90Hours: 48 }, unanswered: 4 },
  byUnit: [{ unit: '东城街道', toVerdict: { n: 5, medianHours: 2, p90Hours: 6 }, toRebuttal: { n: 3, medianHours: 7, p90Hours: 12 }, unanswered: 2 }],
};

const Blank = defineComponent({ render: () => h('div') });
function router() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/library', name: 'library', component: Blank },
      { path: '/library/:id', name: 'library-entry', component: Blank },
      { path: '/items/:id', name: 'item', component: Blank },
    ],
  });
}

async function mountAt(path: string, me?: Me) {
  const r = router();
  await r.push(path);
  const w = mount(LibraryPageView, { ...mountOptions(r, me), attachTo: document.body });
  await settle();
  return { w, router: r };
}
const lastListCall = () => api.fetchLibrary.mock.calls.at(-1)![0];

beforeEach(() => {
  localStorage.clear();
  api.fetchClock.mockResolvedValue(clock);
});
afterEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
});

describe('rumour library list', () => {
  it('shows the rumour clock and the entries with sightings, last seen and rebuttal status', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-28T12:00:00Z') });
    api.fetchLibrary.mockResolvedValue(
      page([
        entry(1),
        entry(2, {
          claim: '<img src=x onerror=alert(1)>明天封城',
          rebuttals: [{ id: 3, title: '说明', url: null, channels: ['weibo'], publishedAt: '2026-11-27T06:00:00Z', text: '不实', createdBy: '张编辑' }],
          clock: { firstSeenAt: '2026-11-27T00:00:00Z', confirmedAt: '2026-11-27T01:00:00Z', rebuttedAt: '2026-11-27T06:00:00Z', hoursToVerdict: 1, hoursToRebuttal: 6 },
        }),
      ]),
    );
    const { w } = await mountAt('/library');
    vi.useRealTimers();
    expect(lastListCall()).toEqual({ q: '', category: '', merged: 'hide', page: 1, pageSize: 20 });

    const summary = w.get('[data-testid="clock-summary"]');
    expect(summary.get('[data-testid="clock-verdict"]').text()).toContain('3.5 小时');
    expect(summary.get('[data-testid="clock-verdict"]').text()).toContain('20 小时');
    expect(summary.get('[data-testid="clock-rebuttal"]').text()).toContain('48 小时');
    expect(summary.get('[data-testid="clock-unanswered"]').text()).toContain('4');
    expect(summary.get('[data-testid="clock-units"]').text()).toContain('东城街道');

    const rows = w.findAll('[data-testid="library-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.get('[data-testid="library-row-link"]').attributes('href')).toBe('/library/1');
    expect(rows[0]!.text()).toContain('医疗健康');
    expect(rows[0]!.text()).toContain('东城街道');
    // 10,000 confirmed + 2,345 manual, the Chinese way; the last sighting in Beijing time.
    expect(rows[0]!.get('[data-testid="row-sightings"]').text()).toContain('发现 1.2万 次');
    expect(rows[0]!.text()).toContain('2026-11-28 09:05');
    expect(rows[0]!.get('[data-testid="row-status"]').text()).toBe('未辟谣 · 已过 36 小时');
    expect(rows[1]!.get('[data-testid="row-status"]').text()).toBe('已辟谣 · 用时 6 小时');
    // Crawled or typed text is text, never markup.
    expect(rows[1]!.find('img').exists()).toBe(false);
    expect(rows[1]!.text()).toContain('<img src=x onerror=alert(1)>明天封城');

    expect(w.get('[data-testid="export-json"]').attributes()).toMatchObject({ href: '/api/library/export?format=json', download: '' });
    expect(w.get('[data-testid="export-csv"]').attributes('href')).toBe('/api/library/export?format=csv');
    w.unmount();
  });

  it('keeps the search and category in the URL, and restores them from it', async () => {
    api.fetchLibrary.mockResolvedValue(page([entry(1)]));
    const { w, router: r } = await mountAt('/library?category=epidemic&page=2');
    expect(lastListCall()).toMatchObject({ category: 'epidemic', page: 2 });

    await w.get('input[data-testid="library-q"]').setValue(' 自来水 ');
    await w.get('[data-testid="library-search"]').trigger('submit');
    await settle();
    expect(r.currentRoute.value.query).toEqual({ q: '自来水', category: 'epidemic' });
    expect(lastListCall()).toMatchObject({ q: '自来水', category: 'epidemic', page: 1 });

    w.getComponent(ElSelect).vm.$emit('update:modelValue', 'health');
    await settle();
    expect(r.currentRoute.value.query).toEqual({ q: '自来水', category: 'health' });
    expect(lastListCall()).toMatchObject({ q: '自来水', category: 'health' });

    await w.get('input[data-testid="library-merged"]').setValue(true);
    await settle();
    expect(r.currentRoute.value.query).toMatchObject({ merged: 'show' });
    expect(lastListCall()).toMatchObject({ merged: 'show' });
    w.unmount();
  });

  it('says when nothing matches, and shows an error with retry', async () => {
    api.fetchLibrary.mockResolvedValueOnce(page([]));
    const { w } = await mountAt('/library?q=不存在');
    expect(w.get('[data-testid="state-empty"]').text()).toContain('没有符合条件的谣言');
    w.unmount();

    api.fetchLibrary.mockRejectedValueOnce(new ApiError(0, 'network_error', 'Failed to fetch')).mockResolvedValue(page([entry(1)]));
    const again = await mountAt('/library');
    expect(again.w.get('[data-testid="state-error"]').text()).toContain('无法连接服务器');
    await again.w.get('[data-testid="state-error"] button').trigger('click');
    await settle();
    expect(again.w.findAll('[data-testid="library-row"]')).toHaveLength(1);
    again.w.unmount();
  });

  it('adds a rumour under the remembered editor name', async () => {
    signInAs('李编辑');
    api.fetchLibrary.mockResolvedValue(page([]));
    api.postLibraryEntry.mockResolvedValue(entry(9));
    const { w } = await mountAt('/library');
    await w.get('[data-testid="open-create"]').trigger('click');
    await w.get('[data-testid="create-form"]').trigger('submit');
    expect(api.postLibraryEntry).not.toHaveBeenCalled();
    expect(w.get('[data-testid="create-form"]').text()).toContain('谣言说法需 4 至 500 字');
    await w.get('textarea[data-testid="create-claim"]').setValue('  网传明天停水  ');
    await w.get('input[data-testid="create-unit"]').setValue('西城街道');
    await w.get('[data-testid="create-form"]').trigger('submit');
    await settle();
    expect(api.postLibraryEntry).toHaveBeenCalledWith({ claim: '网传明天停水', category: 'other', unit: '西城街道', rebuttalText: null, actor: '李编辑' });
    expect(w.find('[data-testid="create-form"]').exists()).toBe(false);
    expect(api.fetchLibrary).toHaveBeenCalledTimes(2);
    w.unmount();
  });
});

describe('library import', () => {
  async function pick(w: Awaited<ReturnType<typeof mountAt>>['w'], name: string, content: string) {
    const input = w.get('input[data-testid="import-file"]');
    Object.defineProperty(input.element, 'files', { value: [new File([content], name, { type: 'text/csv' })], configurable: true });
    await input.trigger('change');
    await settle();
  }

  it('checks the file first and lists every bad row, importing nothing', async () => {
    signInAs('李编辑');
    api.fetchLibrary.mockResolvedValue(page([]));
    api.postLibraryImport.mockRejectedValue(
      new ApiError(422, 'validation_failed', '2 error(s) in the import; nothing was imported', [
        { path: 'line 3.claim', message: 'Too small: expected string to have >=4 characters' },
        { path: 'line 5.category', message: 'Invalid option' },
      ]),
    );
    const { w } = await mountAt('/library');
    await w.get('[data-testid="open-import"]').trigger('click');
    const csv = 'claim,category\n网传明天停水,other\n谣,other\n';
    await pick(w, 'rumours.csv', csv);
    expect(api.postLibraryImport).toHaveBeenCalledTimes(1);
    expect(api.postLibraryImport).toHaveBeenCalledWith({ format: 'csv', content: csv, actor: '李编辑', dryRun: true });
    const errors = w.get('[data-testid="import-errors"]');
    expect(errors.text()).toContain('文件中有 2 处错误');
    const rows = errors.findAll('[data-testid="import-error"]').map((r) => r.text());
    expect(rows[0]).toContain('第 3 行');
    expect(rows[0]).toContain('说法');
    expect(rows[0]).toContain('Too small');
    expect(rows[1]).toContain('第 5 行');
    expect(rows[1]).toContain('类别');
    expect(w.find('[data-testid="import-confirm"]').exists()).toBe(false);
    expect(api.postLibraryImport.mock.calls.every(([body]) => body.dryRun === true)).toBe(true);
    w.unmount();
  });

  it('shows what a clean file would do and imports only when confirmed', async () => {
    signInAs('李编辑');
    api.fetchLibrary.mockResolvedValue(page([]));
    api.postLibraryImport
      .mockResolvedValueOnce({ rows: 3, imported: 0, existing: 1, dryRun: true })
      .mockResolvedValueOnce({ rows: 3, imported: 2, existing: 1, dryRun: false });
    const { w } = await mountAt('/library');
    await w.get('[data-testid="open-import"]').trigger('click');
    const json = JSON.stringify([{ claim: '网传明天停水' }, { claim: '网传学校放假' }, { claim: '已有的说法' }]);
    await pick(w, 'rumours.json', json);
    expect(api.postLibraryImport).toHaveBeenCalledTimes(1);
    expect(api.postLibraryImport.mock.calls[0]![0]).toMatchObject({ format: 'json', dryRun: true });
    const check = w.get('[data-testid="import-check"]');
    expect(check.text()).toContain('共 3 条：将新增 2 条，1 条已在库中');
    await check.get('[data-testid="import-confirm"]').trigger('click');
    await settle();
    expect(api.postLibraryImport).toHaveBeenCalledTimes(2);
    expect(api.postLibraryImport.mock.calls[1]![0]).toEqual({ format: 'json', content: json, actor: '李编辑', dryRun: false });
    expect(w.find('[data-testid="import-panel"]').exists()).toBe(false);
    w.unmount();
  });

  it('hides adding and importing from a role that may only read the library', async () => {
    api.fetchLibrary.mockResolvedValue(page([]));
    const { w } = await mountAt('/library', testMe('leader'));
    expect(w.find('[data-testid="open-create"]').exists()).toBe(false);
    expect(w.find('[data-testid="open-import"]').exists()).toBe(false);
    expect(w.find('[data-testid="actor-input"]').exists()).toBe(false);
    w.unmount();
  });
});
