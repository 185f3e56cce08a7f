import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueRow, ReviewQueuePage } from '../../../server/contracts/review';
import { ApiError } from '../../../web/src/api/client';
import { mountOptions, settle, testMe, testRouter } from './mount-helpers';
import type { Me } from '../../../server/contracts/auth';

const api = vi.hoisted(() => ({
  fetchReviewQueue: vi.fn(),
  postVerdict: vi.fn(),
  postClusterVerdict: vi.fn(),
  postClaim: vi.fn(),
  postRelease: vi.fn(),
  fetchSources: vi.fn(),
  fetchEvidence: vi.fn(),
  fetchCrawlRuns: vi.fn(),
}));
vi.mock('../../../web/src/api/resources', () => api);
vi.mock('../../../web/src/api/topics', () => ({ fetchTopics: vi.fn().mockResolvedValue({ topics: [] }) }));

const { default: ReviewPage } = await import('../../../web/src/features/review/ReviewPage.vue');

function suspect(id: number, over: Partial<QueueRow> = {}): QueueRow {
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
    status: 'new',
    verdict: null,
    claim: null,
    libraryLinks: [],
    clusterId: id,
    clusterSize: 1,
    sentiment: null,
    topics: [],
    priority: 0.9,
    clusterGrowth24h: 1,
    clusterInQueue: 1,
    excerpt: '网传明天封城，速转！<img src=x onerror=alert(1)>',
    highlight: null,
    ...over,
  };
}
const page = (items: QueueRow[]): ReviewQueuePage => ({ items, total: items.length, page: 1, pageSize: 20 });
const calledWith = () => Object.fromEntries(api.fetchReviewQueue.mock.calls.at(-1)![0] as URLSearchParams);

async function mountAt(path: string, me: Me = testMe('editor', { displayName: '李编辑' })) {
  const router = testRouter();
  await router.push(path);
  const w = mount(ReviewPage, { ...mountOptions(router, me), attachTo: document.body });
  await settle();
  return { w, router };
}

beforeEach(() => {
  localStorage.clear();
  api.fetchSources.mockResolvedValue({ sources: [] });
});
afterEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
});

