import type { Rng } from './corpus';

const COMMON_HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
const EMOJI = ['😂', '🙏', '🔥', '❗', '👍', '😡', '😭', '⚠️', '❤️', '💔', '🤔', '👇'];
const PREFIXES = ['转发：', '【扩散】', '转：', '//@热心市民小王: ', '震惊！', '速看！', '紧急通知：', '[转载] '];
const ENDINGS = [
  '大家赶紧转发，让更多人知道！',
  '不转不是中国人，看到的都转一下吧。',
  '消息来源可靠，请相互转告，注意安全。',
  '以上内容转自朋友圈，真假自辨。',
  '我已经报警了，等后续消息。',
];

function hanPositions(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (/\p{Script=Han}/u.test(s[i]!)) out.push(i);
  return out;
}

/** One edited character: substituted (most often), inserted or deleted, always at a Han character. */
function editOnce(r: Rng, s: string): string {
  const positions = hanPositions(s);
  if (positions.length === 0) return s;
  const at = r.pick(positions);
  const op = r.next();
  let ch = r.pick([...COMMON_HAN]);
  while (ch === s[at]) ch = r.pick([...COMMON_HAN]);
  if (op < 0.6) return s.slice(0, at) + ch + s.slice(at + 1);
  if (op < 0.8) return s.slice(0, at) + ch + s.slice(at);
  return s.slice(0, at) + s.slice(at + 1);
}

function edits(r: Rng, s: string, n: number): string {
  for (let i = 0; i < n; i++) s = editOnce(r, s);
  return s;
}

function emoji(r: Rng, s: string, n: number): string {
  for (let i = 0; i < n; i++) {
    const at = r.int(s.length + 1);
    s = s.slice(0, at) + r.pick(EMOJI) + s.slice(at);
  }
  return s;
}

/** Keeps the first `share` of the text (at a code unit boundary that does not split a pair). */
function truncate(s: string, share: number): string {
  let end = Math.round(s.length * share);
  if (/[\ud800-\udbff]/.test(s[end - 1] ?? '')) end--;
  return `${s.slice(0, end)}…`;
}

export type VariantKind =
  | 'edit-1'
  | 'edit-2'
  | 'edit-3'
  | 'emoji'
  | 'prefix'
  | 'prefix+emoji+2-edits'
  | 'other-ending'
  | 'truncate-90%'
  | 'truncate-80%'
  | 'truncate-70%'
  | 'truncate-60%';

/** The kinds the target (recall ≥ 0.95) is about: what a repost with small edits looks like. */
export const SMALL_EDIT_KINDS: VariantKind[] = ['edit-1', 'edit-2', 'edit-3', 'emoji', 'prefix', 'prefix+emoji+2-edits'];
export const OTHER_KINDS: VariantKind[] = ['other-ending', 'truncate-90%', 'truncate-80%', 'truncate-70%', 'truncate-60%'];

export function makeVariant(r: Rng, s: string, kind: VariantKind): string {
  switch (kind) {
    case 'edit-1':
      return edits(r, s, 1);
    case 'edit-2':
      return edits(r, s, 2);
    case 'edit-3':
      return edits(r, s, 3);
    case 'emoji':
      return emoji(r, s, 1 + r.int(3));
    case 'prefix':
      return r.pick(PREFIXES) + s;
    case 'prefix+emoji+2-edits':
      return r.pick(PREFIXES) + emoji(r, edits(r, s, 2), 1 + r.int(2));
    case 'other-ending': {
      // The last 15–25 % replaced by a stock call to share.
      const keep = Math.round(s.length * (0.75 + r.next() * 0.1));
      return s.slice(0, keep) + r.pick(ENDINGS);
    }
    case 'truncate-90%':
      return truncate(s, 0.9);
    case 'truncate-80%':
      return truncate(s, 0.8);
    case 'truncate-70%':
      return truncate(s, 0.7);
    case 'truncate-60%':
      return truncate(s, 0.6);
  }
}
