import { describe, expect, it } from 'vitest';
import { NonRetryableError } from '../../../../crawler/errors';
import { parseDetailPage, parseListPage } from '../../../../crawler/sources/html-list';

const list = { link: 'ul.list li a', next: 'a.next', maxPages: 3 };
const detail = { title: 'h1.title', time: '.meta .time', body: 'div.content', author: '.meta .author' };

const LIST = `<html><head><title>通知公告</title></head><body>
<ul class="list">
  <li><a href="./t20230604_1.htm?utm_source=wx#top">关于停水的通知</a><span>2023-06-04</span></li>
  <li><a href="/tzgg/t20230603_2.htm?from=list">关于防汛的通知</a></li>
  <li><a href="./t20230604_1.htm">重复链接</a></li>
  <li><a href="javascript:void(0)">脚本链接</a></li>
  <li><a>没有链接</a></li>
</ul>
<div class="pages"><a class="next" href="index_1.htm">下一页</a></div></body></html>`;

describe('parseListPage', () => {
  it('returns absolute canonical links without repeats, and the next page', () => {
    const out = parseListPage(LIST, 'https://www.example.gov.cn/tzgg/index.htm', { list });
    expect(out.links).toEqual(['https://www.example.gov.cn/tzgg/t20230604_1.htm', 'https://www.example.gov.cn/tzgg/t20230603_2.htm']);
    expect(out.next).toBe('https://www.example.gov.cn/tzgg/index_1.htm');
  });

  it('has no next page without a next selector, a next link, or when next points at itself', () => {
    expect(parseListPage(LIST, 'https://x.cn/tzgg/index.htm', { list: { link: list.link, maxPages: 1 } }).next).toBeNull();
    expect(parseListPage('<ul class="list"><li><a href="1.htm">a</a></li></ul>', 'https://x.cn/', { list }).next).toBeNull();
    const self = '<ul class="list"><li><a href="1.htm">a</a></li></ul><a class="next" href="index.htm#">下一页</a>';
    expect(parseListPage(self, 'https://x.cn/index.htm', { list }).next).toBeNull();
  });

  it('accepts a selector that matches rows containing the link, and honours <base href>', () => {
    const html = '<head><base href="https://cdn.example.com/news/"></head><div class="row"><span>x</span><a href="a.html">A</a></div>';
    expect(parseListPage(html, 'https://example.com/', { list: { link: 'div.row', maxPages: 1 } }).links).toEqual(['https://cdn.example.com/news/a.html']);
  });

  it('reports a layout change when the link selector matches nothing', () => {
    expect(() => parseListPage('<div>改版了</div>', 'https://x.cn/', { list })).toThrow(NonRetryableError);
    expect(() => parseListPage('<div>改版了</div>', 'https://x.cn/', { list })).toThrow(/layout changed: list\.link/);
  });
});

const DETAIL = `<!DOCTYPE html><html><head><title>页面标题 - 清河区</title><meta property="og:title" content="OG 标题"></head><body>
<nav>首页 | 通知公告</nav>
<h1 class="title">关于东城街道临时停水的通知</h1>
<div class="meta"><span class="time">发布时间：2023-06-04 18:45</span> <span class="author">来源：清河区水务局</span></div>
<div class="content"><p>因管网维修，6月5日停水。</p><script>track()</script><p>请提前储水。</p></div>
<footer>版权所有</footer></body></html>`;

describe('parseDetailPage', () => {
  it('reads a page of unknown layout with the generic extractor when no detail selectors are configured', () => {
    const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于东城街道临时停水的通知_清河区人民政府</title></head><body>
      <div class="nav"><a href="/">首页</a> <a href="/tzgg">通知公告</a></div>
      <div class="wrap"><h1>关于东城街道临时停水的通知</h1><div class="info">发布日期：2023年06月04日 来源：清河区水务局</div>
      <div class="art"><p>因供水管网维修，东城街道部分小区将于6月5日8时至18时临时停水，请居民提前做好储水准备。</p>
      <p>给您带来的不便，敬请谅解。如有疑问，请拨打供水服务热线咨询。</p></div>
      <div class="share">分享到：微信 微博</div></div><div class="footer">版权所有：清河区人民政府</div></body></html>`;
    const out = parseDetailPage(page, 'https://x.cn/2.htm', { detail: undefined });
    expect(out.title).toBe('关于东城街道临时停水的通知');
    expect(out.body).toContain('临时停水，请居民提前做好储水准备');
    expect(out.body).not.toContain('版权所有');
    expect(out.body).not.toContain('分享到');
    expect(out.publishedAt).toBe('2023-06-04T00:00:00+08:00');
    expect(out.publishedPrecision).toBe('day');
  });

  it('extracts title, plain-text body, date with +08:00 and author', () => {
    const out = parseDetailPage(DETAIL, 'https://x.cn/1.htm', { detail });
    expect(out).toEqual({
      url: 'https://x.cn/1.htm',
      title: '关于东城街道临时停水的通知',
      body: '因管网维修，6月5日停水。\n请提前储水。',
      publishedPrecision: 'minute',
      publishedAt: '2023-06-04T18:45:00+08:00',
      author: '清河区水务局',
    });
  });

  it('falls back to og:title, then <title>', () => {
    const noH1 = DETAIL.replace(/<h1[^>]*>.*?<\/h1>/, '');
    expect(parseDetailPage(noH1, 'https://x.cn/1', { detail }).title).toBe('OG 标题');
    expect(parseDetailPage(noH1.replace(/<meta property[^>]*>/, ''), 'https://x.cn/1', { detail }).title).toBe('页面标题 - 清河区');
  });

  it('reads <time datetime> and falls back to a date labelled 发布日期 in the text', () => {
    const withTime = '<time class="t" datetime="2023-06-04T10:00:00Z">昨天</time><div class="content">正文</div>';
    expect(parseDetailPage(withTime, 'https://x.cn/1', { detail: { ...detail, time: 'time.t' } }).publishedAt).toBe('2023-06-04T18:00:00+08:00');
    const labelled = '<h1 class="title">通知</h1><div class="info">发布日期：2023年06月04日 09:30</div><div class="content">正文</div>';
    expect(parseDetailPage(labelled, 'https://x.cn/1', { detail: { title: 'h1.title', body: 'div.content' } }).publishedAt).toBe('2023-06-04T09:30:00+08:00');
    const undated = '<h1 class="title">通知</h1><div class="content">正文</div>';
    expect(parseDetailPage(undated, 'https://x.cn/1', { detail }).publishedAt).toBeNull();
  });

  it('reports a layout change when the body selector matches nothing', () => {
    expect(() => parseDetailPage('<h1 class="title">x</h1>', 'https://x.cn/1', { detail })).toThrow(/layout changed: detail\.body/);
  });
});
