import * as cheerio from 'cheerio';
import { load as loadSlim } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { bound, collapseParagraphs, htmlToText, selectionText } from '../../../../crawler/pipeline/clean-text';
import { buildRawItem } from '../../../../crawler/pipeline/build-item';
import { MAX_BODY_CHARS, MAX_TITLE_CHARS, RawItem } from '../../../../server/contracts/item';

describe('text clean-up', () => {
  it('keeps paragraphs as lines and drops scripts, styles and nav', () => {
    const $ = cheerio.load(`<div id="c"><nav>首页 | 新闻</nav><style>p{color:red}</style>
      <p>　　第一段，  有   空格。</p><script>var x = "不要我";</script><p>第二段<br>换行后</p>
      <ul><li>条目一</li><li>条目二</li></ul><span>行内</span><b>粗体</b></div>`);
    expect(selectionText($('#c'))).toBe('第一段， 有 空格。\n第二段\n换行后\n条目一\n条目二\n行内粗体');
  });

  it('leaves out noise and hidden elements inside the selection, on either parser, without touching the document', () => {
    const html = `<div id="c"><p>正文<span hidden>隐藏</span></p><noscript>请开启脚本</noscript><button>分享</button>
      <svg><text>图</text></svg><select><option>选项</option></select><iframe src="x"></iframe><p>结尾</p></div>`;
    for (const $ of [cheerio.load(html), loadSlim(html)]) {
      expect(selectionText($('#c') as never)).toBe('正文\n结尾');
      expect($('#c noscript')).toHaveLength(1);
    }
  });

  it('turns an HTML fragment into text and decodes entities, never returning markup', () => {
    const text = htmlToText('<p>紧急&amp;扩散 &lt;b&gt;</p><p><img src="x.png">图<a href="#">链</a></p>');
    expect(text).toBe('紧急&扩散 <b>\n图链');
  });

  it('collapses paragraphs the same whether or not the text was collapsed before', () => {
    const slow = (t: string) => t.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '').join('\n');
    for (const t of ['第一段\n第二段 有空格', ' 前导', '尾随 ', '\n前', '后\n', '两个  空格', '空\n\n行', '行 \n尾', '行\n 首', '全角\u3000空格', 'tab\t', 'cr\r\nlf', 'nbsp\u00a0x', '']) {
      expect(collapseParagraphs(t)).toBe(slow(t));
    }
  });

  it('bounds text without splitting a surrogate pair', () => {
    expect(bound('ab😀', 3)).toBe('ab');
    expect(bound('abc', 5)).toBe('abc');
  });
});

describe('buildRawItem', () => {
  const fetchedAt = new Date('2023-06-04T10:00:00Z');

  it('produces a contract-valid RawItem with hash and fetchedAt', () => {
    const item = buildRawItem('gov', { url: 'https://example.gov.cn/1.html', title: ' 标题 ', body: '正文\n\n第二段', publishedAt: '2023-06-04T18:45:00+08:00', author: '作者' }, fetchedAt);
    expect(RawItem.parse(item)).toEqual(item);
    expect(item).toMatchObject({ title: '标题', body: '正文\n第二段', fetchedAt: '2023-06-04T10:00:00.000Z' });
    expect(item.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('bounds title and body to the contract limits', () => {
    const item = buildRawItem('gov', { url: 'https://example.gov.cn/1.html', title: '题'.repeat(MAX_TITLE_CHARS + 10), body: '字'.repeat(MAX_BODY_CHARS + 10), publishedAt: null, author: null }, fetchedAt);
    expect(item.title).toHaveLength(MAX_TITLE_CHARS);
    expect(item.body).toHaveLength(MAX_BODY_CHARS);
  });

  it('derives a title from the body when a post has none', () => {
    const item = buildRawItem('forum', { url: 'https://bbs.example.com/t/1', title: '', body: '紧急扩散！据内部消息下周封城\n第二行', publishedAt: null, author: null }, fetchedAt);
    expect(item.title).toBe('紧急扩散！据内部消息下周封城');
  });

  it('rejects an item the server would reject', () => {
    expect(() => buildRawItem('gov', { url: 'not-a-url', title: 't', body: 'b', publishedAt: null, author: null }, fetchedAt)).toThrow(/item rejected/);
  });
});
