import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CrawlRun, SourceView } from '../../../server/contracts/source';
import { ApiError } from '../../../web/src/api/client';
import { useLiveStore } from '../../../web/src/stores/live';
import { mountOptions, settle, testMe, testRouter } from './mount-helpers';

const api = vi.hoisted(() => ({ fetchSources: vi.fn(), fetchCrawlRuns: vi.fn(), postCrawlNow: vi.fn(), patchSourcePaused: vi.fn() }));
vi.mock('../../../web/src/api/resources', () => api);
const { default: SourcesPage } = await import('../../../web/src/features/sources/SourcesPage.vue');

const run: CrawlRun = {
  id: 11,
  sourceId: 'gov',
  sourceName: '区政府通知公告',
  status: 'partial',
  startedAt: '2026-11-27T16:00:00Z',
  endedAt: '2026-11-27T16:01:00Z',
  fetched: 20,
  new: 3,
  duplicate: 16,
  failed: 1,
  skipped: 2,
  lastError: 'HTTP 503 <b>upstream</b>',
};
const source: SourceView = {
  id: 'gov',
  name: '区政府通知公告',
  kind: 'notice',
  type: 'html-list',
  url: 'https://example.gov.cn/tzgg/',
  schedule: '*/10 * * * *',
  enabled: true,
  paused: false,
  origin: 'file',
  itemCount: 12_345,
  lastRun: run,
  health: { lastSuccessAt: null, itemsPerDay: [1, 2, 3, 0, 0, 1, 2], errorRate: 0.05, recentErrors: [], medianDelayMinutes: 12, flags: [] },
};

async function mountPage(role: Parameters<typeof testMe>[0] = 'admin') {
  const router = testRouter();
  await router.push('/sources');
  const w = mount(SourcesPage, mountOptions(router, testMe(role)));
  await settle(10);
  return w;
}

afterEach(() => vi.clearAllMocks());

describe('sources page', () => {
  it('lists sources and crawl runs with localised kinds, schedules and Beijing times', async () => {
    api.fetchSources.mockResolvedValue({ sources: [source] });
    api.fetchCrawlRuns.mockResolvedValue({ runs: [run], total: 1 });
    const w = await mountPage();
    const sources = w.get('[data-testid="sources-table"]').text();
    expect(sources).toContain('区政府通知公告');
    expect(sources).toContain('通知公告');
    expect(sources).toContain('每 10 分钟');
    expect(sources).toContain('1.2万');
    expect(sources).toContain('部分失败');
    const runs = w.get('[data-testid="runs-table"]');
    expect(runs.text()).toContain('2026-11-28 00:00');
    expect(runs.text()).toContain('HTTP 503 <b>upstream</b>');
    expect(runs.find('b').exists()).toBe(false);
    w.unmount();
  });

  it('starts a crawl now, and says so calmly when one is already running', async () => {
    api.fetchSources.mockResolvedValue({ sources: [source] });
    api.fetchCrawlRuns.mockResolvedValue({ runs: [], total: 0 });
    api.postCrawlNow.mockResolvedValueOnce({ runId: 5 }).mockRejectedValueOnce(new ApiError(409, 'conflict', 'busy'));
    const w = await mountPage();
    await w.get('[data-testid="crawl-now-gov"]').trigger('click');
    await settle();
    expect(api.postCrawlNow).toHaveBeenCalledWith('gov');
    await w.get('[data-testid="crawl-now-gov"]').trigger('click');
    await settle();
    expect(document.body.textContent).toContain('该信息源正在采集中');
    w.unmount();
  });

  it('disables crawl-now while the live stream says the source is running, and reloads when the run ends', async () => {
    api.fetchSources.mockResolvedValue({ sources: [source] });
    api.fetchCrawlRuns.mockResolvedValue({ runs: [], total: 0 });
    const w = await mountPage();
    const live = useLiveStore();
    live.onRun({ ...run, id: 12, status: 'running', endedAt: null });
    await settle();
    expect(w.get('[data-testid="crawl-now-gov"]').attributes('disabled')).toBeDefined();
    const calls = api.fetchCrawlRuns.mock.calls.length;
    live.onRun({ ...run, id: 12, status: 'ok' });
    await new Promise((r) => setTimeout(r, 400));
    await settle();
    expect(api.fetchCrawlRuns.mock.calls.length).toBeGreaterThan(calls);
    expect(w.get('[data-testid="crawl-now-gov"]').attributes('disabled')).toBeUndefined();
    w.unmount();
  });

  it('admins add sources and edit or delete dashboard ones; config-file sources carry a badge and only pause', async () => {
    const dash: SourceView = { ...source, id: 'dash', name: '看板添加的来源', origin: 'dashboard', lastRun: null };
    api.fetchSources.mockResolvedValue({ sources: [source, dash] });
    api.fetchCrawlRuns.mockResolvedValue({ runs: [], total: 0 });
    const w = await mountPage();
    expect(w.find('[data-testid="add-source"]').text()).toBe('添加信息源');
    expect(w.get('[data-testid="from-file-gov"]').text()).toBe('来自配置文件');
    expect(w.find('[data-testid="from-file-dash"]').exists()).toBe(false);
    expect(w.find('[data-testid="edit-source-gov"]').exists()).toBe(false);
    expect(w.find('[data-testid="delete-source-gov"]').exists()).toBe(false);
    expect(w.find('[data-testid="edit-source-dash"]').exists()).toBe(true);
    expect(w.find('[data-testid="delete-source-dash"]').exists()).toBe(true);
    w.unmount();

    const analyst = await mountPage('analyst');
    expect(analyst.find('[data-testid="add-source"]').exists()).toBe(false);
    expect(analyst.find('[data-testid="edit-source-dash"]').exists()).toBe(false);
    analyst.unmount();
  });
});
