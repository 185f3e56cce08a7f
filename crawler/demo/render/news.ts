import type { Article } from '../compose';
import { dayLocal, isoLocal } from '../clock';
import { esc, page, type Pager } from './layout';

const NAV = `<div class="header"><div class="logo">清河融媒</div>
<nav class="main-nav"><a href="/">首页</a> <a href="/news/index.html">要闻</a> <a href="/news/index.html">街镇</a> <a href="/piyao/rss.xml">辟谣</a></nav></div>`;
const FOOTER = '<footer class="footer">主办：清河区融媒体中心（演示站点）　地址：清河区清河大道1号</footer>';

export const newsListPath = (n: number) => (n <= 1 ? '/news/index.html' : `/news/index_${n}.html`);
/** Tracking parameters on purpose: the crawler must strip them to get one URL per article. */
const detailHref = (a: Article) => `/news/content/${a.id}.html?from=list&spm=qh.news.${a.id % 97}`;

export function renderNewsList(articles: Article[], pager: Pager): string {
  const rows = articles
    .map((a) => `<li><a class="title" href="${detailHref(a)}" target="_blank">${esc(a.title)}</a><span class="date">${dayLocal(a.publishedMs)}</span></li>`)
    .join('\n');
  const next = pager.page < pager.pages ? `<a class="next-page" href="${pager.href(pager.page + 1)}">下一页</a>` : '';
  const prev = pager.page > 1 ? `<a class="prev-page" href="${pager.href(pager.page - 1)}">上一页</a>` : '';
  return page({
    title: '要闻 - 清河融媒',
    body: `${NAV}
<div class="main"><h2 class="column-title">要闻</h2>
<ul class="news-list">
${rows}
</ul>
<div class="pager">${prev} <span>第${pager.page}页 / 共${pager.pages}页</span> ${next}</div></div>
${FOOTER}`,
  });
}

export function renderNewsDetail(a: Article, related: Article[]): string {
  return page({
    title: `${a.title} - 清河融媒`,
    head: `<meta property="og:title" content="${esc(a.title)}">`,
    body: `${NAV}
<div class="main">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news/index.html">要闻</a></div>
<h1 class="article-title">${esc(a.title)}</h1>
<div class="article-meta"><span class="pub-time">发布时间：${isoLocal(a.publishedMs)}</span>
<span class="author">${esc(a.author)}</span><span class="origin">来源：清河区融媒体中心</span></div>
<div class="article-content">
${a.paras.map((p) => `<p>　　${esc(p)}</p>`).join('\n')}
<script>window.shareConfig = { title: "${esc(a.title)}" };</script>
<div class="share-bar" hidden>分享到：微信 微博</div>
</div>
<div class="related"><h3>相关新闻</h3><ul>${related.map((r) => `<li><a href="${detailHref(r)}">${esc(r.title)}</a></li>`).join('')}</ul></div>
</div>
${FOOTER}`,
  });
}
