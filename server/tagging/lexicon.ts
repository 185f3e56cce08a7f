import type { SignalKey } from './signals';

/**
 * The hand-set phrase table. Weights are the chance that the phrase alone makes an item worth a
 * reviewer's look; phrases combine as 1 − Π(1 − w), so 0.5 and above tags on its own at the default
 * threshold, and weaker phrases need company.
 *
 * How the weights were set: `npx tsx server/cli/eval-tagger.ts --data …` counts the posts each
 * phrase fires in, rumour vs non-rumour, with a smoothed log-odds per source. Roughly: log-odds ≥ 2
 * with a dozen or more posts → 0.45–0.55; 1.2–2 → 0.3–0.45; 0.5–1.2 → 0.1–0.25; leaning the other
 * way → dropped or kept at 0.1 only where the brief's domain needs the category (涨价, 封路, 停运).
 * 哄抬 was dropped: it is the regulator's word ("严查哄抬物价") and leans non-rumour. Phrases the
 * Weibo data barely contains (赶紧囤, 不转不是中国人, 别信辟谣) keep a judgement weight; the
 * evaluation lists them as "never fired" so nobody mistakes them for measured ones.
 * Nothing here is copied from the data: all phrases are stock expressions, and the data's labels
 * only moved the numbers.
 */
export interface LexiconEntry {
  phrase: string;
  signal: SignalKey;
  weight: number;
}

function group(signal: SignalKey, table: Readonly<Record<string, number>>): LexiconEntry[] {
  return Object.entries(table).map(([phrase, weight]) => ({ phrase, signal, weight }));
}

export const LEXICON: readonly LexiconEntry[] = [
  ...group('spread', {
    紧急扩散: 0.6,
    紧急转发: 0.5,
    速转: 0.25,
    转发扩散: 0.1,
    扩散出去: 0.5,
    求扩散: 0.55,
    请扩散: 0.45,
    帮忙扩散: 0.55,
    扩散: 0.1,
    求转发: 0.55,
    请转发: 0.45,
    马上转: 0.45,
    赶紧转: 0.5,
    快转: 0.3,
    一定要转: 0.5,
    看到请转: 0.5,
    相互转告: 0.55,
    互相转告: 0.5,
    转告: 0.5,
    不转不是中国人: 0.8,
    不转不是: 0.7,
    不转发不是: 0.7,
    不转: 0.4,
    转疯了: 0.4,
    朋友圈疯传: 0.15,
    转起: 0.3,
    帮忙转: 0.45,
    转发一下: 0.45,
    转一下: 0.45,
    大家转: 0.45,
    互转: 0.45,
    看到就转: 0.5,
    传疯了: 0.4,
    爱心接力: 0.45,
    转起来: 0.4,
    发给你: 0.4,
    发给: 0.2,
    让更多的人: 0.3,
    传出去: 0.3,
  }),
  ...group('hearsay', {
    网传: 0.2,
    据内部消息: 0.6,
    内部消息: 0.5,
    可靠消息: 0.45,
    小道消息: 0.45,
    据说: 0.4,
    听说: 0.2,
    据传: 0.5,
    知情人: 0.25,
    朋友说: 0.1,
    亲戚说: 0.35,
    同事说: 0.3,
    内幕: 0.25,
  }),
  ...group('alarm', {
    千万别: 0.1,
    千万不要: 0.3,
    大家注意: 0.55,
    请大家: 0.45,
    务必: 0.5,
    注意了: 0.45,
    注意安全: 0.35,
    紧急提醒: 0.4,
    紧急通知: 0.35,
    快看: 0.3,
    大家小心: 0.5,
    注意啦: 0.45,
    小心点: 0.4,
    出大事了: 0.5,
    出事了: 0.4,
    不要出门: 0.45,
    一定要注意: 0.3,
    太恐怖了: 0.3,
    有孩子的: 0.3,
    请各位: 0.35,
    要小心: 0.3,
    一定要小心: 0.4,
    紧急提示: 0.4,
    为了孩子: 0.3,
  }),
  ...group('unverified', {
    求辟谣: 0.6,
    谁来辟谣: 0.5,
    求证: 0.45,
    真的假的: 0.5,
    是真的吗: 0.4,
    求真相: 0.3,
    不知真假: 0.5,
    不管真假: 0.45,
    宁可信其有: 0.5,
    未经证实: 0.3,
  }),
  ...group('suppression', {
    被删: 0.45,
    删帖: 0.35,
    马上删: 0.5,
    随时删: 0.5,
    快被删: 0.5,
    趁还没删: 0.5,
    不让说: 0.45,
    封锁消息: 0.45,
  }),
  ...group('denial', {
    不是谣言: 0.55,
    并非谣言: 0.55,
    不是假的: 0.45,
    绝对是真的: 0.45,
    千真万确: 0.4,
    是真的: 0.3,
    别信辟谣: 0.6,
    别相信辟谣: 0.6,
    不要信辟谣: 0.6,
    不要相信辟谣: 0.6,
    辟谣是假的: 0.6,
    所谓辟谣: 0.5,
  }),
  ...group('claim-cure', {
    板蓝根: 0.25,
    偏方: 0.25,
    秘方: 0.25,
    神药: 0.3,
    包治: 0.4,
  }),
  ...group('claim-lockdown', {
    封城: 0.35,
    封省: 0.4,
    全城戒严: 0.45,
    戒严: 0.3,
    全面封锁: 0.3,
    封路: 0.1,
    停运: 0.1,
  }),
  ...group('claim-shortage', {
    赶紧囤: 0.6,
    快囤: 0.45,
    囤货: 0.15,
    抢购: 0.1,
    断供: 0.25,
    断货: 0.2,
    脱销: 0.2,
  }),
  ...group('claim-price', {
    要涨价: 0.3,
    即将涨价: 0.35,
    涨价: 0.1,
  }),
  ...group('claim-disaster', {
    死亡: 0.15,
    死了: 0.3,
    身亡: 0.25,
    遇难: 0.15,
    溃坝: 0.4,
    爆炸: 0.3,
    坍塌: 0.3,
    泄漏: 0.25,
    地震: 0.3,
    致命: 0.3,
  }),
  ...group('claim-safety', {
    人贩子: 0.35,
    拐卖: 0.3,
    迷魂药: 0.35,
    迷药: 0.3,
    偷孩子: 0.35,
    抢孩子: 0.4,
    挖器官: 0.4,
    拐走: 0.45,
    被拐: 0.3,
    寻人启事: 0.3,
    新骗局: 0.4,
    假币: 0.3,
  }),
  ...group('claim-food', {
    致癌: 0.3,
    有毒: 0.25,
    千万别吃: 0.4,
    别吃: 0.4,
  }),
  ...group('claim-fake-official', {
    官方通知: 0.4,
    内部通知: 0.45,
    内部文件: 0.45,
    红头文件: 0.35,
    上级通知: 0.35,
  }),
  ...group('rebuttal', {
    辟谣: 0.45,
    官方辟谣: 0.5,
    联合辟谣: 0.55,
    不实信息: 0.5,
    消息不实: 0.55,
    信息不实: 0.55,
    内容不实: 0.55,
    传言不实: 0.55,
    不实: 0.3,
    不属实: 0.45,
    经核实: 0.5,
    经查证: 0.5,
    系谣言: 0.7,
    纯属谣言: 0.7,
    属谣言: 0.6,
    属于谣言: 0.6,
    是谣言: 0.4,
    谣言: 0.15,
    请勿轻信: 0.55,
    切勿轻信: 0.55,
    不要轻信: 0.45,
    不信谣不传谣: 0.6,
    不信谣: 0.5,
    不传谣: 0.5,
    // Here so that "不信谣不传谣不转发" is not read as the rumour-side "不转".
    不转发: 0.2,
    造谣: 0.25,
    假消息: 0.3,
    假新闻: 0.3,
    子虚乌有: 0.5,
    没有证据: 0.3,
    没有科学依据: 0.45,
    无科学依据: 0.45,
    不能预防: 0.35,
    无法预防: 0.35,
    谣言粉碎: 0.5,
    特此澄清: 0.55,
    澄清: 0.3,
    并非事实: 0.5,
    与事实不符: 0.55,
    纯属捏造: 0.6,
    恶意编造: 0.5,
    关于网传: 0.45,
    针对网传: 0.45,
    对于网传: 0.4,
    有关网传: 0.4,
    经求证: 0.45,
    虚假信息: 0.45,
    虚假消息: 0.45,
    智商税: 0.3,
    不必恐慌: 0.3,
    并不能: 0.2,
    都是谣言: 0.55,
  }),
  ...group('rebuttal-context', {
    经查: 0.4,
    经调查: 0.3,
    警方通报: 0.35,
    警情通报: 0.35,
    依法处理: 0.3,
    依法查处: 0.35,
    行政拘留: 0.35,
  }),
  // Weightless cues: they only let a conditional claim count ("官方通知" + "紧急").
  ...group('cue', {
    紧急: 0,
    内部: 0,
  }),
];

