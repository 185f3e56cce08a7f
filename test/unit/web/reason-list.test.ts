import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { Reason } from '../../../server/contracts/item';
import { SIGNALS } from '../../../server/tagging/signals';
import { setLocale } from '../../../web/src/i18n';
import { en } from '../../../web/src/i18n/en';
import { zhCN } from '../../../web/src/i18n/zh-CN';
import ReasonList from '../../../web/src/components/ReasonList.vue';
import { mountOptions } from './mount-helpers';

const reasons: Reason[] = [
  { code: 'marker-phrase', label: '传谣标记：来源不明的传闻', signal: 'hearsay', weight: 0.6, matches: ['据内部消息'] },
  { code: 'classifier', label: '统计模型判断', signal: 'classifier', weight: 0.81, matches: [] },
  // Tagged before reasons named their signal, and a signal this build does not know.
  { code: 'marker-phrase', label: '传谣标记：号召转发扩散', weight: 0.4, matches: ['速转'] },
  { code: 'something-new', label: '新的依据', signal: 'something-new', weight: 0.1, matches: [] },
];

describe('the reasons an item was scored', () => {
  it('are worded in the reader’s language by their signal, and as the server said otherwise', () => {
    const opts = mountOptions();
    setLocale('en');
    const labels = mount(ReasonList, { ...opts, props: { reasons } }).findAll('.label').map((l) => l.text());
    expect(labels).toEqual(['Rumour marker: hearsay of unknown origin', 'Statistical model', '传谣标记：号召转发扩散', '新的依据']);
    setLocale('zh-CN');
  });

  it('has words for every lexicon signal, in Chinese exactly the server’s label', () => {
    for (const [key, spec] of Object.entries(SIGNALS)) {
      if (spec.label === '') continue; // a cue: never a reason of its own
      expect((zhCN.reasons as Record<string, string>)[key], key).toBe(spec.label);
      expect((en.reasons as Record<string, string>)[key], key).toBeTruthy();
    }
  });
});
