import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INIT_OPTIONS_KEY } from 'vue-echarts';
import type { Overview, Trends } from '../../../server/contracts/api';
import { ApiError } from '../../../web/src/api/client';
import { mountOptions, settle, testRouter } from './mount-helpers';

const api = vi.hoisted(() => ({ fetchOverview: vi.fn(), fetchTrends: vi.fn(), fetchCrawlRuns: vi.fn() }));
vi.mock('../../../web/src/api/resources', () => api);

const { default: OverviewPage } = await import('../../../web/src/features/overview/OverviewPage.vue');

const overview: Overview = {
  items: 123_456,
  itemsToday: 42,
  rumorSuspect: 17,
  rebuttals: 5,
  awaitingReview: 9,
  confirmedRumors: 3,
  sources: 6,
  lastCrawlAt: null,
};
const trends: Trends = {
  days: ['2026-11-27', '2026-11-28'],
  total: [5, 8],
  byTag: [{ key: 'rumor-suspect', label: '疑似谣言', counts: [1, 3] }],
  bySource: [{ key: 'a', label: '区政府', counts: [5, 8] }],
};

async function mountPage() {
  const router = testRouter();
  await router.push('/');
  const opts = mountOptions(router);
  // Canvas does not exist under happy-dom: the SVG renderer draws instead.
  return mount(OverviewPage, { ...opts, global: { ...opts.global, provide: { [INIT_OPTIONS_KEY as symbol]: { renderer: 'svg', width: 600, height: 320 } } } });
}

afterEach(() => vi.clearAllMocks());

describe('overview page', () => {
  it('shows the headline numbers the Chinese way and draws the trend chart', async () => {
    api.fetchOverview.mockResolvedValue(overview);
    api.fetchTrends.mockResolvedValue(trends);
    const w = await mountPage();
    await settle();
    expect(api.fetchTrends).toHaveBeenCalledWith(14);
    expect(w.get('[data-testid="stat-items"]').text()).toContain('收录总数');
    expect(w.get('[data-testid="stat-items"]').text()).toContain('12.3万');
    for (const name of ['itemsToday', 'rumorSuspect', 'rebuttals', 'awaitingReview', 'confirmedRumors', 'sources']) {
      expect(w.find(`[data-testid="stat-${name}"]`).exists(), name).toBe(true);
    }
    expect(w.get('[data-testid="stat-awaitingReview"]').attributes('href')).toBe('/review');
    const chart = w.get('[data-testid="trend-chart"]');
    expect(chart.find('svg').exists()).toBe(true);
    expect(w.get('[data-testid="source-chart"]').find('svg').exists()).toBe(true);
    w.unmount();
  });

  it('shows an empty chart state when nothing was collected, and an error state with retry', async () => {
    api.fetchOverview.mockRejectedValue(new ApiError(0, 'network_error', 'Failed to fetch'));
    api.fetchTrends.mockResolvedValue({ ...trends, total: [0, 0] });
    const w = await mountPage();
    await settle();
    expect(w.get('[data-testid="state-error"]').text()).toContain('无法连接服务器');
    expect(w.get('[data-testid="trend-chart"]').find('[data-testid="state-empty"]').exists()).toBe(true);
    api.fetchOverview.mockResolvedValue(overview);
    await w.get('[data-testid="state-error"] button').trigger('click');
    await settle();
    expect(w.find('[data-testid="state-error"]').exists()).toBe(false);
    expect(w.get('[data-testid="stat-sources"]').text()).toContain('6');
    w.unmount();
  });
});
