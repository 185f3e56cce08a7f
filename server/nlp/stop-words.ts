/**
 * Stop words for keyword extraction and hot words.
 *
 * Curated for what jieba actually produces on Chinese web news and Weibo posts, not a general
 * linguistic list: a word belongs here when it shows up in a word cloud of local news without
 * telling the reader anything about *what happened*. Single characters never need listing (the
 * extractor drops every word shorter than two characters) and neither do numbers (dropped by shape).
 *
 * Grouped so a reviewer can argue about one group at a time; the groups are joined into one set.
 */

/** Pronouns and demonstratives. */
const PRONOUNS = `
我们 你们 他们 她们 它们 咱们 大家 自己 人家 别人 他人 本人 各位 诸位 某某 有人 没人
这个 那个 这些 那些 这里 那里 这儿 那儿 这边 那边 这样 那样 这么 那么 这种 那种 这次 那次
这是 那是 就是 还是 或是 什么 怎么 怎样 怎么样 如何 为何 哪里 哪儿 哪个 哪些 多少 为什么
其中 其他 其它 其余 本身 彼此 任何 所有 一切 每个 各个 各种 各类 某个 某些 某种
`;

/** Conjunctions, prepositions, particles and function adverbs. */
const FUNCTION_WORDS = `
因为 所以 但是 可是 然而 而且 并且 或者 以及 还有 不过 只是 虽然 尽管 即使 如果 假如 要是
只要 只有 除非 无论 不论 不管 既然 因此 于是 从而 然后 接着 此外 另外 同时 而是 否则 甚至
对于 关于 根据 按照 依照 为了 由于 通过 经过 随着 对此 为此 基于 鉴于 以来 以后 以前 之后
之前 之间 之中 之一 之下 之上 以上 以下 以内 以外 左右 期间 其间 当中 当时 此时 此前 此后
已经 曾经 正在 仍然 依然 还是 都是 也是 就是 不是 没有 不会 不能 不要 不用 可能 可以 能够
应该 应当 需要 必须 一定 非常 十分 特别 比较 更加 越发 最为 尤其 格外 极其 相当 完全
一直 一起 一样 一般 一些 一点 一下 一种 一次 一个 一切 一边 一方面 有些 有点 有的 有关 相关
的话 而已 罢了 等等 之类 来说 来看 看来 似乎 好像 仿佛 大概 也许 或许 确实 其实 真的 当然
还要 还会 还能 还在 并不 并非 并没有 不仅 不但 而言 总之 例如 比如 包括 以便 以免 即可
的是 了解 到底 究竟 终于 马上 立即 立刻 随时 一旦 刚刚 正是 只能 只好 从来 向来 始终
`;

/** Verbs and nouns so common in reporting that they carry no topic. */
const GENERIC_WORDS = `
表示 进行 通过 认为 指出 强调 介绍 提出 提到 说明 显示 发现 发生 出现 开始 继续 实现
开展 推进 加强 做好 确保 落实 坚持 要求 工作 情况 问题 方面 时候 时间 事情 东西 地方 方式
目前 当前 现在 今天 昨天 明天 今年 去年 明年 今日 昨日 明日 近日 日前 日起 日电 日讯 上午
下午 晚上 早上 中午 凌晨 傍晚 当天 当日 次日 近期 最近 未来 以往 过去 如今 今后 年底 年初
月份 小时 分钟 星期 周一 周二 周三 周四 周五 周六 周日 周末 记得 知道 觉得 感觉 希望 看到
看看 听说 告诉 发布 公布 获悉 了解到 据悉 据了解 消息 报道 新闻 相关 有关 部分 整个 全部
一是 二是 三是 其次 首先 最后 第一 第二 第三 数据 结果 原因 影响 作用 内容 方法 过程 活动
`;

/**
 * Boilerplate of Chinese web news and Weibo: bylines, share buttons, link placeholders, wire-service
 * datelines. A word cloud full of 转发/网页链接/新华社 says who posted, not what is happening.
 */
