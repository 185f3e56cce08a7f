import type { SentimentLabel } from './model';

/**
 * The sentiment a fresh installation shows before anyone has trained a model: a short list of
 * unambiguous evaluative words, with negation flipping the next word's sign ("不满意") and degree
 * words strengthening it. It is deliberately cautious — most text stays neutral — and its labels are
 * marked 'lexicon' so nobody mistakes them for a trained model's. `npm run sentiment:train` and
 * analysts' corrections replace it.
 */

const POSITIVE = `满意 感谢 感动 点赞 赞 好评 支持 开心 高兴 快乐 幸福 放心 安心 顺利 成功 优秀 出色 温暖 暖心 贴心 及时
  给力 称赞 表扬 赞扬 喜欢 热爱 欣慰 喜悦 美好 精彩 完善 便民 惠民 受益 好转 改善 提升 恢复 平安 安全 康复 祝贺 庆祝 感恩 棒
  加油 振奋 自豪 骄傲 值得 靠谱 舒适 方便 稳定 有序 丰收 团圆 点亮 圆满 良好 积极 热情 友好 周到 耐心 认真 高效 感激 谢谢`;

const NEGATIVE = `不满 投诉 愤怒 生气 气愤 失望 恶心 垃圾 骗子 诈骗 欺骗 坑 担心 害怕 恐慌 恐惧 焦虑 难过 伤心 悲伤 痛苦 绝望
  心寒 无语 崩溃 糟糕 差劲 太差 恶劣 可恶 可怕 讨厌 死亡 遇难 身亡 伤亡 事故 爆炸 火灾 污染 拖欠 欠薪 维权 举报 曝光 黑心 腐败
  违法 违规 涨价 哄抬 暴涨 短缺 抢购 停水 停电 堵塞 拥堵 混乱 推诿 敷衍 刁难 冷漠 霸道 欺负 打人 受伤 受害 质疑 谴责 抗议 怒
  惨 痛心 吐槽 差评 退款 烂尾 倒闭 失业 裁员 骂 吵 闹事 纠纷 隐患 危险 严重 恶化 泄露 造谣 谣言 可疑 可悲 委屈 不公 心疼`;

const NEGATORS = ['不是', '没有', '并不', '从不', '毫不', '绝不', '不', '没', '无', '未', '别', '勿', '非'];
const DEGREES = ['非常', '特别', '十分', '极其', '相当', '格外', '太', '很', '超', '极', '最', '真'];

const words = (list: string) => list.split(/\s+/).filter(Boolean);
const LEXICON = new Map<string, number>([...words(POSITIVE).map((w) => [w, 1] as const), ...words(NEGATIVE).map((w) => [w, -1] as const)]);
/** Longest first, so "不满" is read as one negative word, not as 不 + 满. */
const ENTRIES = [...LEXICON.keys(), ...NEGATORS, ...DEGREES].sort((a, b) => b.length - a.length);
/** Entries by their first UTF-16 unit, longest first: one look-up per character. */
const BY_FIRST = new Map<number, string[]>();
for (const w of ENTRIES) {
  const bucket = BY_FIRST.get(w.charCodeAt(0));
  if (bucket) bucket.push(w);
  else BY_FIRST.set(w.charCodeAt(0), [w]);
}
const NEGATOR_SET = new Set(NEGATORS);
const DEGREE_SET = new Set(DEGREES);
/** A clause ends at punctuation: negation and degree do not reach past it. */
const CLAUSE_END = /[，。！？；,.!?;\n]/;
/** Negation and degree reach this many characters ahead. */
const SCOPE = 3;
const MAX_CHARS = 2_000;

export interface LexiconSentiment {
  label: SentimentLabel;
  /** 0.5 (one weak cue) to 0.9 (many cues agreeing): never as sure as a trained model can be. */
  confidence: number;
}

export function lexiconSentiment(normalised: string): LexiconSentiment {
  const text = normalised.length > MAX_CHARS ? normalised.slice(0, MAX_CHARS) : normalised;
  let score = 0;
  let cues = 0;
  let negateUntil = -1;
  let boostUntil = -1;
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (CLAUSE_END.test(ch)) {
      negateUntil = boostUntil = -1;
      i++;
      continue;
    }
    const bucket = BY_FIRST.get(text.charCodeAt(i));
    const word = bucket?.find((w) => text.startsWith(w, i));
    if (!word) {
      i++;
      continue;
    }
    const end = i + word.length;
    if (NEGATOR_SET.has(word)) negateUntil = negateUntil >= i ? -1 : end + SCOPE;
    else if (DEGREE_SET.has(word)) boostUntil = end + SCOPE;
    else {
      let value = LEXICON.get(word)!;
      // "不满意" is plainly negative; "不担心" is only mildly positive.
      if (negateUntil >= i) value = value > 0 ? -value : -value * 0.5;
      if (boostUntil >= i) value *= 1.5;
      score += value;
      cues++;
      negateUntil = boostUntil = -1;
    }
    i = end;
  }
  if (cues === 0 || Math.abs(score) < 1) return { label: 'neutral', confidence: cues === 0 ? 0.6 : 0.5 };
  return { label: score > 0 ? 'pos' : 'neg', confidence: Math.min(0.9, 0.5 + 0.1 * Math.abs(score)) };
}
