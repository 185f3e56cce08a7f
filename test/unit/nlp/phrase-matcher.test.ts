import { describe, expect, it } from 'vitest';
import { createPhraseMatcher } from '../../../server/nlp/phrase-matcher';

describe('createPhraseMatcher', () => {
  const phrases = ['谣言', '是谣言', '不是谣言', '扩散', '紧急扩散'];
  const m = createPhraseMatcher(phrases);
  const found = (text: string) => m.findAll(text).map((h) => phrases[h.id]);

  it('prefers the longest phrase at a position', () => {
    expect(found('请紧急扩散')).toEqual(['紧急扩散']);
  });

  it('prefers the leftmost start, so a denial hides the debunk inside it', () => {
    expect(found('这不是谣言')).toEqual(['不是谣言']);
    expect(found('这是谣言')).toEqual(['是谣言']);
  });

  it('finds repeated and separate phrases in text order with positions', () => {
    const hits = m.findAll('扩散,谣言,扩散');
    expect(hits.map((h) => [phrases[h.id], h.start, h.end])).toEqual([
      ['扩散', 0, 2],
      ['谣言', 3, 5],
      ['扩散', 6, 8],
    ]);
  });

  it('finds nothing in unrelated text', () => {
    expect(m.findAll('今天天气很好')).toEqual([]);
    expect(m.findAll('')).toEqual([]);
  });

  it('rejects an empty phrase', () => {
    expect(() => createPhraseMatcher([''])).toThrow();
  });
});