export type NegatableKind = 'rumour-word' | 'debunk-word';

/** Debunk words whose meaning flips after a negator; see evidence.ts. */
export const NEGATABLE: Readonly<Record<string, NegatableKind>> = {
  谣言: 'rumour-word',
  是谣言: 'rumour-word',
  假消息: 'rumour-word',
  假新闻: 'rumour-word',
  造谣: 'rumour-word',
  辟谣: 'debunk-word',
  官方辟谣: 'debunk-word',
  联合辟谣: 'debunk-word',
};

/** Claims that need a little grammar, not just a phrase. Matched on normalised text. */
export interface PatternEntry {
  /** Shown in the evaluation's phrase table. */
  name: string;
  signal: SignalKey;
  weight: number;
  pattern: RegExp;
}

// A clause: no sentence or clause punctuation, so the two halves belong to the same statement.
const CLAUSE = '[^,，。;；!！?？\\n]';

export const PATTERNS: readonly PatternEntry[] = [
  {
    name: '喝/吃…可以预防/治愈',
    signal: 'claim-cure',
    weight: 0.35,
    pattern: new RegExp(
      `(?:喝|吃|熏|服用|泡水|含服|涂抹)${CLAUSE}{0,12}?(?:可以|能够|能|可|就能|就可以)(?:有效)?(?:预防|治愈|治好|杀死|杀灭|防止|抵抗|抵御|防)`,
      'g',
    ),
  },
  {
    name: '明天/马上…封城/封路/戒严',
    signal: 'claim-lockdown',
    weight: 0.45,
    pattern: new RegExp(
      `(?:明天|明日|今晚|今夜|后天|马上|即将|就要|下周|今天起|明天起)${CLAUSE}{0,6}?(?:封城|封路|封锁|戒严|停运|封闭|封村|封小区|开始封)`,
      'g',
    ),
  },
  {
    name: '将/要…发生地震',
    signal: 'claim-disaster',
    weight: 0.45,
    pattern: new RegExp(`(?:将|要|会|即将|可能)${CLAUSE}{0,6}?(?:发生|有)${CLAUSE}{0,4}?地震`, 'g'),
  },
];
