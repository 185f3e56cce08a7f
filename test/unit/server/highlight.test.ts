import { describe, expect, it } from 'vitest';
import { excerptOf, type Segment } from '../../../server/services/highlight';
import { highlightFor, markExcerpt, markTitle, queryTerms } from '../../../server/services/search-highlight';

const marked = (segs: Segment[] | null) => segs?.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('') ?? null;

describe('search result marks, made on the server', () => {
  it('cuts a Chinese query into its words, keeps the phrase, and drops lone characters of longer parts', () => {
    const terms = queryTerms('自来水污染');
    expect(terms).toContain('自来水污染');
    expect(terms).toContain('自来水');
    expect(terms).toContain('污染');
    expect(terms.every((t) => t.length > 1)).toBe(true);
    // Longest first, so the whole phrase wins where it occurs.
    expect(terms[0]).toBe('自来水污染');
    expect(queryTerms('停水 Metro')).toEqual(expect.arrayContaining(['停水', 'metro']));
    expect(queryTerms('水')).toEqual(['水']);
    expect(queryTerms('   ')).toEqual([]);
  });

  it('marks every occurrence in the title, case-insensitively', () => {
    expect(marked(markTitle('东城停水通知：METRO 停水两天', queryTerms('停水 metro')))).toBe('东城[停水]通知：[METRO] [停水]两天');
    expect(markTitle('天气晴', queryTerms('停水'))).toBeNull();
  });

  it('shows the body around its first hit, with ellipses where text is left out', () => {
    const body = `${'前文'.repeat(40)}据说自来水被污染了，千万别喝${'后文'.repeat(100)}`;
    const segs = markExcerpt(body, queryTerms('自来水污染'))!;
    const text = marked(segs)!;
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text).toContain('据说[自来水]被[污染]了');
    expect(segs.filter((s) => !s.hit).every((s) => s.text.length > 0)).toBe(true);
    expect(text.length).toBeLessThan(140);
    // A hit near the start needs no leading ellipsis.
    expect(marked(markExcerpt('自来水没问题', queryTerms('自来水')))).toBe('[自来水]没问题');
  });

  it('prefers the body, falls back to the title, and marks nothing without a hit', () => {
    expect(marked(highlightFor({ title: '停水', body: '明天停水' }, queryTerms('停水')))).toBe('明天[停水]');
    expect(marked(highlightFor({ title: '停水通知', body: '详见附件' }, queryTerms('停水')))).toBe('[停水]通知');
    expect(highlightFor({ title: '通知', body: '详见附件' }, queryTerms('停水'))).toBeNull();
  });

  it('marks words the engine matched through the normalised text (traditional script) in the text as published', () => {
    // The query is normalised (simplified); the post is in traditional characters.
    expect(marked(markTitle('網傳地鐵明天停運', queryTerms('地铁')))).toBe('網傳[地鐵]明天停運');
    expect(marked(highlightFor({ title: '通知', body: '據說自來水被污染了' }, queryTerms('自来水')))).toBe('據說[自來水]被污染了');
  });

  it('keeps crawled markup as plain text and never splits a surrogate pair', () => {
    const segs = markTitle('<img src=x onerror=alert(1)>封城', queryTerms('封城'))!;
    expect(segs).toEqual([
      { text: '<img src=x onerror=alert(1)>', hit: false },
      { text: '封城', hit: true },
    ]);
    const emoji = `${'😀'.repeat(30)}封城${'😀'.repeat(100)}`;
    const text = marked(markExcerpt(emoji, queryTerms('封城')))!;
    expect(text).toContain('[封城]');
    // In a u-mode pattern a surrogate range matches only a lone (unpaired) surrogate.
    expect(text).not.toMatch(/[\ud800-\udfff]/u);
  });

  it('shortens long bodies to an excerpt with an ellipsis', () => {
    expect(excerptOf('一二三四五', 3)).toBe('一二三…');
    expect(excerptOf('  短  文  ')).toBe('短 文');
  });
});
