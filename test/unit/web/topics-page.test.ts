import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent, h } from 'vue';
import { ElDialog } from 'element-plus';
import type { Topic } from '../../../server/contracts/topic';
import { ApiError } from '../../../web/src/api/client';
import { useLiveStore } from '../../../web/src/stores/live';
import { mountOptions, settle, signInAs } from './mount-helpers';
import TopicsPage from '../../../web/src/features/topics/TopicsPage.vue';

const api = vi.hoisted(() => ({
  fetchTopics: vi.fn(),
  fetchTopic: vi.fn(),
  createTopic: vi.fn(),
  updateTopic: vi.fn(),
  deleteTopic: vi.fn(),
  fetchVolume: vi.fn(),
  fetchRumourTrend: vi.fn(),
  fetchHotWords: vi.fn(),
  fetchEvents: vi.fn(),
  putSentiment: vi.fn(),
}));
const resources = vi.hoisted(() => ({ fetchSources: vi.fn() }));
vi.mock('../../../web/src/api/topics', () => api);
vi.mock('../../../web/src/api/resources', () => resources);

const topic = (id: number, over: Partial<Topic> = {}): Topic => ({
  id,
  name: `专题${id}`,
  description: null,
  includeAll: ['地铁|轨道交通'],
  includeAny: [],
  exclude: ['广告'],
  sourceIds: [],
  kinds: [],
  createdBy: '王',
  createdAt: '2026-11-28T00:00:00Z',
  updatedAt: '2026-11-28T00:00:00Z',
  matchedAt: '2026-11-28T01:00:00Z',
  itemCount: 12_345,
  last24h: 7,
  ...over,
});

const Blank = defineComponent({ render: () => h('div') });

/** Element Plus' multiple select loops under happy-dom (resize observation); the dialog tests stub it. */
async function mountPage(stubSelects = false) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/topics', component: Blank },
      { path: '/topics/compare', component: Blank },
      { path: '/topics/:id', component: Blank },
    ],
  });
  await router.push('/topics');
  const opts = mountOptions(router);
  const w = mount(TopicsPage, { ...opts, global: { ...opts.global, components: { ...opts.global.components, ElDialog }, stubs: { teleport: true, ...(stubSelects ? { ElSelect: true, ElOption: true } : {}) } } });
  await settle(10);
  return { w, router };
}

afterEach(() => vi.clearAllMocks());

describe('topics page', () => {
  it('lists topics with their rules, counts in Chinese units and the matching state; reloads on a live topics event', async () => {
    api.fetchTopics.mockResolvedValue({ topics: [topic(1), topic(2, { matchedAt: null, itemCount: 0 })] });
    resources.fetchSources.mockResolvedValue({ sources: [] });
    const { w } = await mountPage();
    const rows = w.findAll('[data-testid="topic-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('全含：地铁|轨道交通');
    expect(rows[0]!.text()).toContain('排除：广告');
    expect(rows[0]!.get('[data-testid="topic-count"]').text()).toBe('1.2万');
    expect(rows[0]!.find('[data-testid="topic-matching"]').exists()).toBe(false);
    expect(rows[1]!.get('[data-testid="topic-matching"]').text()).toContain('匹配中…');

    api.fetchTopics.mockResolvedValue({ topics: [topic(1), topic(2)] });
    useLiveStore().onTopics();
    await settle(10);
    expect(api.fetchTopics).toHaveBeenCalledTimes(2);
    expect(w.find('[data-testid="topic-matching"]').exists()).toBe(false);
  });

  it('compares two to four ticked topics', async () => {
    api.fetchTopics.mockResolvedValue({ topics: [topic(1), topic(2), topic(3)] });
    resources.fetchSources.mockResolvedValue({ sources: [] });
    const { w, router } = await mountPage();
    const compare = w.get('[data-testid="topics-compare"]');
    expect(compare.attributes('disabled')).toBeDefined();
    const boxes = w.findAll('[data-testid="topic-row"] input[type="checkbox"]');
    await boxes[2]!.setValue(true);
    await boxes[0]!.setValue(true);
    await settle();
    expect(w.get('[data-testid="topics-compare"]').attributes('disabled')).toBeUndefined();
    await w.get('[data-testid="topics-compare"]').trigger('click');
    await settle();
    expect(router.currentRoute.value.fullPath).toBe('/topics/compare?ids=3,1');
  });

  it('shows a duplicate name (409) next to the name field and keeps the dialog open', async () => {
    api.fetchTopics.mockResolvedValue({ topics: [topic(1)] });
    resources.fetchSources.mockResolvedValue({ sources: [] });
    api.createTopic.mockRejectedValue(new ApiError(409, 'conflict', 'a topic named "专题1" already exists'));
    signInAs('李');
    const { w } = await mountPage(true);
    await w.get('[data-testid="topics-create"]').trigger('click');
    await settle();
    await w.get('input[data-testid="topic-name"]').setValue('专题1');
    const any = w.get('[data-testid="topic-include-any"] input');
    await any.setValue('地铁|轨道交通，公交');
    await settle();
    await w.get('form.topic-form').trigger('submit');
    await settle(10);
    expect(api.createTopic).toHaveBeenCalledWith(
      { name: '专题1', description: null, includeAll: [], includeAny: ['地铁|轨道交通', '公交'], exclude: [], sourceIds: [], kinds: [] },
      '李',
    );
    expect(w.get('[data-testid="topic-name-error"]').text()).toBe('已有同名专题');
  });

  it('names the missing fields without calling the server', async () => {
    api.fetchTopics.mockResolvedValue({ topics: [] });
    resources.fetchSources.mockResolvedValue({ sources: [] });
    const { w } = await mountPage(true);
    expect(w.text()).toContain('还没有专题');
    await w.get('[data-testid="topics-create"]').trigger('click');
    await settle();
    await w.get('form.topic-form').trigger('submit');
    await settle();
    expect(api.createTopic).not.toHaveBeenCalled();
    expect(w.get('[data-testid="topic-name-error"]').text()).toBe('请填写专题名称');
    expect(w.get('[data-testid="topic-include-all-error"]').text()).toContain('至少填写一个');
  });
});
