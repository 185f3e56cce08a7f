import { describe, expect, it } from 'vitest';
import { highlightPhrases } from '../../../web/src/highlight';

describe('marking matched phrases', () => {
  it('splits text into plain and hit segments', () => {
    expect(highlightPhrases('网传明天封城，速转！', ['封城', '速转'])).toEqual([
      { text: '网传明天', hit: false },
      { text: '封城', hit: true },
      { text: '，', hit: false },
      { text: '速转', hit: true },
      { text: '！', hit: false },
    ]);
  });

  it('prefers the longest phrase where phrases overlap and marks every occurrence', () => {
    expect(highlightPhrases('紧急通知紧急', ['紧急', '紧急通知'])).toEqual([
      { text: '紧急通知', hit: true },
      { text: '紧急', hit: true },
    ]);
  });

  it('ignores case for Latin text and keeps the original spelling', () => {
    expect(highlightPhrases('Share NOW', ['now'])).toEqual([
      { text: 'Share ', hit: false },
      { text: 'NOW', hit: true },
    ]);
  });

  it('copes with no phrases, blank phrases and empty text', () => {
    expect(highlightPhrases('正文', [])).toEqual([{ text: '正文', hit: false }]);
    expect(highlightPhrases('正文', ['', '  '])).toEqual([{ text: '正文', hit: false }]);
    expect(highlightPhrases('', ['a'])).toEqual([]);
  });

  it('keeps markup in the text as plain characters', () => {
    const segs = highlightPhrases('<img src=x onerror=alert(1)>谣言', ['谣言']);
    expect(segs.map((s) => s.text).join('')).toBe('<img src=x onerror=alert(1)>谣言');
  });
});
