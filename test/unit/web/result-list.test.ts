import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ResultList from '../../../web/src/features/search/ResultList.vue';
import type { ItemSummary } from '../../../server/contracts/api';
import { mountOptions, testRouter } from './mount-helpers';

function summary(over: Partial<ItemSummary>): ItemSummary {
  return {
    id: 1,
    sourceId: 'demo-forum',
    sourceName: '区论坛',
    kind: 'post',
    url: 'https://example.test/1',
    title: '标题',
    publishedAt: '2026-11-27T16:30:00Z',
    publishedPrecision: 'minute',
    collectedAt: '2026-11-28T01:00:00Z',
    tags: [],
    score: 0,
    reasons: [],
    status: 'new',
    verdict: null,
    claim: null,
    libraryLinks: [],
    clusterId: 1,
    clusterSize: 1,
    sentiment: null,
    topics: [],
    excerpt: '摘要',
    highlight: null,
    ...over,
  };
}

describe('search result list', () => {
  it('marks highlight hits and shows crawled HTML as text, never as markup', async () => {
    const router = testRouter();
    await router.push('/search');
    const w = mount(ResultList, {
      ...mountOptions(router),
      props: {
        items: [
          summary({
            id: 7,
            title: '<img src=x onerror=alert(1)>网传封城',
            tags: ['rumor-suspect'],
            score: 0.83,
            highlight: [
              { text: '<img src=x onerror=alert(1)>网传', hit: false },
              { text: '封城', hit: true },
              { text: '<b>明天</b>', hit: false },
            ],
          }),
        ],
      },
    });
    const row = w.get('[data-testid="result-row"]');
    expect(row.findAll('mark').map((m) => m.text())).toEqual(['封城']);
    expect(row.find('img').exists()).toBe(false);
    expect(row.find('b').exists()).toBe(false);
    expect(row.text()).toContain('<img src=x onerror=alert(1)>网传封城');
    expect(row.text()).toContain('<b>明天</b>');
    // Localised tag and kind, score as a percentage, Beijing time.
    expect(row.text()).toContain('疑似谣言');
    expect(row.text()).toContain('帖子');
    expect(row.text()).toContain('83');
    expect(row.get('time').text()).toBe('2026-11-28 00:30');
    expect(row.get('a').attributes('href')).toBe('/items/7');
  });

  it('falls back to the excerpt without a highlight, and to the excerpt for an empty title', async () => {
    const w = mount(ResultList, {
      ...mountOptions(),
      props: { items: [summary({ title: '  ', excerpt: '<script>alert(1)</script>正文', verdict: { verdict: 'not-rumor', reviewer: '张三', note: null, decidedAt: '2026-11-28T02:00:00Z', duplicateOf: null, libraryId: null } })] },
    });
    expect(w.find('script').exists()).toBe(false);
    expect(w.get('a').text()).toBe('<script>alert(1)</script>正文');
    expect(w.get('[data-testid="result-verdict"]').text()).toBe('非谣言');
    expect(w.find('mark').exists()).toBe(false);
  });

  it('says how far a story spread when it has near-duplicates', () => {
    const w = mount(ResultList, { ...mountOptions(), props: { items: [summary({ id: 1, clusterSize: 4 }), summary({ id: 2 })] } });
    expect(w.findAll('[data-testid="result-spread"]').map((s) => s.text())).toEqual(['相似内容 4 条']);
  });

  it('renders one row per item', () => {
    const w = mount(ResultList, { ...mountOptions(), props: { items: [summary({ id: 1 }), summary({ id: 2 }), summary({ id: 3 })] } });
    expect(w.findAll('[data-testid="result-row"]')).toHaveLength(3);
  });
});
