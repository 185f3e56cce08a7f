import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import HighlightText from '../../../web/src/components/HighlightText.vue';

describe('HighlightText', () => {
  it('marks hits and shows crawled HTML as text, never as markup', () => {
    const w = mount(HighlightText, {
      props: {
        segments: [
          { text: '<img src=x onerror="alert(1)">网传', hit: false },
          { text: '封城', hit: true },
          { text: '<script>alert(2)</script>', hit: false },
        ],
      },
    });
    expect(w.findAll('mark').map((m) => m.text())).toEqual(['封城']);
    expect(w.find('img').exists()).toBe(false);
    expect(w.find('script').exists()).toBe(false);
    expect(w.text()).toContain('<img src=x onerror="alert(1)">网传');
  });
});
