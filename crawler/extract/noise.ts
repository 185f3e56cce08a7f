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
  // Shown only on a click, so hidden when the page loads: report forms, login boxes, menus.
  'modal', 'popup', 'dialog', 'tooltip', 'dropdown', 'overlay',
]);

/**
 * BEM names ("card__footer", "header__nav--last"): the words of the block and of the modifiers
 * count, an element's name does not. A card's "__footer" holds its replies as often as its links,
 * while a "header__…" is inside the page header whatever the element is called.
 */
function nameWords(name: string): string[] {
  const [block = '', ...elements] = name.split('__');
  const modifiers = elements.flatMap((e) => e.split('--').slice(1));
  return [block, ...modifiers].join(' ').split(/[\s_-]+/);
}

function hasWord(classAndId: string, words: ReadonlySet<string>): boolean {
  if (!classAndId) return false;
  for (const name of classAndId.toLowerCase().split(/\s+/)) {
    for (const word of nameWords(name)) {
      if (words.has(word) || words.has(word.replace(/\d+$/, ''))) return true;
    }
  }
  return false;
}

export function isNoiseName(classAndId: string): boolean {
  return hasWord(classAndId, NOISE_WORDS);
}

const COMMENT_WORDS = new Set(['comment', 'comments', 'commentlist', 'pinglun']);

/**
 * Readers' comments under an article. Not noise: in a forum thread the replies are the content,
 * so body.ts decides by what else the container holds.
 */
export function isCommentName(classAndId: string): boolean {
  return hasWord(classAndId, COMMENT_WORDS);
}

/** Buttons and widgets: only as the whole of a short line ("打印本页 关闭窗口", "【字号 大 中 小】"). */
const CONTROL_LINE =
  /^[【\[（(]?\s*(?:打印(?:本页|此页|文章|页面)?|关闭(?:窗口|本页|页面)?|返回(?:顶部|首页|列表|上页)?|收藏(?:本页|此文)?|分享(?=到|至|\s*[:：]|$)|字号|字体|我要(?:纠错|评论|分享|打印)|纠错|扫一扫|微信扫一扫|手机扫一扫|正在加载|加载中|加载更多|点击加载|展开全文|阅读全文|网友评论|发表评论|查看评论|点击排行|回复|举报|引用|编辑|点赞)/;
/** Pointers to other pages: "上一篇：…", "当前位置：首页 > …". */
const POINTER_LINE =
  /^[【\[（(]?\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页|相关(?:阅读|新闻|文章|链接|推荐|稿件|内容|报道)|延伸阅读|推荐阅读|热点推荐|热门推荐|猜你喜欢|当前位置|您的位置|你的位置|所在位置|首页\s*[>›»])/;

/**
 * Forum chrome around each post: "发表于 …" stamps, "只看该作者", and member panels that pair
 * labels with numbers ("主题 12 帖子 345 积分 678").
 */
const FORUM_LINE = /^(?:\d+\s*[#楼]\s*)?(?:发表于|发表时间|回复于|发帖时间)|只看该作者|倒序浏览|电梯直达|阅读模式/;
const MEMBER_STATS = /(?:主题|帖子|积分|精华|威望|金钱|贡献|经验|注册时间|最后登录|在线时间|阅读权限|UID)\s*[:：]?\s*\d/g;

const LEGAL_LINE = /版权所有|版权声明|免责声明|copyright|©|ICP备|ICP证|公网安备|违法和不良信息举报|all rights reserved/i;

/** True for a short line that is a page control, a pointer to other pages or a legal notice. */
export function isBoilerplateLine(line: string): boolean {
  if (line.length <= 40 && CONTROL_LINE.test(line)) return true;
  if (line.length <= 120 && POINTER_LINE.test(line)) return true;
  if (line.length <= 60 && (FORUM_LINE.test(line) || (line.match(MEMBER_STATS)?.length ?? 0) >= 2)) return true;
  return line.length <= 160 && LEGAL_LINE.test(line);
}

/** "版权与免责声明：" (often after the site name) and the numbered terms under it. */
export const DISCLAIMER_HEADING = /^[【\[]?[^，。！？]{0,12}?(?:版权(?:与|和|及)?免责声明|免责声明|版权声明|法律声明)\s*[】\]]?\s*[:：]?$/;
export const DISCLAIMER_TERMS = /本网|本站|版权|转载|授权|免责|联系/;

/** Headings that introduce lists of other articles: everything after them in a container is links. */
export const RELATED_HEADING = /^[【\[]?\s*(?:相关(?:阅读|新闻|文章|链接|推荐|稿件|内容|报道|专题)|延伸阅读|推荐阅读|热点推荐|热门推荐|猜你喜欢|更多(?:新闻|阅读|精彩))\s*[】\]]?\s*[:：]?$/;
