import { FORUM } from './content/forum';
import { NEWS } from './content/news';
import { NOTICES } from './content/notices';
import { PIYAO } from './content/piyao';
import { fill, makeVars } from './content/places';
import type { ForumTemplate, Template } from './content/template';
import { between, hash32, pick, seededRandom } from './rng';

export type SectionKey = 'news' | 'notices' | 'forum' | 'piyao';

export interface Reply {
  author: string;
  text: string;
  publishedMs: number;
}

export interface Article {
  id: number;
  title: string;
  paras: string[];
  author: string;
  publishedMs: number;
  replies: Reply[];
}

const POOLS: Record<Exclude<SectionKey, 'forum'>, Template[]> = { news: NEWS, notices: NOTICES, piyao: PIYAO };

const REPLIES = [
  '真的假的？', '已经辟谣了，大家别再传了。', '坐等官方消息。', '我也在群里看到了。', '楼主有图吗？', '顶一下。',
  '谢谢分享！', '这个我知道，在{road}那边。', '不信谣不传谣。', '去年也有人这么说，后来证明是假的。', '支持楼主！',
];

const DAY = 86_400_000;

/**
 * Rumours come in waves: their share of forum posts follows a weekly cycle of absolute days, so
 * the trend chart moves and every viewer of the demo sees the same history.
 */
function forumTemplate(random: () => number, publishedMs: number): ForumTemplate {
  const day = Math.floor(publishedMs / DAY);
  const rumourShare = 0.15 + 0.35 * Math.max(0, Math.sin((2 * Math.PI * day) / 7));
  const roll = random();
  const kind = roll < rumourShare ? 'rumour' : roll < rumourShare + 0.08 ? 'reaction' : 'daily';
  return pick(random, FORUM.filter((t) => t.kind === kind));
}

export const PINNED_FORUM_ID = 1;

function pinned(startedMs: number): Article {
  return {
    id: PINNED_FORUM_ID,
    title: '【版规】本版发帖须知：文明发言，不信谣不传谣',
    paras: [
      '欢迎来到清河社区论坛·本地生活圈。本版为清河区居民交流生活信息的版块。',
      '请文明发言，不发布未经证实的消息。看到“紧急扩散”“据内部消息”一类内容，请先查看区政府网站或清河区辟谣平台。',
    ],
    author: '版主',
    publishedMs: Math.floor((startedMs - 13 * DAY) / DAY) * DAY + 2 * 3_600_000,
    replies: [],
  };
}

/** The article behind one id: a pure function of the section, the id and its timestamp. */
export function composeArticle(section: SectionKey, id: number, publishedMs: number, startedMs: number): Article {
  if (section === 'forum' && id === PINNED_FORUM_ID) return pinned(startedMs);
  const random = seededRandom(`${section}:${id}`);
  const template = section === 'forum' ? forumTemplate(random, publishedMs) : pick(random, POOLS[section]);
  const vars = makeVars(random, publishedMs);
  const replies: Reply[] = [];
  if (section === 'forum') {
    const count = between(random, 0, 3);
    for (let i = 0; i < count; i++) {
      const reply = makeVars(random, publishedMs);
      replies.push({ author: reply.nick ?? '网友', text: fill(pick(random, REPLIES), reply), publishedMs: publishedMs + (i + 1) * 7 * 60_000 });
    }
  }
  return {
    id,
    title: fill(template.title, vars),
    paras: template.paras.map((p) => fill(p, vars)),
    author: fill(template.author ?? '{nick}', vars),
    publishedMs,
    replies,
  };
}

/** Stable pseudo view/reply counts for list pages. */
export function viewCount(section: SectionKey, id: number): number {
  return 50 + (hash32(`${section}:views:${id}`) % 3_000);
}
