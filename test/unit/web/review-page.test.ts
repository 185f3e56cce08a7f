import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ItemPage, ItemSummary } from '../../../server/contracts/api';
import { ApiError } from '../../../web/src/api/client';
import { mountOptions, settle, testRouter } from './mount-helpers';

const api = vi.hoisted(() => ({ fetchReviewQueue: vi.fn(), postVerdict: vi.fn(), fetchCrawlRuns: vi.fn() }));
vi.mock('../../../web/src/api/resources', () => api);

const { default: ReviewPage } = await import('../../../web/src/features/review/ReviewPage.vue');

function suspect(id: number, over: Partial<ItemSummary> = {}): ItemSummary {
  return {
    id,
    sourceId: 'forum',
    sourceName: '区论坛',
    kind: 'post',
    url: `https://example.test/${id}`,
    title: `网传消息 ${id}`,
    publishedAt: null,
    publishedPrecision: null,
    collectedAt: '2026-11-28T01:00:00Z',
    tags: ['rumor-suspect'],
    score: 0.9,
    reasons: [{ code: 'marker-phrase', label: '传播话术', weight: 0.4, matches: ['网传', '速转'] }],
    verdict: null,
    clusterId: id,
    clusterSize: 1,
    excerpt: '网传明天封城，速转！<img src=x onerror=alert(1)>',
    highlight: null,
    ...over,
  };
}
const page = (items: ItemSummary[]): ItemPage => ({ items, total: items.length, page: 1, pageSize: 20, engine: 'database' });

async function mountAt(path: string) {
  const router = testRouter();
  await router.push(path);
  const w = mount(ReviewPage, { ...mountOptions(router), attachTo: document.body });
  await settle();
  return { w, router };
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
});

describe('review queue', () => {
  it('lists suspects with reasons and the matched phrases marked in the text', async () => {
    api.fetchReviewQueue.mockResolvedValue(page([suspect(1), suspect(2)]));
    const { w } = await mountAt('/review');
    expect(api.fetchReviewQueue).toHaveBeenCalledWith('pending', 1, 20);
    const rows = w.findAll('[data-testid="review-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.findAll('.excerpt mark').map((m) => m.text())).toEqual(['网传', '速转']);
    expect(rows[0]!.find('img').exists()).toBe(false);
    expect(rows[0]!.text()).toContain('传播话术');
    expect(rows[0]!.text()).toContain('90');
    w.unmount();
  });

  it('asks for the reviewer name before recording anything', async () => {
    api.fetchReviewQueue.mockResolvedValue(page([suspect(1)]));
    const { w } = await mountAt('/review');
    await w.get('[data-testid="verdict-confirm"]').trigger('click');
    await settle();
    expect(api.postVerdict).not.toHaveBeenCalled();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('reviewer-input');
    w.unmount();
  });

  it('records a verdict with the remembered reviewer and drops the item from the pending list', async () => {
    localStorage.setItem('yuqing.reviewer', '李编辑');
    api.fetchReviewQueue.mockResolvedValueOnce(page([suspect(1), suspect(2)])).mockResolvedValue(page([suspect(2)]));
    api.postVerdict.mockResolvedValue({ ...suspect(1), body: '', verdict: { verdict: 'confirmed-rumor', reviewer: '李编辑', note: null, decidedAt: '2026-11-28T02:00:00Z' } });
    const { w } = await mountAt('/review');
    expect((w.get('input[data-testid="reviewer-input"]').element as HTMLInputElement).value).toBe('李编辑');
    const first = w.findAll('[data-testid="review-row"]')[0]!;
    await first.get('input[aria-label="备注（可选）"]').setValue('  已核实  ');
    await first.get('[data-testid="verdict-confirm"]').trigger('click');
    await settle();
    expect(api.postVerdict).toHaveBeenCalledWith(1, { verdict: 'confirmed-rumor', reviewer: '李编辑', note: '已核实' });
    expect(w.findAll('[data-testid="review-row"]').map((r) => r.text().includes('网传消息 1'))).toEqual([false]);
    w.unmount();
  });

  it('remembers a newly typed reviewer name', async () => {
    api.fetchReviewQueue.mockResolvedValue(page([suspect(1)]));
    api.postVerdict.mockResolvedValue({ ...suspect(1), body: '' });
    const { w } = await mountAt('/review');
    await w.get('input[data-testid="reviewer-input"]').setValue('王五');
    await w.get('[data-testid="verdict-reject"]').trigger('click');
    await settle();
    expect(api.postVerdict).toHaveBeenCalledWith(1, { verdict: 'not-rumor', reviewer: '王五' });
    expect(localStorage.getItem('yuqing.reviewer')).toBe('王五');
    w.unmount();
  });

  it('shows who decided and when on decided items, with the status taken from the URL', async () => {
    api.fetchReviewQueue.mockResolvedValue(
      page([suspect(3, { verdict: { verdict: 'confirmed-rumor', reviewer: '张三', note: '与官方通报不符', decidedAt: '2026-11-27T16:30:00Z' } })]),
    );
    const { w } = await mountAt('/review?status=decided');
    expect(api.fetchReviewQueue).toHaveBeenCalledWith('decided', 1, 20);
    const status = w.get('[data-testid="verdict-status"]').text();
    expect(status).toContain('确认谣言');
    expect(status).toContain('张三');
    expect(status).toContain('2026-11-28 00:30');
    expect(status).toContain('与官方通报不符');
    // Decided: the verdict buttons wait behind "change verdict".
    expect(w.find('[data-testid="verdict-confirm"]').exists()).toBe(false);
    await w.get('[data-testid="verdict-change"]').trigger('click');
    expect(w.find('[data-testid="verdict-confirm"]').exists()).toBe(true);
    w.unmount();
  });

  it('keeps the item when the verdict fails', async () => {
    localStorage.setItem('yuqing.reviewer', '李编辑');
    api.fetchReviewQueue.mockResolvedValue(page([suspect(1)]));
    api.postVerdict.mockRejectedValue(new ApiError(404, 'not_found', 'item 1 not found'));
    const { w } = await mountAt('/review');
    await w.get('[data-testid="verdict-confirm"]').trigger('click');
    await settle();
    expect(w.findAll('[data-testid="review-row"]')).toHaveLength(1);
    w.unmount();
  });
});
