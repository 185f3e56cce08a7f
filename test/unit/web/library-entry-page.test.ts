import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { INIT_OPTIONS_KEY } from 'vue-echarts';
import { ElDatePicker, ElDialog } from 'element-plus';
import type { LibraryEntry, SightingsView } from '../../../server/contracts/library';
import type { AuditEntry } from '../../../server/contracts/review';
import { ApiError } from '../../../web/src/api/client';
import { mountOptions, settle, signInAs } from './mount-helpers';

const api = vi.hoisted(() => ({
  fetchLibrary: vi.fn(),
  fetchLibraryEntry: vi.fn(),
  fetchSightings: vi.fn(),
  fetchLibraryHistory: vi.fn(),
  patchLibraryEntry: vi.fn(),
  postRebuttal: vi.fn(),
  postLibraryMerge: vi.fn(),
}));
vi.mock('../../../web/src/api/library', () => api);

const { default: LibraryEntryPage } = await import('../../../web/src/features/library/LibraryEntryPage.vue');

function entry(over: Partial<LibraryEntry> = {}): LibraryEntry {
  return {
    id: 7,
    claim: '网传明天全区封城',
    category: 'epidemic',
    unit: '区卫健委',
    rebuttalText: '经核实，系谣言。',
    sourceItemId: 42,
    createdBy: '张三',
    createdAt: '2026-11-27T02:30:00Z',
    updatedAt: '2026-11-27T02:30:00Z',
    mergedInto: null,
    sightings: { confirmed: 3, suggested: 1, rebuttal: 1, manual: 1, lastSeenAt: '2026-11-28T01:00:00Z' },
    rebuttals: [
      { id: 1, title: '关于网传封城的说明', url: 'https://gov.example/notice/1', channels: ['own-media', 'weibo'], publishedAt: '2026-11-27T06:00:00Z', text: '<b>经核实</b>，封城消息不实。', createdBy: '张编辑' },
      { id: 2, title: '村村通广播', url: 'javascript:alert(1)', channels: ['broadcast'], publishedAt: '2026-11-27T08:00:00Z', text: '', createdBy: '李编辑' },
    ],
    clock: { firstSeenAt: '2026-11-27T00:00:00Z', confirmedAt: '2026-11-27T02:30:00Z', rebuttedAt: '2026-11-27T06:00:00Z', hoursToVerdict: 2.5, hoursToRebuttal: 6 },
    ...over,
  };
}
const sightings: SightingsView = {
  libraryId: 7,
  perDay: [
    { day: '2026-11-27', count: 3 },
    { day: '2026-11-29', count: 1 },
  ],
  items: [
    { itemId: 101, title: '转发：明天封城<script>alert(1)</script>', sourceName: '区论坛', url: 'https://forum.example/1', kind: 'confirmed', similarity: 0.934, seenAt: '2026-11-28T01:00:00Z' },
    { itemId: 102, title: '听说要封城', sourceName: '线下上报', url: '', kind: 'suggested', similarity: 0.61, seenAt: '2026-11-27T10:00:00Z' },
    { itemId: 103, title: '官方辟谣', sourceName: '区政府', url: 'https://gov.example/2', kind: 'rebuttal', similarity: 0.7, seenAt: '2026-11-27T06:00:00Z' },
    { itemId: 104, title: '群聊截图', sourceName: '线下上报', url: '', kind: 'manual', similarity: 1, seenAt: '2026-11-27T00:00:00Z' },
  ],
};
const history: AuditEntry[] = [
  { id: 1, entity: 'library', entityId: 7, action: 'create', actor: '张三', at: '2026-11-27T02:30:00Z', before: null, after: { claim: '网传明天全区封城' } },
  { id: 2, entity: 'library', entityId: 7, action: 'update', actor: '李四', at: '2026-11-27T03:00:00Z', before: { claim: 'a', unit: null }, after: { claim: 'b', unit: '区卫健委' } },
];

const Blank = defineComponent({ render: () => h('div') });
function router() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/library', name: 'library', component: Blank },
      // The page under test is mounted directly; the route only gives it its id.
      { path: '/library/:id', name: 'library-entry', component: Blank },
      { path: '/items/:id', name: 'item', component: Blank },
    ],
  });
}

