import { PINNED_FORUM_ID, type Article, viewCount } from '../compose';
import { forumTime } from '../clock';
import { esc, page, type Pager } from './layout';

export const forumListPath = (n: number) => `/bbs/forum-2-${Math.max(1, n)}.html`;
const threadHref = (a: Article) => `thread-${a.id}-1-1.html`;

const HEADER = `<div id="hd"><a href="/bbs/forum-2-1.html" class="logo">清河社区论坛</a>
<div id="nv"><a href="/">门户</a> <a href="/bbs/forum-2-1.html">本地生活圈</a> <a href="/piyao/rss.xml">辟谣专区</a></div></div>`;

function threadRow(a: Article, pinned: boolean): string {
  const id = pinned ? `stickthread_${a.id}` : `normalthread_${a.id}`;
  return `<tbody id="${id}"><tr>
<th class="${pinned ? 'common stick' : 'common'}">${pinned ? '<em>[置顶]</em> ' : ''}<a href="${threadHref(a)}" class="s xst">${esc(a.title)}</a></th>
<td class="by"><cite>${esc(a.author)}</cite><em><span>${forumTime(a.publishedMs)}</span></em></td>
<td class="num"><a class="xi2">${a.replies.length}</a><em>${viewCount('forum', a.id)}</em></td>
</tr></tbody>`;
}

/** Discuz!-like markup; the pinned thread repeats on every page, as on real boards. */
export function renderForumList(pinned: Article, articles: Article[], pager: Pager): string {
  const next = pager.page < pager.pages ? `<a href="${pager.href(pager.page + 1)}" class="nxt">下一页</a>` : '';
  return page({
    title: '本地生活圈 - 清河社区论坛',
    body: `${HEADER}
<div id="ct"><h1 class="xs2">本地生活圈</h1>
<table id="threadlist" summary="forum_2">
${threadRow(pinned, true)}
${articles.map((a) => threadRow(a, false)).join('\n')}
</table>
<div class="pg"><strong>${pager.page}</strong> / ${pager.pages} 页 ${next}</div></div>`,
  });
}

export function renderForumThread(a: Article, nowMs: number): string {
  const replies = a.replies
    .filter((r) => r.publishedMs <= nowMs)
    .map(
      (r, i) => `<div class="post reply" id="post_${a.id}_${i + 2}"><div class="authi"><a class="xw1 reply-author">${esc(r.author)}</a> <em>发表于 ${forumTime(r.publishedMs)}</em></div>
<div class="reply-body">${esc(r.text)}</div></div>`,
    )
    .join('\n');
  return page({
    title: `${a.title} - 本地生活圈 - 清河社区论坛`,
    body: `${HEADER}
<div id="ct"><div id="pt"><a href="/bbs/forum-2-1.html">本地生活圈</a> &rsaquo; 帖子</div>
<h1 class="ts"><span id="thread_subject">${esc(a.title)}</span></h1>
<div class="post" id="post_${a.id}_1">
<div class="authi"><a class="xw1">${esc(a.author)}</a> <em id="authorposton">发表于 ${forumTime(a.publishedMs)}</em>${a.id === PINNED_FORUM_ID ? ' <span>版主</span>' : ''}</div>
<div class="t_f" id="postmessage_${a.id}">${a.paras.map(esc).join('<br />\n')}</div>
</div>
${replies}
</div>`,
  });
}