const BOILERPLATE = `
转发 评论 点赞 收藏 分享 关注 私信 回复 微博 博文 超话 热搜 话题 网页 链接 网页链接 全文 展开
展开全文 收起 原文 原标题 标题 来源 出处 本文 文章 作者 编辑 责任编辑 小编 记者 通讯员 实习生
摄影 摄像 图片 图文 视频 直播 音频 截图 配图 客户端 扫码 二维码 点击 查看 阅读 原帖 网友
网友们 博主 楼主 用户 账号 官方 官微 公众号 抖音 快手 头条 版权 声明 转载 侵权 删除 联系
新华社 新华网 人民网 中新网 中新社 央视网 电讯 免责 广告 推广 赞助 秒拍 长图 组图
`;

/** Interjections and chat filler common in posts. */
const CHAT_FILLER = `
哈哈 哈哈哈 呵呵 嘿嘿 嘻嘻 哎呀 哎哟 天哪 天呐 我靠 卧槽 啊啊 哦哦 嗯嗯 好吧 好的 谢谢 感谢
真是 真的 太好了 厉害 加油 可怜 无语 围观 求助 求转 扩散 速看 紧急 注意 提醒 大伙 亲们
`;

/**
 * Latin fragments that survive URL stripping or come from markup and share widgets. Compared
 * lower-cased.
 */
const LATIN_NOISE = `
http https www com cn net org html htm php asp aspx amp nbsp quot gt lt url via cc rt
the and for you are with this that from not but was have has
of in on at to is it by as an or be we my me so do no up if us our your his her its their
`;

function words(...groups: string[]): string[] {
  return groups.join(' ').split(/\s+/u).filter((w) => w.length > 0);
}

/** The default Chinese stop words (frozen: extractors share it). */
export const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set(
  words(PRONOUNS, FUNCTION_WORDS, GENERIC_WORDS, BOILERPLATE, CHAT_FILLER),
);

/** Latin tokens never worth showing, compared lower-cased. */
export const LATIN_NOISE_WORDS: ReadonlySet<string> = new Set(words(LATIN_NOISE));

/**
 * Numerals with an optional measure word ("三十", "第一", "两个", "十一月"): quantities, not topics.
 * Kept as a pattern because the combinations are open-ended.
 */
const NUMERAL_WORD = /^[零〇一二两三四五六七八九十百千万亿几第多半数每]+[个位次件条名年月日号天人元岁米度层周期批家户份些]?$/u;

/** Han, Latin letters and digits only: anything else in a token is punctuation, emoji or markup. */
const WORD_SHAPE = /^[\p{Script=Han}A-Za-z0-9]+$/u;
const HAS_HAN = /\p{Script=Han}/u;
const HAS_LETTER = /[A-Za-z]/u;

/**
 * True for a token worth counting as a keyword: two or more characters, Han or alphanumeric,
 * not a stop word, not a number or numeral phrase, not Latin noise.
 */
export function isKeywordCandidate(token: string, stopWords: ReadonlySet<string> = CHINESE_STOP_WORDS): boolean {
  // Code points, not UTF-16 units: one astral Han character is still one character.
  let length = 0;
  for (const _ of token) if (++length >= 2) break;
  if (length < 2) return false;
  if (token.length > 24) return false; // glued runs (hashes, IDs) rather than words
  if (!WORD_SHAPE.test(token)) return false;
  if (stopWords.has(token)) return false;
  if (HAS_HAN.test(token)) return !NUMERAL_WORD.test(token);
  // Latin/alphanumeric: keep words like "ai", "5g", "iphone"; drop pure digits and noise.
  if (!HAS_LETTER.test(token)) return false;
  if (looksLikeIdentifier(token)) return false;
  return !LATIN_NOISE_WORDS.has(token.toLowerCase());
}

/**
 * Hashes, order and tracking numbers, UUID pieces ("000190368ff2", "a1b2c3d4", "sn20231107ab"): every
 * post has its own, so as keywords they only fill the hourly counts with words seen once. Short
 * mixed words stay ("5g", "h1n1", "covid19", "iphone15").
 */
function looksLikeIdentifier(token: string): boolean {
  if (token.length >= 8 && /^[0-9a-f]+$/iu.test(token) && /\d/u.test(token)) return true;
  let digits = 0;
  for (const ch of token) if (ch >= '0' && ch <= '9') digits++;
  return token.length >= 6 && digits >= 4;
}
