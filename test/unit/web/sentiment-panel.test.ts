import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Item } from '../../../server/contracts/item';
import { mountOptions, settle, signInAs, testMe } from './mount-helpers';
import SentimentPanel from '../../../web/src/features/search/SentimentPanel.vue';
import SentimentBadge from '../../../web/src/components/SentimentBadge.vue';

const api = vi.hoisted(() => ({ putSentiment: vi.fn() }));
vi.mock('../../../web/src/api/topics', () => api);

const item = {
  id: 5,
  title: '停水通知',
  sentiment: { label: 'neutral', confidence: 0.62, source: 'model', actor: null },
  topics: [],
} as unknown as Item;

beforeEach(() => localStorage.clear());
afterEach(() => vi.clearAllMocks());

describe('sentiment on the item page', () => {
  it('shows the label, who set it and how sure', () => {
    const w = mount(SentimentPanel, { ...mountOptions(), props: { item } });
    expect(w.get('[data-testid="sentiment-badge"]').text()).toContain('中性');
    expect(w.text()).toContain('模型判定');
    expect(w.text()).toContain('置信度 62%');
  });

  it('saves the correction under the signed-in analyst and hands back the stored item', async () => {
    signInAs('王');
    const corrected = { ...item, sentiment: { label: 'neg', confidence: 1, source: 'analyst', actor: '王' } };
    api.putSentiment.mockResolvedValue({ item: corrected, changed: [5, 6] });
    const w = mount(SentimentPanel, { ...mountOptions(), props: { item } });
    await w.findAll('[data-testid="sentiment-choice"] input')[2]!.setValue(true);
    await w.get('form').trigger('submit');
    await settle();
    expect(api.putSentiment).toHaveBeenCalledWith(5, 'neg', '王');
    expect(w.emitted('corrected')?.[0]).toEqual([corrected]);
  });

  it('offers no correction to a role without monitor:write', () => {
    const w = mount(SentimentPanel, { ...mountOptions(undefined, testMe('leader')), props: { item } });
    expect(w.find('form').exists()).toBe(false);
  });

  it('names the analyst on a corrected label', () => {
    const w = mount(SentimentBadge, { ...mountOptions(), props: { sentiment: { label: 'pos', confidence: 1, source: 'analyst', actor: '李' }, detail: true } });
    expect(w.text()).toContain('正面');
    expect(w.text()).toContain('李 人工修正');
  });
});
