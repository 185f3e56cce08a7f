import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../../crawler/extract/article';
import { decodeBody } from '../../../../crawler/fetch/decode';
import { FORUM_PAGE, GOV_PAGE, META_DATE_PAGE, NEWS_PAGE, RELATIVE_DATE_PAGE } from './pages';

const URL = 'https://www.qinghe.example/a/1.html';

describe('extractArticle on a GB2312-era government page', () => {
  // The page travels as GBK bytes and goes through the crawler's decoder first, as in production.
  const html = decodeBody(iconv.encode(GOV_PAGE, 'gbk')).text;
  const article = extractArticle(html, URL);

  it('reads title, date and issuing body', () => {
    expect(article.title).toBe('关于做好2023年汛期安全工作的通知');
    expect(article.publishedAt).toBe('2023-06-04T00:00:00+08:00');
    expect(article.publishedPrecision).toBe('day');
    expect(article.author).toBe('清河区水务局');
  });

  it('keeps the notice text as paragraphs and leaves the frame out', () => {
    const lines = article.body.split('\n');
    expect(lines[0]).toBe('各街道办事处、区直各部门：');
    expect(lines).toContain('三、严格值班值守。汛期实行二十四小时值班和领导带班制度，遇有重大情况及时报告。');
    for (const frame of ['政务公开', '当前位置', '打印本页', '版权所有', 'ICP备', '点击数']) expect(article.body).not.toContain(frame);
  });
});

describe('extractArticle on a news page with share bar, related links and footer', () => {
  const article = extractArticle(NEWS_PAGE, URL);

  it('takes the printed title, not the <title> with its site suffix', () => {
    expect(article.title).toBe('清河区新建三座口袋公园 周边居民休闲有了好去处');
  });

  it('reads the time to the second and prefers the author to the outlet', () => {
    expect(article.publishedAt).toBe('2023-06-04T18:45:49+08:00');
    expect(article.publishedPrecision).toBe('second');
    expect(article.author).toBe('张小明');
  });

  it('returns the four paragraphs and nothing around them', () => {
    const lines = article.body.split('\n');
    expect(lines[0]).toMatch(/^记者近日从区园林绿化局获悉/);
    expect(lines).toContain('区园林绿化局有关负责人表示，下一步将继续挖掘闲置地块，力争年底前再建成五座口袋公园。');
    for (const noise of ['分享到', '微博', '上一篇', '下一篇', '相关阅读', '口袋公园建设经验', '热门排行', 'Copyright', 'ICP备', '首页', '隐藏的广告', '不要把我当正文']) {
      expect(article.body).not.toContain(noise);
    }
  });
});

describe('extractArticle on a forum thread', () => {
  const article = extractArticle(FORUM_PAGE, URL);

  it('keeps every post and drops the user panels and buttons', () => {
    expect(article.title).toBe('人民路夜间施工噪音太大，有人管吗？');
    expect(article.body).toContain('电钻声一直响到凌晨两点');
    expect(article.body).toContain('请问这种情况应该打哪个电话反映？');
    expect(article.body).toContain('可以打12345热线');
    expect(article.body).toContain('坐等结果');
    for (const noise of ['积分', '只看该作者', '举报', 'Powered by', '论坛首页']) expect(article.body).not.toContain(noise);
  });

  it('dates the thread by its first post', () => {
    expect(article.publishedAt).toBe('2023-06-04T08:05:00+08:00');
    expect(article.publishedPrecision).toBe('minute');
  });
});

