import { describe, expect, it } from 'vitest';
import { canonicalUrl, isTrackingParam } from '../../../../crawler/pipeline/canonical-url';

describe('canonicalUrl', () => {
  it('lowercases scheme and host, drops the default port and the fragment', () => {
    expect(canonicalUrl('HTTP://WWW.Example.GOV.cn:80/News/1.html#top')).toBe('http://www.example.gov.cn/News/1.html');
    expect(canonicalUrl('https://example.com:443/a')).toBe('https://example.com/a');
    expect(canonicalUrl('https://example.com:8443/a')).toBe('https://example.com:8443/a');
  });

  it('strips tracking parameters and sorts the rest', () => {
    expect(
      canonicalUrl('https://example.com/a?utm_source=wx&id=7&spm=a.b.c&from=timeline&share=1&fbclid=x&gclid=y&UTM_Medium=z&cat=2'),
    ).toBe('https://example.com/a?cat=2&id=7');
    expect(canonicalUrl('https://example.com/a?utm_source=wx')).toBe('https://example.com/a');
  });

  it('keeps parameter values exactly as written, and repeated keys in order', () => {
    expect(canonicalUrl('https://example.com/s?q=%E6%B8%85%E6%B2%B3&b=2&a=1&a=0')).toBe('https://example.com/s?a=1&a=0&b=2&q=%E6%B8%85%E6%B2%B3');
  });

  it('resolves relative links against the page URL', () => {
    const page = 'https://www.example.gov.cn/tzgg/index_1.htm';
    expect(canonicalUrl('./t20230604_123.htm', page)).toBe('https://www.example.gov.cn/tzgg/t20230604_123.htm');
    expect(canonicalUrl('../zwgk/1.html?from=list', page)).toBe('https://www.example.gov.cn/zwgk/1.html');
    expect(canonicalUrl('/a/b.html', page)).toBe('https://www.example.gov.cn/a/b.html');
    expect(canonicalUrl('//cdn.example.com/x', page)).toBe('https://cdn.example.com/x');
  });

  it('rejects what is not an http(s) URL', () => {
    expect(canonicalUrl('javascript:void(0)')).toBeNull();
    expect(canonicalUrl('mailto:a@b.cn')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
    expect(canonicalUrl('ftp://example.com/file')).toBeNull();
  });

  it('drops credentials and is idempotent', () => {
    const once = canonicalUrl('https://user:pw@example.com/p?b=1&a=2#x')!;
    expect(once).toBe('https://example.com/p?a=2&b=1');
    expect(canonicalUrl(once)).toBe(once);
  });

  it('knows the usual trackers', () => {
    for (const p of ['utm_campaign', 'spm', 'from', 'share', 'fbclid', 'gclid', 'scene', 'vd_source']) expect(isTrackingParam(p)).toBe(true);
    for (const p of ['id', 'page', 'q', 'tid']) expect(isTrackingParam(p)).toBe(false);
  });
});
