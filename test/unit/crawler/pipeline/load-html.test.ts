import { describe, expect, it } from 'vitest';
import { hasMismatchedHeadings, loadHtml, namesImpliedElement } from '../../../../crawler/pipeline/load-html';
import { parseDetailPage, parseListPage } from '../../../../crawler/sources/html-list';

describe('loadHtml: the fast parser where it reads pages as parse5 does', () => {
  it('decodes entities, <br> and attributes as parse5 does', () => {
    const html = '<div><a href="list.asp?id=1&copy=2&amp;x=3">a&nbsp;b &copy 2023 &#x4e2d;</a><p>x<br>y</br>z</p></div>';
    const fast = loadHtml(html);
    const html5 = loadHtml(html, { strict: true });
    expect(fast('a').attr('href')).toBe(html5('a').attr('href'));
    expect(fast('a').attr('href')).toBe('list.asp?id=1&copy=2&x=3');
    expect(fast.root().text()).toBe(html5.root().text());
    expect(fast('br')).toHaveLength(2);
  });

  it('sends selectors naming elements only parse5 implies (tbody, body) to parse5', () => {
    expect(namesImpliedElement('table > tbody > tr a')).toBe(true);
    expect(namesImpliedElement('body > div.list a')).toBe(true);
    expect(namesImpliedElement('ul.news-list li a')).toBe(false);
    expect(namesImpliedElement('.tbody-like a, #bodytext')).toBe(false);
    const html = '<table class="list"><tr><td><a href="/a/1.html">一</a></td></tr></table>';
    expect(loadHtml(html)('table > tbody > tr a')).toHaveLength(0);
    expect(loadHtml(html, { selectors: ['table > tbody > tr a'] })('table > tbody > tr a')).toHaveLength(1);
  });

  it('sends pages with mismatched heading tags to parse5, which closes the heading as a browser does', () => {
    const broken = '<body><h1 class="t">区图书馆暑期开放</h2><div class="c">暑期每天开放</div></body>';
    expect(hasMismatchedHeadings(broken)).toBe(true);
    expect(hasMismatchedHeadings('<header><h1>标题</h1><H2 class="x">小标题</H2><hr></header>')).toBe(false);
    expect(loadHtml(broken)('h1.t').text()).toBe('区图书馆暑期开放');
  });
});

describe('html-list pages on the fast parser', () => {
  const detail = { title: 'h1.title', body: 'div.content', time: '.meta .time' };

  it('finds a labelled date on a page without <body>', () => {
    const page = '<h1 class="title">通知</h1><div class="info">发布日期：2023年06月04日 09:30</div><div class="content">正文</div>';
    expect(parseDetailPage(page, 'https://x.cn/1', { detail: { title: 'h1.title', body: 'div.content' } }).publishedAt).toBe('2023-06-04T09:30:00+08:00');
  });

  it('reads list links through a devtools selector with tbody, and retries with parse5 before calling a layout change', () => {
    const html = '<table id="l"><tr><td><a href="/a/1.html">一</a></td></tr><tr><td><a href="/a/2.html">二</a></td></tr></table>';
    const out = parseListPage(html, 'https://x.cn/', { list: { link: '#l > tbody > tr a', maxPages: 1 } });
    expect(out.links).toEqual(['https://x.cn/a/1.html', 'https://x.cn/a/2.html']);
    // A selector that misses only because htmlparser2 builds no implied element (here it steps
    // through the implied tbody without naming it) is retried with parse5, not reported.
    const nth = parseListPage(html, 'https://x.cn/', { list: { link: '#l > :first-child > tr:nth-child(2) a', maxPages: 1 } });
    expect(nth.links).toEqual(['https://x.cn/a/2.html']);
  });

  it('keeps the detail body selector working when only parse5 would find it', () => {
    const html = '<table class="art"><tr><td class="content">正文第一段</td></tr></table><h1 class="title">标题</h1>';
    expect(parseDetailPage(html, 'https://x.cn/1', { detail: { title: 'h1.title', body: '.art > :first-child td' } }).body).toBe('正文第一段');
  });

  it('takes the first match of each detail selector, whatever order they come in, and :first-style selectors alone', () => {
    const html = `<div class="content">第一个正文</div><div class="meta"><span class="author">来源：甲</span></div>
      <h1 class="title">后面的标题</h1><div class="content">第二个正文</div><span class="author">来源：乙</span><h1 class="title">第二个标题</h1>`;
    const out = parseDetailPage(html, 'https://x.cn/1', { detail: { title: 'h1.title', body: 'div.content', author: '.meta .author, .author' } });
    expect(out).toMatchObject({ title: '后面的标题', body: '第一个正文', author: '甲' });
    const positional = parseDetailPage(html, 'https://x.cn/1', { detail: { title: 'h1.title:last', body: 'div.content:eq(1)' } });
    expect(positional).toMatchObject({ title: '第二个标题', body: '第二个正文' });
  });
});

describe('loadHtml: one shared cheerio instance for the fast parser', () => {
  const html =
    '<html><head><title>T</title></head><body><div id="zoom"><p>甲</p><p class="x">乙 <a href="/a">链接</a></p></div><ul><li>1</li><li>2</li></ul></body></html>';

  it('answers selectors, wrapped nodes and the root as cheerio/slim load() does', async () => {
    const { load } = await import('cheerio/slim');
    const ours = loadHtml(html);
    const theirs = load(html);
    for (const sel of ['#zoom', 'p.x a', 'li', 'title', 'li:first', 'ul li:eq(1)', 'p, li', 'nothing']) {
      expect(ours(sel).length, sel).toBe(theirs(sel).length);
      expect(ours(sel).text(), sel).toBe(theirs(sel).text());
    }
    const node = ours('p.x').toArray()[0]!;
    expect(ours(node).is('#zoom > p')).toBe(true);
    expect(ours(node).find('a').attr('href')).toBe('/a');
    expect(ours(node).closest('div').attr('id')).toBe('zoom');
    expect(ours.root().text()).toBe(theirs.root().text());
    expect(ours.root().find('li').length).toBe(2);
  });

  it('keeps each page to its own document', () => {
    const a = loadHtml('<p id="a">一</p>');
    const b = loadHtml('<p id="b">二</p>');
    expect(a('p').attr('id')).toBe('a');
    expect(b('p').attr('id')).toBe('b');
    expect(a.root().text()).toBe('一');
  });

  it('still reads pages with mismatched headings with parse5 (loaded on first use)', () => {
    const $ = loadHtml('<h1>标题</h2><div id="zoom">正文</div>');
    expect($('h1').text()).toBe('标题');
    expect($('#zoom').text()).toBe('正文');
  });
});