async function mountAt(path: string) {
  const r = router();
  await r.push(path);
  const opts = mountOptions(r);
  const w = mount(LibraryEntryPage, {
    ...opts,
    attachTo: document.body,
    global: {
      ...opts.global,
      components: { ...opts.global.components, ElDialog },
      // Canvas does not exist under happy-dom: the SVG renderer draws instead.
      provide: { [INIT_OPTIONS_KEY as symbol]: { renderer: 'svg', width: 600, height: 220 } },
    },
  });
  await settle();
  return { w, router: r };
}

beforeEach(() => {
  localStorage.clear();
  api.fetchLibraryEntry.mockResolvedValue(entry());
  api.fetchSightings.mockResolvedValue(sightings);
  api.fetchLibraryHistory.mockResolvedValue(history);
});
afterEach(() => {
  vi.clearAllMocks();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('library entry page', () => {
  it('shows the entry, its rumour clock, sightings per day and every sighting', async () => {
    const { w } = await mountAt('/library/7');
    expect(api.fetchLibraryEntry).toHaveBeenCalledWith(7);
    expect(api.fetchSightings).toHaveBeenCalledWith(7);
    expect(w.get('[data-testid="entry-claim"]').text()).toBe('网传明天全区封城');
    expect(w.get('[data-testid="entry-details"]').text()).toContain('疫情防控');
    expect(w.get('[data-testid="entry-rebuttal-text"]').text()).toBe('经核实，系谣言。');

    const clock = w.get('[data-testid="entry-clock"]').text();
    expect(clock).toContain('2026-11-27 08:00'); // first seen, Beijing time
    expect(clock).toContain('2026-11-27 10:30');
    expect(clock).toContain('距首次发现 2.5 小时');
    expect(clock).toContain('2026-11-27 14:00');
    expect(clock).toContain('距首次发现 6 小时');

    expect(w.get('[data-testid="sightings-chart"]').find('svg').exists()).toBe(true);
    expect(w.get('[data-testid="sightings-counts"]').text()).toContain('确认发现 4 次');
    const rows = w.findAll('[data-testid="sighting-row"]');
    expect(rows).toHaveLength(4);
    expect(rows[0]!.get('a').attributes('href')).toBe('/items/101');
    expect(rows[0]!.find('script').exists()).toBe(false);
    expect(rows[0]!.text()).toContain('<script>alert(1)</script>');
    expect(rows.map((r) => r.find('.el-tag').text())).toEqual(['确认相符', '疑似相符', '辟谣', '人工关联']);
    expect(rows[0]!.text()).toContain('区论坛');
    expect(rows[0]!.text()).toContain('相似度 93%');
    expect(rows[0]!.text()).toContain('2026-11-28 09:00');

    // Rebuttals: http(s) links open outside without the referrer; anything else is plain text.
    const rebuttals = w.findAll('[data-testid="rebuttal-row"]');
    expect(rebuttals[0]!.get('a').attributes()).toMatchObject({ href: 'https://gov.example/notice/1', target: '_blank', rel: 'noopener noreferrer' });
    expect(rebuttals[0]!.text()).toContain('自有媒体');
    expect(rebuttals[0]!.text()).toContain('微博');
    expect(rebuttals[1]!.find('a').exists()).toBe(false);
    expect(rebuttals[1]!.text()).toContain('广播/村村通');
    // The rebuttal's text is shown as text, with who recorded it.
    expect(rebuttals[0]!.text()).toContain('张编辑');
    expect(rebuttals[0]!.get('details p').text()).toBe('<b>经核实</b>，封城消息不实。');
    expect(rebuttals[0]!.find('details b').exists()).toBe(false);
    expect(rebuttals[1]!.find('details').exists()).toBe(false);

    const hist = w.findAll('[data-testid="history-row"]').map((r) => r.text());
    expect(hist[0]).toContain('李四');
    expect(hist[0]).toContain('编辑');
    expect(hist[0]).toContain('修改了说法，责任单位');
    expect(hist[1]).toContain('张三');
    expect(hist[1]).toContain('创建');
    w.unmount();
  });

  it('counts the hours a rumour has gone unanswered', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-28T00:00:00Z') });
    api.fetchLibraryEntry.mockResolvedValue(entry({ rebuttals: [], clock: { ...entry().clock, rebuttedAt: null, hoursToRebuttal: null } }));
    const { w } = await mountAt('/library/7');
    expect(w.get('[data-testid="clock-rebutted"]').text()).toContain('尚未辟谣');
    expect(w.get('[data-testid="clock-rebutted"]').text()).toContain('已过 24 小时');
    expect(w.find('[data-testid="rebuttal-none"]').exists()).toBe(true);
    w.unmount();
  });

  it('saves an edited rebuttal statement, sending only what changed', async () => {
    signInAs('李编辑');
    api.patchLibraryEntry.mockResolvedValue(entry({ rebuttalText: '经区卫健委核实，系谣言。' }));
    const { w } = await mountAt('/library/7');
    await w.get('[data-testid="entry-edit"]').trigger('click');
    await w.get('textarea[data-testid="edit-rebuttal-text"]').setValue(' 经区卫健委核实，系谣言。 ');
    await w.get('[data-testid="entry-form"]').trigger('submit');
    await settle();
    expect(api.patchLibraryEntry).toHaveBeenCalledWith(7, { rebuttalText: '经区卫健委核实，系谣言。', actor: '李编辑' });
    expect(w.find('[data-testid="entry-form"]').exists()).toBe(false);
    expect(w.get('[data-testid="entry-rebuttal-text"]').text()).toBe('经区卫健委核实，系谣言。');
    expect(api.fetchLibraryHistory).toHaveBeenCalledTimes(2);
    w.unmount();
  });

  it('refuses a too-short claim and keeps the form open when saving fails', async () => {
    signInAs('李编辑');
    api.patchLibraryEntry.mockRejectedValue(new ApiError(409, 'conflict', 'merged'));
    const { w } = await mountAt('/library/7');
    await w.get('[data-testid="entry-edit"]').trigger('click');
    await w.get('textarea[data-testid="edit-claim"]').setValue('封城');
    await w.get('[data-testid="entry-form"]').trigger('submit');
    expect(api.patchLibraryEntry).not.toHaveBeenCalled();
    await w.get('textarea[data-testid="edit-claim"]').setValue('网传下周全区封城');
    await w.get('[data-testid="entry-form"]').trigger('submit');
    await settle();
    expect(api.patchLibraryEntry).toHaveBeenCalledWith(7, { claim: '网传下周全区封城', actor: '李编辑' });
    expect(w.find('[data-testid="entry-form"]').exists()).toBe(true);
    w.unmount();
  });

  it('shows a not-found state for an unknown entry', async () => {
    api.fetchLibraryEntry.mockRejectedValue(new ApiError(404, 'not_found', 'library entry 99 not found'));
    const { w } = await mountAt('/library/99');
    expect(w.get('[data-testid="entry-not-found"]').text()).toContain('该谣言条目不存在');
    w.unmount();
  });
});

describe('recording a rebuttal', () => {
  it('names the missing fields and posts nothing until they are filled', async () => {
    signInAs('李编辑');
    const { w } = await mountAt('/library/7');
    await w.get('[data-testid="open-rebuttal"]').trigger('click');
    await w.get('[data-testid="rebuttal-form"]').trigger('submit');
    await settle();
    expect(api.postRebuttal).not.toHaveBeenCalled();
    const errors = w.get('[data-testid="rebuttal-errors"]').text();
    expect(errors).toContain('标题需 2 至 200 字');
    expect(errors).toContain('辟谣内容需 2 至 20000 字');
    expect(errors).toContain('至少选择一个发布渠道');
    expect(errors).not.toContain('链接');

    await w.get('input[data-testid="rebuttal-title"]').setValue('关于网传封城的说明');
    await w.get('textarea[data-testid="rebuttal-text"]').setValue('经核实，系谣言。');
    await w.get('input[data-testid="rebuttal-url"]').setValue('javascript:alert(1)');
    await w.get('input[data-testid="channel-weibo"]').setValue(true);
    await w.get('[data-testid="rebuttal-form"]').trigger('submit');
    await settle();
    expect(api.postRebuttal).not.toHaveBeenCalled();
    expect(w.get('[data-testid="rebuttal-errors"]').text()).toContain('链接须以 http:// 或 https:// 开头');
    w.unmount();
  });

  it('posts the rebuttal linked to this entry, with the time read as Beijing time, and reloads the clock', async () => {
    signInAs('李编辑');
    api.postRebuttal.mockResolvedValue({ id: 5 });
    const { w } = await mountAt('/library/7');
    await w.get('[data-testid="open-rebuttal"]').trigger('click');
    await w.get('input[data-testid="rebuttal-title"]').setValue(' 关于网传封城的说明 ');
    await w.get('textarea[data-testid="rebuttal-text"]').setValue('经核实，系谣言。');
    await w.get('input[data-testid="rebuttal-url"]').setValue('https://gov.example/notice/9');
    await w.get('input[data-testid="channel-weibo"]').setValue(true);
    await w.get('input[data-testid="channel-own-media"]').setValue(true);
    w.get('[data-testid="rebuttal-form"]').getComponent(ElDatePicker).vm.$emit('update:modelValue', '2026-11-27 14:30');
    await w.get('[data-testid="rebuttal-form"]').trigger('submit');
    await settle();
    expect(api.postRebuttal).toHaveBeenCalledWith({
      title: '关于网传封城的说明',
      text: '经核实，系谣言。',
      url: 'https://gov.example/notice/9',
      channels: ['own-media', 'weibo'],
      publishedAt: '2026-11-27T06:30:00.000Z',
      libraryIds: [7],
      actor: '李编辑',
    });
    expect(w.find('[data-testid="rebuttal-form"]').exists()).toBe(false);
    expect(api.fetchLibraryEntry).toHaveBeenCalledTimes(2);
    w.unmount();
  });

  it('defaults the published time to now and records the signed-in editor', async () => {
    signInAs('王五');
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-28T04:00:00Z') });
    api.postRebuttal.mockResolvedValue({ id: 5 });
    const { w } = await mountAt('/library/7');
    await w.get('[data-testid="open-rebuttal"]').trigger('click');
    await w.get('input[data-testid="rebuttal-title"]').setValue('说明');
    await w.get('textarea[data-testid="rebuttal-text"]').setValue('系谣言');
    await w.get('input[data-testid="channel-poster"]').setValue(true);
    await w.get('[data-testid="rebuttal-form"]').trigger('submit');
    await settle();
    expect(api.postRebuttal).toHaveBeenCalledWith(expect.objectContaining({ channels: ['poster'], publishedAt: '2026-11-28T04:00:00.000Z', actor: '王五' }));
    w.unmount();
  });
});

describe('merging a duplicate', () => {
  it('finds the other entry, confirms, merges and opens the entry that absorbed it', async () => {
    signInAs('李编辑');
    api.fetchLibrary.mockResolvedValue({
      entries: [entry(), entry({ id: 8, claim: '明天起全区封城' }), entry({ id: 9, claim: '已合并的', mergedInto: 8 })],
      total: 3,
      page: 1,
      pageSize: 10,
    });
    api.postLibraryMerge.mockResolvedValue(entry({ id: 8, claim: '明天起全区封城' }));
    const { w, router: r } = await mountAt('/library/7');
    await w.get('[data-testid="open-merge"]').trigger('click');
    await w.get('input[data-testid="merge-q"]').setValue('封城');
    await w.get('[data-testid="merge-panel"] form').trigger('submit');
    await settle();
    expect(api.fetchLibrary).toHaveBeenCalledWith({ q: '封城', pageSize: 10 });
    // Neither the entry itself nor one already merged can be the target.
    const candidates = w.findAll('[data-testid="merge-candidate"]');
    expect(candidates.map((c) => c.text())).toEqual([expect.stringContaining('#8')]);
    expect(w.get('[data-testid="merge-open-confirm"]').attributes('disabled')).toBeDefined();
    await candidates[0]!.get('input').setValue(true);
    await w.get('[data-testid="merge-open-confirm"]').trigger('click');
    await settle();
    expect(document.body.querySelector('[data-testid="merge-confirm-text"]')?.textContent).toContain('把本条（#7）合并到 #8“明天起全区封城”');
    expect(api.postLibraryMerge).not.toHaveBeenCalled();
    (document.body.querySelector('[data-testid="merge-confirm"]') as HTMLButtonElement).click();
    await settle();
    expect(api.postLibraryMerge).toHaveBeenCalledWith(7, { into: 8, actor: '李编辑' });
    expect(r.currentRoute.value.path).toBe('/library/8');
    w.unmount();
  });
});
