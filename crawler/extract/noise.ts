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

const COMMENT_WORDS = new Set(['comment', 'comments', 'commentlist', 'pinglun', 'cmt', 'cmts', 'cmmt', 'cmmts']);

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
const FORUM_LINE = /^(?:\d+\s*[#楼]\s*)?(?:发表于|发表时间|回复于|发帖时间)|只看该作者|[只仅]看楼主|倒序(?:浏览|看帖)|正序(?:浏览|看帖)|电梯直达|阅读模式/;
const MEMBER_STATS = /(?:主题|帖子|积分|精华|威望|金钱|贡献|经验|注册时间|最后登录|在线时间|阅读权限|UID)\s*[:：]?\s*\d/g;

const LEGAL_LINE = /版权所有|版权声明|免责声明|copyright|©|ICP备|ICP证|公网安备|违法和不良信息举报|all rights reserved/i;

/**
 * Widgets of the content platforms, as whole lines: read-aloud ("播报文章"), follow buttons,
 * "not interested" feedback ("不喜欢", "减少此类推荐"), like prompts ("文章不错，点个赞吧").
 */
const WIDGET_LINE = /^(?:[+＋]?\s*关注|已关注|取消关注|播报文章|语音播报.{0,12}|听全文|不喜欢|不感兴趣|.{0,12}此类(?:内容)?推荐.{0,12}|.{0,8}点个赞.{0,4}|赞赏|打赏|喜欢此内容的人还喜欢)$/;

/** True for a short line that is a page control, a pointer to other pages or a legal notice. */
export function isBoilerplateLine(line: string): boolean {
  if (line.length <= 40 && (CONTROL_LINE.test(line) || WIDGET_LINE.test(line))) return true;
  if (line.length <= 120 && POINTER_LINE.test(line)) return true;
  if (line.length <= 60 && (FORUM_LINE.test(line) || (line.match(MEMBER_STATS)?.length ?? 0) >= 2)) return true;
  return line.length <= 160 && LEGAL_LINE.test(line);
}

/** "版权与免责声明：" (often after the site name) and the numbered terms under it. */
export const DISCLAIMER_HEADING = /^[【\[]?[^，。！？]{0,12}?(?:版权(?:与|和|及)?免责声明|免责声明|版权声明|法律声明|(?:反)?侵权(?:声明|公告)|版权公告|特别声明|郑重声明)\s*[】\]]?\s*[:：]?$/;
/** The terms under such a heading, and the contact lines that close them ("陈律师（法律顾问）0432-…"). */
export const DISCLAIMER_TERMS = /本网|本站|版权|著作权|侵权|转载|授权|免责|联系|律师|法律顾问|电话|邮箱|\d{3,4}-\d{7,8}/;

/** Headings that introduce lists of other articles: everything after them in a container is links. */
export const RELATED_HEADING = /^[【\[]?\s*(?:相关(?:阅读|新闻|文章|链接|推荐|稿件|内容|报道|专题)|延伸阅读|推荐阅读|热点推荐|热门推荐|猜你喜欢|更多(?:新闻|阅读|精彩))\s*[】\]]?\s*[:：]?$/;

/** Where a post was sent from is printed as a province-level name. */
const PROVINCES =
  '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|海外|国外';

/**
 * Lines that only carry metadata, never text of their own: a bare timestamp ("2024-04-07 02:34:58",
 * "6天前"), a bare count or floor number ("451", "#2"), where a post was sent from ("来自福建省",
 * "发布于：北京市"), an empty label ("责任编辑："), an action with its counter ("评论13"). Forum
 * posts and comment lists repeat them for every reply. A date written out in words without a time
 * stays ("2023年6月3日" signs a notice), and so do partial dates ("5月19日", a day's heading).
 */
const METADATA_LINE = new RegExp(
  [
    String.raw`^\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$`,
    String.raw`^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?\s*\d{1,2}\s*[:：时点]\s*\d{2}(?:\s*[:：分]\s*\d{2})?\s*[分秒]?$`,
    String.raw`^\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}$`,
    String.raw`^(?:刚刚|(?:\d+|半)\s*(?:秒|分钟|个?小时|天|周|个月|年)\s*[前后]|(?:今天|昨天|前天)\s*\d{1,2}:\d{2})$`,
    String.raw`^[\d\s.,:|#()（）/+%-]+$`,
    String.raw`^(?:(?:来自|发布于|发表于)\s*[:：]?\s*(?:${PROVINCES})(?:省|市|自治区|特别行政区)?|IP\s*属地\s*[:：]?\s*\S{2,10})$`,
    String.raw`^(?:责任编辑|编辑|责编|作者|来源|发布时间|时间)\s*[:：]?$`,
    String.raw`^(?:首赞|点赞|赞|收藏|分享|评论|回复|举报|转发|浏览|阅读)\s*[(（]?\s*\d*\s*[)）]?$`,
    String.raw`^\d+\s*(?:个|条)?\s*(?:评论|回复|回答|赞|点赞|收藏|转发|浏览|阅读|人赞同了该回答)$`,
  ].join('|'),
  'u',
);

/**
 * A dated byline or post stamp: a full date, a label (作者, 来源, 发表, 阅读, by, …) and no
 * sentence punctuation, "作者:x 阅读(1660) 评论(5) 发表于:2005-07-31 12:30", "2020.06.09 09:42 发布".
 */
const STAMP_DATE = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}/;
const STAMP_LABEL = /来源|作者|发布|发表|点击|浏览|阅读|编辑|记者|稿源|出处|评论|\bby\b/i;
const SENTENCE_PUNCT = /[，。！？；]/;

export function isMetadataLine(line: string): boolean {
  if (line.length <= 40 && METADATA_LINE.test(line)) return true;
  return line.length <= 150 && STAMP_DATE.test(line) && STAMP_LABEL.test(line) && !SENTENCE_PUNCT.test(line);
}

/**
 * The notice platforms append to what their users post ("该文观点仅代表作者本人，搜狐号系信息发布
 * 平台…", "本平台仅提供信息存储服务"): the platform speaking, not the author.
 */
const PLATFORM_NOTICE = /仅代表作者本人|仅提供信息存储|系信息发布平台|only provides information storage/i;

export function isPlatformNotice(line: string): boolean {
  return line.length <= 300 && PLATFORM_NOTICE.test(line);
}
