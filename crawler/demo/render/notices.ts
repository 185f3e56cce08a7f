import type { Article } from '../compose';
import { chineseDay, compactDay, shanghai } from '../clock';
import { esc, page, type Pager } from './layout';

/** TRS-style government CMS paths: page 1 is index.htm, page n is index_{n-1}.htm. */
export const noticeListPath = (n: number) => (n <= 1 ? '/gov/tzgg/index.htm' : `/gov/tzgg/index_${n - 1}.htm`);
export const noticeDetailName = (a: Article) => `t${compactDay(a.publishedMs)}_${a.id}.htm`;

const HEADER = `<div class="top"><span>清河区人民政府</span>
<div class="nav"><a href="/">首页</a> | <a href="/gov/tzgg/index.htm">通知公告</a> | <a href="/gov/tzgg/index.htm">政务公开</a></div></div>`;
const FOOTER = '<div class="bottom">主办：清河区人民政府办公室（演示站点）　网站标识码：0000000000</div>';

export function renderNoticeList(articles: Article[], pager: Pager): string {
  const rows = articles
    .map(
      (a) => `<tr><td class="bt"><a href="./${noticeDetailName(a)}" title="${esc(a.title)}" target="_blank">${esc(a.title)}</a></td><td class="rq">${chineseDay(a.publishedMs)}</td></tr>`,
    )
    .join('\n');
  const next = pager.page < pager.pages ? `<a class="next" href="${pager.href(pager.page + 1)}">下一页</a>` : '<span>下一页</span>';
  return page({
    title: '通知公告_清河区人民政府',
    charset: 'gbk',
    body: `${HEADER}
<div class="lm-title">通知公告</div>
<table class="list-table" width="100%">
${rows}
</table>
<div class="page-box"><a href="${pager.href(1)}">首页</a> ${next} <a href="${pager.href(pager.pages)}">尾页</a> 共${pager.pages}页</div>
${FOOTER}`,
  });
}

/** No dedicated date element: like many real portals, the date sits in a line of text. */
export function renderNoticeDetail(a: Article): string {
  const c = shanghai(a.publishedMs);
  const time = `${String(c.hh).padStart(2, '0')}:${String(c.mm).padStart(2, '0')}`;
  return page({
    title: `${a.title}_清河区人民政府`,
    charset: 'gbk',
    body: `${HEADER}
<div class="zw">
<div class="zw-title">${esc(a.title)}</div>
<div class="zw-info">发布日期：${chineseDay(a.publishedMs)} ${time}　<span class="ly">来源：${esc(a.author)}</span>　【字号：大 中 小】【打印】</div>
<div id="zoom" class="zw-content">
${a.paras.map((p) => `<p style="text-indent:2em">${esc(p)}</p>`).join('\n')}
<p style="text-align:right">${esc(a.author)}</p>
<p style="text-align:right">${chineseDay(a.publishedMs)}</p>
</div>
</div>
${FOOTER}`,
  });
}