describe('extractArticle dates', () => {
  it('reads a date given only in a meta tag', () => {
    const article = extractArticle(META_DATE_PAGE, URL);
    expect(article.publishedAt).toBe('2023-06-04T18:45:00+08:00');
    expect(article.publishedPrecision).toBe('second');
    expect(article.author).toBe('清河区文化馆');
    // "6月10日" in the text is an event date, not the publication date.
    expect(article.body).toContain('报名时间为6月10日至6月20日');
  });

  it('reads relative dates against opts.now', () => {
    const now = new Date('2023-06-04T10:00:00Z'); // 18:00 in Shanghai
    const article = extractArticle(RELATIVE_DATE_PAGE, URL, { now });
    expect(article.publishedAt).toBe('2023-06-04T15:00:00+08:00');
    expect(article.author).toBe('摄影爱好者');
    expect(article.body.split('\n')).toHaveLength(2);
  });

  it('falls back to a date in the URL, at day precision', () => {
    const article = extractArticle('<html><body><p>只有一段没有日期的文字，说明情况。</p></body></html>', 'https://x.example/2023-06/04/c_1.htm');
    expect(article.publishedAt).toBe('2023-06-04T00:00:00+08:00');
    expect(article.publishedPrecision).toBe('day');
  });

  it('prefers a labelled date under the title to dates in the text', () => {
    const html = `<html><body><h1>回顾奥运</h1><div class="info">发布时间：2023-06-05 来源：清河日报</div>
      <div><p>2008年8月8日，北京奥运会开幕，全城沸腾。2023年6月1日，区里举办了纪念活动，场面十分热烈。</p></div></body></html>`;
    expect(extractArticle(html, '').publishedAt).toBe('2023-06-05T00:00:00+08:00');
  });

  it('reads an unlabelled date under the title and a byline known by its class', () => {
    const html = `<html><head><title>端午假期全区接待游客十二万人次_清河网</title></head><body><h1>端午假期全区接待游客十二万人次</h1>
      <div class="meta"><span class="date">2023年06月04日 10:20</span> <span class="source">清河日报</span></div>
      <div><p>端午假期，我区各景区共接待游客十二万人次，同比增长两成，旅游收入明显回升，各项工作运行平稳。</p></div></body></html>`;
    const article = extractArticle(html, '');
    expect(article.publishedAt).toBe('2023-06-04T10:20:00+08:00');
    expect(article.author).toBe('清河日报');
  });

  it('returns null when the page has no date at all', () => {
    const article = extractArticle('<html><body><h1>通知</h1><p>请各单位按时报送材料，逾期不再受理。</p></body></html>', '');
    expect(article.publishedAt).toBeNull();
    expect(article.publishedPrecision).toBeNull();
  });
});

describe('extractArticle on broken old markup', () => {
  it('drops menu rows inside a <br>-separated cell and keeps the text rows', () => {
    const html = `<html><body><table><tr><td>
      <a href="/">首页</a> | <a href="/n">新闻中心</a> | <a href="/g">政务公开</a><br>
      清河区召开安全生产工作会议，部署近期重点工作，要求各单位压实责任。<br>
      会议指出，要深入开展隐患排查整治，坚决防范遏制重特大事故发生。<br>
      <a href="/a">关于我们</a> | <a href="/c">联系方式</a></td></tr></table></body></html>`;
    expect(extractArticle(html, '').body).toBe('清河区召开安全生产工作会议，部署近期重点工作，要求各单位压实责任。\n会议指出，要深入开展隐患排查整治，坚决防范遏制重特大事故发生。');
  });

  it('does not mistake an article swallowed by an unclosed <a> for a link list', () => {
    const text = '这是被一个没有闭合的链接标签包住的正文，浏览器照样显示，抽取也不能把它当成链接列表丢掉。'.repeat(3);
    const html = `<html><body><div><a href="/logo">清河网</div><div class="content"><a href="/x"><p>${text}</p><p>${text}</p><p>${text}</p></div></body></html>`;
    expect(extractArticle(html, '').body.split('\n')).toEqual([text, text, text]);
  });
});

describe('extractArticle on hostile input', () => {
  it('returns text only: markup, scripts, styles and hidden elements never come through', () => {
    const html = `<html><head><title>测试</title></head><body><div class="content">
      <p>正文第一段，包含&lt;b&gt;转义的尖括号&lt;/b&gt;和&amp;符号。</p>
      <script>document.write('<p>脚本写入的文字</p>')</script><style>p{}</style>
      <div hidden>隐藏文字一</div><div style="visibility: hidden">隐藏文字二</div><template><p>模板文字</p></template>
      <p onclick="alert(1)">正文第二段，事件属性不会出现在文本里。</p><p>零宽\u200b字符\u202e和控制字符\u0007被清除。</p></div></body></html>`;
    const article = extractArticle(html, '');
    expect(article.body).toContain('正文第一段，包含<b>转义的尖括号</b>和&符号。');
    expect(article.body).toContain('零宽字符和控制字符被清除。');
    for (const bad of ['脚本写入', 'document.write', '隐藏文字', '模板文字', 'onclick', 'alert']) expect(article.body).not.toContain(bad);
  });

  it('copes with empty, garbage and tag-soup input', () => {
    expect(extractArticle('', '')).toEqual({ title: '', publishedAt: null, publishedPrecision: null, author: null, body: '' });
    expect(extractArticle('<<<>>><div><p><td></span>', '').body).toBe('');
    const nested = `${'<div><font>'.repeat(5000)}深层嵌套的文字，仍然可以处理。${'</font></div>'.repeat(5000)}`;
    expect(() => extractArticle(nested, '')).not.toThrow();
  });

  it('bounds the work on huge pages', () => {
    const paragraph = '<p>这是一段很长的正文，用来测试超大页面时的处理上限，不能无限制地占用时间和内存。</p>';
    const huge = `<html><body><div>${paragraph.repeat(120_000)}</div></body></html>`; // ~6 MB
    const started = performance.now();
    const article = extractArticle(huge, '');
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(article.body.length).toBeLessThanOrEqual(200_000);
    expect(article.body.length).toBeGreaterThan(10_000);
  });
});