describe('review queue', () => {
  it('lists suspects with reasons and the matched phrases marked in the text', async () => {
    api.fetchReviewQueue.mockResolvedValue(page([suspect(1), suspect(2)]));
    const { w } = await mountAt('/review');
    expect(calledWith()).toEqual({ status: 'pending', sort: 'priority', page: '1', pageSize: '20' });
    const rows = w.findAll('[data-testid="review-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.findAll('.excerpt mark').map((m) => m.text())).toEqual(['网传', '速转']);
    expect(rows[0]!.find('img').exists()).toBe(false);
    expect(rows[0]!.text()).toContain('传播话术');
    expect(rows[0]!.text()).toContain('90');
    w.unmount();
  });

  it('records verdicts under the signed-in editor: there is no name to type', async () => {
    api.fetchReviewQueue.mockResolvedValue(page([suspect(1)]));
    api.postVerdict.mockResolvedValue({ ...suspect(1), body: '' });
    const { w } = await mountAt('/review', testMe('editor', { displayName: '王五' }));
    expect(w.find('[data-testid="reviewer-input"]').exists()).toBe(false);
    await w.get('[data-testid="verdict-reject"]').trigger('click');
    await settle();
    expect(api.postVerdict).toHaveBeenCalledWith(1, { verdict: 'not-rumor', reviewer: '王五' });
    w.unmount();
  });

  it('shows the queue read-only to a role without desk:write (no verdict buttons, no shortcuts)', async () => {
    api.fetchReviewQueue.mockResolvedValue(page([suspect(1)]));
    const { w } = await mountAt('/review', testMe('leader'));
    expect(w.findAll('[data-testid="review-row"]')).toHaveLength(1);
    expect(w.find('[data-testid="verdict-reject"]').exists()).toBe(false);
    expect(w.find('[data-testid="review-readonly"]').exists()).toBe(true);
    const row = w.get('[data-testid="review-row"]');
    (row.element as HTMLElement).focus();
    await row.trigger('keydown', { key: 'n' });
    await settle();
    expect(api.postVerdict).not.toHaveBeenCalled();
    w.unmount();
  });

  it('records a verdict with the remembered reviewer and drops the item from the pending list', async () => {
    api.fetchReviewQueue.mockResolvedValueOnce(page([suspect(1), suspect(2)])).mockResolvedValue(page([suspect(2)]));
    api.postVerdict.mockResolvedValue({ ...suspect(1), body: '', verdict: { verdict: 'confirmed-rumor', reviewer: '李编辑', note: null, decidedAt: '2026-11-28T02:00:00Z' } });
    const { w } = await mountAt('/review');
    const first = w.findAll('[data-testid="review-row"]')[0]!;
    await first.get('input[aria-label="备注（可选）"]').setValue('  已核实  ');
    await first.get('[data-testid="verdict-confirm"]').trigger('click');
    await settle();
    // Confirming offers to add the claim to the library, prefilled from the title.
    expect((first.get('input[data-testid="claim-text"]').element as HTMLInputElement).value).toBe('消息 1');
    await first.get('input[data-testid="claim-text"]').setValue('明天封城');
    await first.get('[data-testid="verdict-panel"]').trigger('submit');
    await settle();
    expect(api.postVerdict).toHaveBeenCalledWith(1, {
      verdict: 'confirmed-rumor',
      reviewer: '李编辑',
      note: '已核实',
      addToLibrary: { claim: '明天封城', category: 'other' },
    });
    expect(w.findAll('[data-testid="review-row"]').map((r) => r.text().includes('网传消息 1'))).toEqual([false]);
    w.unmount();
  });

  it('shows who decided and when on decided items, with the status taken from the URL', async () => {
    api.fetchReviewQueue.mockResolvedValue(
      page([
        suspect(3, {
          status: 'confirmed-rumor',
          verdict: { verdict: 'confirmed-rumor', reviewer: '张三', note: '与官方通报不符', decidedAt: '2026-11-27T16:30:00Z', duplicateOf: null, libraryId: null },
        }),
      ]),
    );
    const { w } = await mountAt('/review?status=decided&sort=spread');
    expect(calledWith()).toMatchObject({ status: 'decided', sort: 'spread' });
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
    api.fetchReviewQueue.mockResolvedValue(page([suspect(1)]));
    api.postVerdict.mockRejectedValue(new ApiError(404, 'not_found', 'item 1 not found'));
    const { w } = await mountAt('/review');
    await w.get('[data-testid="verdict-reject"]').trigger('click');
    await settle();
    expect(api.postVerdict).toHaveBeenCalled();
    expect(w.findAll('[data-testid="review-row"]')).toHaveLength(1);
    w.unmount();
  });

  it('links a copy of a known rumour to its library entry instead of creating one', async () => {
    api.fetchReviewQueue.mockResolvedValue(
      page([suspect(4, { tags: ['known-rumor'], libraryLinks: [{ libraryId: 7, claim: '明天封城', kind: 'confirmed', similarity: 0.93 }] })]),
    );
    api.postVerdict.mockResolvedValue({ ...suspect(4), body: '' });
    const { w } = await mountAt('/review');
    expect(w.get('[data-testid="known-rumor-link"]').text()).toContain('明天封城');
    expect(w.get('[data-testid="known-rumor-link"] a').attributes('href')).toBe('/library/7');
    await w.get('[data-testid="verdict-confirm"]').trigger('click');
    await w.get('[data-testid="verdict-panel"]').trigger('submit');
    await settle();
    expect(api.postVerdict).toHaveBeenCalledWith(4, { verdict: 'confirmed-rumor', reviewer: '李编辑', libraryId: 7 });
    w.unmount();
  });

  it('asks what to verify before parking an item, and names the original of a duplicate', async () => {
    api.fetchReviewQueue.mockResolvedValue(page([suspect(5)]));
    api.postVerdict.mockResolvedValue({ ...suspect(5), body: '' });
    const { w } = await mountAt('/review');
    await w.get('[data-testid="verdict-verify"]').trigger('click');
    expect(w.get('[data-testid="verdict-save"]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid="verdict-panel"]').trigger('submit');
    expect(api.postVerdict).not.toHaveBeenCalled();
    await w.get('input[data-testid="verify-note"]').setValue('向卫健委核实');
    await w.get('[data-testid="verdict-panel"]').trigger('submit');
    await settle();
    expect(api.postVerdict).toHaveBeenCalledWith(5, { verdict: 'needs-verification', reviewer: '李编辑', note: '向卫健委核实' });
    w.unmount();
  });

  it('offers a verdict for the whole cluster and reports the copies left alone', async () => {
    api.fetchReviewQueue.mockResolvedValue(page([suspect(6, { clusterId: 2, clusterSize: 5, clusterInQueue: 3 })]));
    api.postClusterVerdict.mockResolvedValue({ clusterId: 2, updated: [6, 7], skipped: [{ id: 8, reason: 'claimed' }] });
    const { w } = await mountAt('/review');
    expect(w.get('[data-testid="bulk-confirm"]').text()).toContain('3');
    await w.get('[data-testid="bulk-confirm"]').trigger('click');
    await settle();
    expect(api.postClusterVerdict).toHaveBeenCalledWith(2, { verdict: 'confirmed-rumor', reviewer: '李编辑' });
    w.unmount();
  });

  it('shows who holds a claim and hides the verdict controls from other editors', async () => {
    api.fetchReviewQueue.mockResolvedValue(page([suspect(9, { status: 'in-progress', claim: { by: '张三', expiresAt: '2026-11-28T02:15:00Z' } })]));
    const { w } = await mountAt('/review');
    expect(w.get('[data-testid="claim-status"]').text()).toContain('张三');
    expect(w.find('[data-testid="verdict-confirm"]').exists()).toBe(false);
    w.unmount();
  });

  it('claims and decides from the keyboard on the focused card, never while typing', async () => {
    api.fetchReviewQueue.mockResolvedValue(page([suspect(10), suspect(11)]));
    api.postClaim.mockResolvedValue({ ...suspect(10), body: '' });
    api.postVerdict.mockResolvedValue({ ...suspect(11), body: '' });
    const { w } = await mountAt('/review');
    const rows = w.findAll('[data-testid="review-row"]');
    (rows[0]!.element as HTMLElement).focus();
    await rows[0]!.trigger('keydown', { key: 'x' });
    await settle();
    expect(api.postClaim).toHaveBeenCalledWith(10, '李编辑');
    await rows[0]!.trigger('keydown', { key: 'j' });
    expect(document.activeElement).toBe(rows[1]!.element);
    await rows[1]!.get('input[aria-label="备注（可选）"]').trigger('keydown', { key: 'n' });
    expect(api.postVerdict).not.toHaveBeenCalled();
    await rows[1]!.trigger('keydown', { key: 'n' });
    await settle();
    expect(api.postVerdict).toHaveBeenCalledWith(11, { verdict: 'not-rumor', reviewer: '李编辑' });
    w.unmount();
  });

  it('looks up draft evidence only when the editor opens it, and shows it as text', async () => {
    api.fetchReviewQueue.mockResolvedValue(page([suspect(12)]));
    api.fetchEvidence.mockResolvedValue([
      { itemId: 40, rebuttalId: null, title: '关于道路正常通行的说明<script>', url: 'https://gov.example/1', sourceName: '区政府', publishedAt: '2026-11-28T01:00:00Z', score: 0.42, phrases: ['明天全部道路封闭'] },
      { itemId: null, rebuttalId: 3, title: '辟谣记录', url: 'javascript:alert(1)', sourceName: '辟谣记录', publishedAt: '2026-11-28T02:00:00Z', score: 0.2, phrases: [] },
    ]);
    const { w } = await mountAt('/review');
    expect(api.fetchEvidence).not.toHaveBeenCalled();
    const details = w.get('[data-testid="evidence"]');
    (details.element as HTMLDetailsElement).open = true;
    await details.trigger('toggle');
    await settle();
    expect(api.fetchEvidence).toHaveBeenCalledWith(12);
    const rows = w.findAll('[data-testid="evidence-row"]');
    expect(rows[0]!.get('a').attributes('href')).toBe('/items/40');
    expect(rows[0]!.text()).toContain('关于道路正常通行的说明<script>');
    expect(rows[0]!.get('mark').text()).toBe('明天全部道路封闭');
    expect(rows[1]!.find('a').exists()).toBe(false);
    w.unmount();
  });
});
