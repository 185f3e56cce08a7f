/**
 * What page furniture looks like, by element name, by class/id words and by wording. These are
 * hints, not verdicts: body.ts lets a "noisy" element back in when it holds a real amount of prose,
 * because sites name their article wrappers "main-share-box" as readily as their share bars.
 */

/** Structural elements that hold site furniture far more often than article text. */
export const NOISE_TAGS = new Set(['nav', 'aside', 'footer', 'header', 'menu']);

/**
 * class/id words of menus, share bars, related links, footers and ads, as whole words (split at
 * space, "-" and "_") so "subnav" stays a miss and "news-nav" a hit. Pinyin initialisms of the
 * Chinese CMS families are included (xgyd = 相关阅读, xgxw = 相关新闻, tj = 推荐).
 */
const NOISE_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'menus', 'submenu', 'breadcrumb', 'breadcrumbs', 'crumb', 'crumbs',
  'footer', 'foot', 'copyright', 'share', 'sharing', 'bdshare', 'jiathis', 'social', 'toolbar', 'sidebar',
  'aside', 'related', 'relate', 'recommend', 'recommends', 'xgyd', 'xgxw', 'xgwz', 'tuijian', 'hotnews', 'rank',
  'ranking', 'ad', 'ads', 'advert', 'advertisement', 'guanggao', 'banner', 'login', 'pagination', 'pager',
  'paging', 'pagenav', 'prenext', 'keywords', 'subscribe', 'qrcode', 'ewm', 'header', 'topbar', 'dibu', 'daohang',
]);

export function isNoiseName(classAndId: string): boolean {
  if (!classAndId) return false;
  for (const word of classAndId.toLowerCase().split(/[\s_-]+/)) {
    if (NOISE_WORDS.has(word) || NOISE_WORDS.has(word.replace(/\d+$/, ''))) return true;
  }
  return false;
}

/** Lines that are controls or pointers, never the article's words. Applied to short lines only. */
const CONTROL_LINE =
  /^[【\[（(]?\s*(?:打印(?:本页|此页|文章|页面)?|关闭(?:窗口|本页|页面)?|返回(?:顶部|首页|列表|上页)?|收藏(?:本页|此文)?|分享(?:到|至)?|字号|字体|我要(?:纠错|评论|分享|打印)|纠错|扫一扫|微信扫一扫|手机扫一扫|上一篇|下一篇|上一条|下一条|上一页|下一页|相关(?:阅读|新闻|文章|链接|推荐|稿件|内容)|延伸阅读|推荐阅读|热点推荐|热门推荐|猜你喜欢|网友评论|发表评论|查看评论|点击排行|当前位置|您的位置|你的位置|所在位置|首页\s*[>›»])/;

const LEGAL_LINE = /版权所有|版权声明|copyright|©|ICP备|ICP证|公网安备|违法和不良信息举报|all rights reserved/i;

/** True for a short line that is a page control, a pointer to other pages or a legal notice. */
export function isBoilerplateLine(line: string): boolean {
  if (line.length > 160) return false;
  return CONTROL_LINE.test(line) || LEGAL_LINE.test(line);
}

/** Headings that introduce lists of other articles: everything after them in a container is links. */
export const RELATED_HEADING = /^[【\[]?\s*(?:相关(?:阅读|新闻|文章|链接|推荐|稿件|内容)|延伸阅读|推荐阅读|热点推荐|热门推荐|猜你喜欢|更多(?:新闻|阅读|精彩))\s*[】\]]?\s*[:：]?$/;
