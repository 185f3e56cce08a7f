import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import HighlightText from '../../../web/src/components/HighlightText.vue';
import { chunkForLayout, highlightPhrases, LAYOUT_CHUNK } from '../../../web/src/highlight';

describe('chunkForLayout (long unbroken crawled lines)', () => {
  it('leaves short text alone', () => {
    expect(chunkForLayout('短文本')).toEqual(['短文本']);
  });

  it('cuts a 100 000-character line into bounded pieces that join back to the text', () => {
    const text = `樱桃${'A'.repeat(100_000)}`;
    const chunks = chunkForLayout(text);
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBeGreaterThan(400);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(LAYOUT_CHUNK * 2);
  });

  // (A run of joining characters longer than 2 × max is cut anyway, so one piece stays bounded.)
  it('never cuts inside a surrogate pair, a ZWJ sequence, a combining mark or a variation selector', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
    const zalgo = `Z${'\u0336\u0321\u031B'.repeat(5)}`;
    const flag = '\u{1F3F3}\uFE0F\u200D\u{1F308}';
    const text = `${family}${zalgo}${flag}x`.repeat(300);
    for (const max of [40, 50, 64, 99, 200]) {
      const chunks = chunkForLayout(text, max);
      expect(chunks.join('')).toBe(text);
      for (const c of chunks) {
        expect(c, `max ${max}`).not.toMatch(/^[\p{M}\u200d\ufe0f\udc00-\udfff]/u);
        expect(c, `max ${max}`).not.toMatch(/[\u200d\ud800-\udbff]$/);
      }
    }
  });
});

describe('HighlightText with hostile text', () => {
  it('renders a 100 000-character line as many small spans, as text, with the hit still marked', () => {
    const long = 'A'.repeat(100_000);
    const w = mount(HighlightText, {
      props: { segments: [{ text: `<script>alert(1)</script>${long}`, hit: false }, { text: '樱桃', hit: true }, { text: '</mark><img src=x onerror=alert(1)>', hit: false }] },
    });
    expect(w.findAll('span.hl > span').length).toBeGreaterThan(400);
    expect(w.findAll('mark').map((m) => m.text())).toEqual(['樱桃']);
    expect(w.find('script').exists()).toBe(false);
    expect(w.find('img').exists()).toBe(false);
    expect(w.text()).toBe(`<script>alert(1)</script>${long}樱桃</mark><img src=x onerror=alert(1)>`);
  });

  it('keeps phrase highlighting of a text that carries <mark> itself as text', () => {
    const segs = highlightPhrases('<mark>石榴</mark><script>alert(1)</script>', ['石榴']);
    expect(segs).toEqual([
      { text: '<mark>', hit: false },
      { text: '石榴', hit: true },
      { text: '</mark><script>alert(1)</script>', hit: false },
    ]);
    const w = mount(HighlightText, { props: { segments: segs } });
    expect(w.findAll('mark').length).toBe(1);
    expect(w.find('script').exists()).toBe(false);
  });
});
