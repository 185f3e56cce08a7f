import type { Article } from '../compose';
import { isoLocal, rfc822 } from '../clock';
import { esc, page } from './layout';

export const piyaoDetailPath = (a: Article) => `/piyao/${a.id}.html`;

/** RSS 2.0 with HTML descriptions in CDATA, as CMS exports usually look. */
export function renderPiyaoFeed(articles: Article[], base: string, nowMs: number): string {
  const items = articles
    .map(
      (a) => `  <item>
    <title>${esc(a.title)}</title>
    <link>${base}${piyaoDetailPath(a)}?utm_source=rss&amp;utm_medium=feed</link>
    <guid isPermaLink="false">qh-piyao-${a.id}</guid>
    <description><![CDATA[${a.paras.map((p) => `<p>${esc(p)}</p>`).join('')}]]></description>
    <dc:creator>${esc(a.author)}</dc:creator>
    <pubDate>${rfc822(a.publishedMs)}</pubDate>
  </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>清河区辟谣平台</title>
  <link>${base}/piyao/</link>
  <description>清河区网络辟谣信息发布（演示站点）</description>
  <language>zh-cn</language>
  <lastBuildDate>${rfc822(nowMs)}</lastBuildDate>
${items}
</channel>
</rss>`;
}

export function renderPiyaoDetail(a: Article): string {
  return page({
    title: `${a.title} - 清河区辟谣平台`,
    body: `<div class="site">清河区辟谣平台</div>
<h1 class="title">${esc(a.title)}</h1>
<div class="meta">发布时间：${isoLocal(a.publishedMs)}　发布单位：${esc(a.author)}</div>
<div class="content">${a.paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}</div>`,
  });
}
