import type { ItemKind } from '../contracts/item';

/**
 * The kinds of evidence the tagger knows. Each becomes at most one Reason, listing the phrases
 * that fired for it. Rumour-side and rebuttal-side evidence are scored separately.
 */
export type SignalKey =
  | 'spread'
  | 'hearsay'
  | 'alarm'
  | 'unverified'
  | 'suppression'
  | 'denial'
  | 'claim-cure'
  | 'claim-lockdown'
  | 'claim-shortage'
  | 'claim-price'
  | 'claim-disaster'
  | 'claim-safety'
  | 'claim-food'
  | 'claim-fake-official'
  | 'rebuttal'
  | 'rebuttal-context'
  | 'cue';

export type Side = 'rumour' | 'rebuttal' | 'none';

export interface SignalSpec {
  side: Side;
  /** Stable machine code for Reason.code. */
  code: string;
  /** Chinese label for Reason.label. */
  label: string;
  /**
   * How much of the weight survives per item kind. Official notices legitimately say 请大家/务必/紧急通知
   * and news legitimately reports what 网传 says, so those kinds keep less of the rumour weight.
   */
  kindFactor: Readonly<Record<ItemKind, number>>;
  /** Counted only when a signal of one of these keys is also present (claims that need hearsay). */
  requires?: readonly SignalKey[];
}

const FULL = { post: 1, news: 1, notice: 1 } as const;
const HALF_OFFICIAL = { post: 1, news: 0.5, notice: 0.5 } as const;

// Hearsay-like context that turns an otherwise newsworthy fact (a death, an explosion) into a claim.
const HEARSAY_CONTEXT: readonly SignalKey[] = ['hearsay', 'unverified', 'spread', 'suppression'];
// "官方通知" is a claim when it comes with urgency or secrecy (紧急, 内部) as well as hearsay.
const FAKE_OFFICIAL_CONTEXT: readonly SignalKey[] = [...HEARSAY_CONTEXT, 'alarm', 'cue'];

export const SIGNALS: Readonly<Record<SignalKey, SignalSpec>> = {
  spread: { side: 'rumour', code: 'marker-phrase', label: '传谣标记：号召转发扩散', kindFactor: HALF_OFFICIAL },
  hearsay: { side: 'rumour', code: 'marker-phrase', label: '传谣标记：来源不明的传闻', kindFactor: { post: 1, news: 0.4, notice: 0.4 } },
  alarm: { side: 'rumour', code: 'marker-phrase', label: '传谣标记：制造紧迫或恐慌', kindFactor: { post: 1, news: 0.5, notice: 0.3 } },
  unverified: { side: 'rumour', code: 'marker-phrase', label: '传谣标记：真假未明、求证', kindFactor: HALF_OFFICIAL },
  suppression: { side: 'rumour', code: 'marker-phrase', label: '传谣标记：声称消息被删或被封锁', kindFactor: HALF_OFFICIAL },
  denial: { side: 'rumour', code: 'negated-rebuttal', label: '否认辟谣、坚称属实', kindFactor: { post: 1, news: 0.7, notice: 0.7 } },
  'claim-cure': { side: 'rumour', code: 'claim-pattern', label: '传言内容：偏方、预防或治愈疾病', kindFactor: HALF_OFFICIAL },
  'claim-lockdown': { side: 'rumour', code: 'claim-pattern', label: '传言内容：封城、封路、停运', kindFactor: HALF_OFFICIAL },
  'claim-shortage': { side: 'rumour', code: 'claim-pattern', label: '传言内容：抢购、囤货、断供', kindFactor: HALF_OFFICIAL },
  'claim-price': { side: 'rumour', code: 'claim-pattern', label: '传言内容：涨价', kindFactor: HALF_OFFICIAL },
  'claim-disaster': {
    side: 'rumour',
    code: 'claim-pattern',
    label: '传言内容：伤亡或灾害（伴随传闻说法）',
    kindFactor: HALF_OFFICIAL,
    requires: HEARSAY_CONTEXT,
  },
  'claim-safety': { side: 'rumour', code: 'claim-pattern', label: '传言内容：拐卖、迷药、骗局等安全恐慌', kindFactor: HALF_OFFICIAL },
  'claim-food': { side: 'rumour', code: 'claim-pattern', label: '传言内容：食品致癌或有毒', kindFactor: HALF_OFFICIAL },
  'claim-fake-official': {
    side: 'rumour',
    code: 'claim-pattern',
    label: '传言内容：冒称官方或内部通知',
    // An official source quoting its own notice is no claim at all.
    kindFactor: { post: 1, news: 0.3, notice: 0 },
    requires: FAKE_OFFICIAL_CONTEXT,
  },
  rebuttal: { side: 'rebuttal', code: 'rebuttal-phrase', label: '辟谣、澄清用语', kindFactor: FULL },
  // 警方通报/依法处理 close most police reports, debunk or not: they only add to a debunk word.
  'rebuttal-context': {
    side: 'rebuttal',
    code: 'rebuttal-phrase',
    label: '核查、执法通报用语（伴随辟谣用语）',
    kindFactor: FULL,
    requires: ['rebuttal'],
  },
  cue: { side: 'none', code: 'cue', label: '', kindFactor: FULL },
};
