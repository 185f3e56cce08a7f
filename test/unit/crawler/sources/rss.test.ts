import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../../crawler/sources/rss';

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>清河区辟谣平台</title>
  <item>
    <title>辟谣：网传&#8220;清河区下周封城&#8221;不实</title>
    <link>https://piyao.example.gov.cn/a/1.html?utm_source=rss</link>
    <description><![CDATA[<p>经核实，该信息<b>不实</b>。</p><p>请不信谣、不传谣。</p><script>x()</script>]]></description>
    <pubDate>Sun, 04 Jun 2023 10:45:49 GMT</pubDate>
    <dc:creator>清河区委网信办</dc:creator>
  </item>
  <item>
    <title>2024</title>
    <link>/a/2.html</link>
    <description>&lt;p&gt;转义的 HTML&lt;/p&gt;</description>
    <content:encoded><![CDATA[<div><p>全文第一段</p><p>全文第二段</p></div>]]></content:encoded>
    <pubDate>Sun, 04 Jun 2023 18:00:00 +0800</pubDate>
  </item>
  <item><title>无链接</title><guid isPermaLink="false">id-3</guid></item>
  <item><title>guid 作链接</title><guid>https://piyao.example.gov.cn/a/4.html</guid><description>纯文本</description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>清河融媒</title>
  <entry>
    <title type="html">&lt;b&gt;区防汛&lt;/b&gt;工作部署会召开</title>
    <link rel="self" href="https://news.example.com/feed/1"/>
    <link rel="alternate" href="https://news.example.com/n/1.html#c"/>
    <id>tag:news.example.com,2023:1</id>
    <published>2023-06-04T10:00:00Z</published>
    <updated>2023-06-05T10:00:00Z</updated>
    <author><name>记者 王晓</name></author>
    <content type="html">&lt;p&gt;会议部署了防汛工作。&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>只有摘要</title>
    <link href="n/2.html"/>
    <updated>2023-06-04T12:00:00+08:00</updated>
    <summary>摘要文本</summary>
  </entry>
</feed>`;

describe('parseFeed', () => {
  it('reads RSS 2.0 items as plain text with canonical URLs and +08:00 dates', () => {
    const items = parseFeed(RSS, 'https://piyao.example.gov.cn/rss.xml');
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      url: 'https://piyao.example.gov.cn/a/1.html',
      title: '辟谣：网传“清河区下周封城”不实',
      body: '经核实，该信息不实。\n请不信谣、不传谣。',
      publishedAt: '2023-06-04T18:45:49+08:00',
      publishedPrecision: 'second',
      author: '清河区委网信办',
    });
    // content:encoded wins over description; numeric-looking titles stay strings; relative links resolve.
    expect(items[1]).toMatchObject({ url: 'https://piyao.example.gov.cn/a/2.html', title: '2024', body: '全文第一段\n全文第二段', publishedAt: '2023-06-04T18:00:00+08:00' });
    expect(items[2]).toMatchObject({ url: 'https://piyao.example.gov.cn/a/4.html', body: '纯文本', publishedAt: null, publishedPrecision: null, author: null });
    for (const item of items) expect(item.body).not.toMatch(/<|>/);
  });

  it('reads Atom entries: alternate link, html title, content, published over updated', () => {
    const items = parseFeed(ATOM, 'https://news.example.com/atom.xml');
    expect(items).toEqual([
      { url: 'https://news.example.com/n/1.html', title: '区防汛工作部署会召开', body: '会议部署了防汛工作。', publishedAt: '2023-06-04T18:00:00+08:00', publishedPrecision: 'second', author: '记者 王晓' },
      { url: 'https://news.example.com/n/2.html', title: '只有摘要', body: '摘要文本', publishedAt: '2023-06-04T12:00:00+08:00', publishedPrecision: 'second', author: null },
    ]);
  });

  it('reads RSS 1.0 (RDF) feeds', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <item rdf:about="https://x.cn/1"><title>一条</title><link>https://x.cn/1</link><dc:date>2023-06-04T18:00:00+08:00</dc:date></item></rdf:RDF>`;
    expect(parseFeed(rdf, 'https://x.cn/feed')).toEqual([{ url: 'https://x.cn/1', title: '一条', body: '', publishedAt: '2023-06-04T18:00:00+08:00', publishedPrecision: 'second', author: null }]);
  });

  it('rejects a document that is not a feed', () => {
    expect(() => parseFeed('<html><body>改版</body></html>', 'https://x.cn/feed')).toThrow(/not an RSS or Atom feed/);
  });

  it('returns no items for an empty channel', () => {
    expect(parseFeed('<rss version="2.0"><channel><title>空</title></channel></rss>', 'https://x.cn/feed')).toEqual([]);
  });
});
