import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ItemPage } from '../../../server/contracts/api';
import { mountOptions, settle, testRouter } from './mount-helpers';

const api = vi.hoisted(() => ({ fetchItems: vi.fn(), fetchSources: vi.fn(), fetchCrawlRuns: vi.fn() }));
vi.mock('../../../web/src/api/resources', () => api);

const { default: SearchPage } = await import('../../../web/src/features/search/SearchPage.vue');

const empty: ItemPage = { items: [], total: 0, page: 1, pageSize: 20, engine: 'search' };

async function mountAt(path: string) {
  const router = testRouter({ search: SearchPage });
  await router.push(path);
  const w = mount(SearchPage, mountOptions(router));
  await settle();
  return { w, router };
}

afterEach(() => vi.clearAllMocks());

describe('search page', () => {
  it('searches with the filters from a shared link', async () => {
    api.fetchSources.mockResolvedValue({ sources: [] });
    api.fetchItems.mockResolvedValue(empty);
    const { w } = await mountAt('/search?q=%E6%9D%BF%E8%93%9D%E6%A0%B9&tag=rumor-suspect&from=2026-11-01&sort=score&page=2');
    const params = api.fetchItems.mock.calls[0]![0] as URLSearchParams;
    expect(Object.fromEntries(params)).toEqual({ q: '板蓝根', tag: 'rumor-suspect', from: '2026-11-01', sort: 'score', page: '2', pageSize: '20' });
    expect((w.get('input[data-testid="search-input"]').element as HTMLInputElement).value).toBe('板蓝根');
    expect(w.get('[data-testid="state-empty"]').text()).toContain('板蓝根');
    w.unmount();
  });

  it('puts a new query in the URL and loads its results', async () => {
    api.fetchSources.mockResolvedValue({ sources: [] });
    api.fetchItems.mockResolvedValue(empty);
    const { w, router } = await mountAt('/search?tag=rebuttal&page=3');
    await w.get('input[data-testid="search-input"]').setValue('封城');
    await w.get('form').trigger('submit');
    await settle();
    // A new query starts again at page 1 and keeps the other filters.
    expect(router.currentRoute.value.query).toEqual({ q: '封城', tag: 'rebuttal' });
    const last = api.fetchItems.mock.calls.at(-1)![0] as URLSearchParams;
    expect(last.get('q')).toBe('封城');
    expect(last.get('page')).toBe('1');
    w.unmount();
  });

  it('warns when results come from the database fallback, and shows the error state', async () => {
    api.fetchSources.mockResolvedValue({ sources: [] });
    api.fetchItems.mockResolvedValue({ ...empty, engine: 'database', total: 1, items: [] });
    const { w } = await mountAt('/search?q=x');
    expect(w.text()).toContain('搜索引擎暂不可用');
    w.unmount();

    api.fetchItems.mockRejectedValue(Object.assign(new Error('down'), { code: 'search_unavailable' }));
    const again = await mountAt('/search?q=y');
    expect(again.w.find('[data-testid="state-error"]').exists()).toBe(true);
    again.w.unmount();
  });
});
