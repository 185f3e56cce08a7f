import { claimUnits } from './claim-text';
import { normaliseText } from './normalise';

/**
 * Questions the public asks in posts (哪里可以…, 是不是…, 什么时候…), and the grouping of similar
 * questions into one "information void". Pure: text in, strings and groups out.
 *
 * A question is a sentence (cut at 。！？!?；; … and line breaks) that holds an interrogative marker
 * (MARKERS) or ends in 吗 or a question mark. Cheap guards against noise: sentences ending in ！
 * without a question mark are exclamations ("怎么这么好看！"), a fixed list of rhetorical phrases
 * (谁知道呢, 那又怎样, 怎么可能) disqualifies a sentence, "无论如何" and the like are masked before
 * markers are looked for, and a question needs MIN_UNITS letters and digits of which MIN_CORE_UNITS
 * remain once the question words are taken out (是不是真的？ says nothing about what).
 */

/** Letters and digits a question must have; shorter fragments ("是吗？", "咋办") say too little. */
const MIN_UNITS = 5;
/** Letters and digits left once question words and fillers are removed (the subject of the question). */
const MIN_CORE_UNITS = 2;
/** A question is cut to this many characters (its end, where the question words are, is kept). */
export const MAX_QUESTION_CHARS = 60;
/** At most this many questions per post: a long post full of questions is a list, not a crowd asking. */
export const MAX_QUESTIONS_PER_ITEM = 5;
/** The text read for questions: posts ask up front; a very long body adds cost, not questions. */
const MAX_SCAN_CHARS = 4_000;

const MARKERS =
  /哪里可以|哪里能|哪儿能|在哪里|在哪儿|在哪|去哪|哪儿|哪里有|是不是|是否|是真的吗|真的假的|真的吗|属实吗|什么时候|啥时候|何时|几点|多久|多长时间|怎么办|如何|怎么|咋办|咋回事|咋整|能不能|可不可以|可以[^，,。]{0,8}吗|能否|为什么|为啥|有没有/;
/** Phrases that contain a marker but ask nothing. */
const MASKED = /无论如何|不管怎么样?|不管如何|怎么也|怎么都|不知道为什么|不知为何|没有没有/g;
/** Sentences with these are rhetorical or exclamations, not requests for information. */
const RHETORICAL = /谁知道呢|天知道|鬼知道|那又怎样|那又如何|管他呢|何必呢|何苦呢|怎么可能|难道不是|还用说吗|有什么用|有什么办法呢|怎么说呢|凭什么|谁说不是呢|不是吗[？?]?$/;
/** Openers that carry no content: stripped so 请问哪里可以… and 哪里可以… read the same. */
const OPENERS = /^(?:(?:请问一下|请问|想问一下|想问下|问一下|问下|求问|请教一下|请教|有没有人知道|有人知道|有谁知道|谁知道|大家知道|求助|急|在线等|听说|据说|网传)[，,：:\s]*)+/;

const URL = /(?:https?:\/\/|www\.)[^\s，。！？、]+/gi;
/** @mentions, repost chains (//@name:) and bracket emoticons ([微笑]). */
const MENTION = /\/\/@[^\s:：]{1,30}[:：]?|@[^\s@:：,，。！？!?]{1,30}[:：]?/g;
const EMOTICON = /\[[\p{Script=Han}a-zA-Z]{1,6}\]/gu;
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE0F}\u{200D}\u{20E3}]/gu;
const SENTENCE = /[^。！？!?；;…\n]+[。！？!?；;…\n]*/g;
const CLAUSE_SEP = /[，,：:、]/;

const isQuestionMark = (c: string) => c === '？' || c === '?';

function units(s: string): number {
  return (s.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

/** Text with the decoration posts carry (links, mentions, emoji, hashtag marks) removed. */
export function cleanPostText(s: string): string {
  return s
    .replace(URL, ' ')
    .replace(MENTION, ' ')
    .replace(EMOTICON, '')
    .replace(PICTOGRAPH, '')
    .replace(/#/g, ' ')
    .replace(/[ \t\u3000]+/g, ' ');
}

/** The clause that asks, with the clause before it when it alone is too short to say what about. */
function questionSpan(sentence: string): string {
  const clauses = sentence.split(CLAUSE_SEP).map((c) => c.trim().replace(OPENERS, '')).filter(Boolean);
  if (clauses.length <= 1) return sentence.trim();
  let k = clauses.length - 1;
  for (let i = clauses.length - 1; i >= 0; i--) {
    if (MARKERS.test(clauses[i]!.replace(MASKED, ''))) {
      k = i;
      break;
    }
  }
  const start = k > 0 && units(clauses[k]!.replace(OPENERS, '')) < 8 ? k - 1 : k;
  return clauses.slice(start, k + 1).join('，');
}

/** The sentence as a question string, or null when it is not one (see the file comment). */
function asQuestion(raw: string): string | null {
  const sentence = raw.trim();
  const end = sentence.match(/[。！？!?；;…\s]*$/)![0];
  const body = sentence.slice(0, sentence.length - end.length).trim();
  if (!body) return null;
  const asked = [...end].some(isQuestionMark);
  if (!asked && /[！!]/.test(end)) return null;
  if (RHETORICAL.test(body) || RHETORICAL.test(`${body}${asked ? '？' : ''}`)) return null;
  const masked = body.replace(MASKED, '');
  const marked = MARKERS.test(masked) || /吗$/.test(body);
  if (!marked && !asked) return null;
  let q = questionSpan(body.replace(OPENERS, '')).trim();
  if (q.length > MAX_QUESTION_CHARS) q = q.slice(q.length - MAX_QUESTION_CHARS).replace(/^[，,\s]+/, '');
  if (units(q) < MIN_UNITS || units(questionCore(q)) < MIN_CORE_UNITS) return null;
  return `${q.replace(/[，,\s]+$/, '')}？`;
}

/**
 * The questions a post asks, normalised for display and grouping: decoration removed, openers
 * (请问, 有人知道) dropped, cut to MAX_QUESTION_CHARS, ending in "？", each once, at most
 * MAX_QUESTIONS_PER_ITEM. Notices and news ask nothing of the district: [] for them.
 */
export function extractQuestions(input: { title: string; body: string; kind: string }): string[] {
  if (input.kind !== 'post') return [];
  const title = input.title.trim();
  const body = input.body.trim();
  // Posts often repeat the body's start as their title: read it once.
  const text = title && !body.startsWith(title.replace(/…$/, '')) ? `${title}\n${body}` : body || title;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of cleanPostText(text.slice(0, MAX_SCAN_CHARS)).matchAll(SENTENCE)) {
    const q = asQuestion(m[0]);
    if (q === null) continue;
    const key = questionCore(q);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(q);
    if (out.length >= MAX_QUESTIONS_PER_ITEM) break;
  }
  return out;
}

/**
 * Words that make a sentence a question but not what it is about: taken out before questions are
 * compared, so 什么时候开学 and 什么时候停水 share nothing and 哪里可以打疫苗 equals 疫苗在哪里打.
 * Longest first, so 是不是真的 goes whole rather than leaving 真的.
 */
const QUESTION_WORDS = [
  '有没有人知道', '是不是真的', '多长时间', '什么时候', '是真的吗', '真的假的', '可不可以', '有人知道', '请问一下',
  '想问一下', '哪里可以', '哪儿可以', '在哪里', '在哪儿', '去哪里', '去哪儿', '啥时候', '怎么回事', '怎么办', '能不能',
  '为什么', '有没有', '是不是', '属实吗', '真的吗', '谁知道', '哪里能', '请问', '是否', '何时', '几点', '多久', '如何',
  '怎么', '咋办', '能否', '为啥', '可以', '能够', '哪里', '哪儿', '在哪', '去哪', '大家', '我们', '一下', '现在', '还要', '需要', '到底', '究竟',
  '吗', '呢', '啊', '呀', '吧', '嘛', '哦', '的', '了', '么',
].sort((a, b) => b.length - a.length);
const QUESTION_WORDS_RE = new RegExp(QUESTION_WORDS.join('|'), 'g');

/** What a question is about: its normalised letters and digits without question words and particles. */
export function questionCore(question: string): string {
  return normaliseText(question).replace(QUESTION_WORDS_RE, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Characters too common in questions to tell two apart (有核酸采样点 asks what 核酸采样点 does).
 * Everything else is content.
 */
const LIGHT_CHARS = new Set([...'有是在要会能去还就都也又才再那这个些么吗呢啊呀吧嘛哦的了着过和与及或']);

/** The content characters of a core (letters and digits other than LIGHT_CHARS). */
function contentChars(core: string): Set<string> {
  const out = new Set<string>();
  for (const ch of core) if (/[\p{L}\p{N}]/u.test(ch) && !LIGHT_CHARS.has(ch)) out.add(ch);
  return out;
}

/**
 * Whether two cores can be the same question: one's content characters all occur in the other.
 * Bigram overlap alone merges 阳光花园停水 with 阳光花园停电 (a long shared place name, one
 * different word); each having a word the other lacks means each asks something else. The cost:
 * paraphrases with different words (打疫苗 / 接种疫苗) stay apart, two voids rather than a wrong one.
 */
export function sameSubject(a: string, b: string): boolean {
  const ca = contentChars(a);
  const cb = contentChars(b);
  let aOnly = false;
  for (const ch of ca) if (!cb.has(ch)) aOnly = true;
  if (!aOnly) return true;
  for (const ch of cb) if (!ca.has(ch)) return false;
  return true;
}

export interface QuestionGroup<T> {
  /** Members, in the order given. */
  members: T[];
  /** The core the group was seeded with (the most asked form). */
  seedCore: string;
}

export interface GroupOptions {
  /** Bigram Jaccard similarity to a group's seed from which a question joins it. */
  minJaccard?: number;
  /** Or: share of the smaller question's bigrams the other holds, when the smaller has at least minOverlapBigrams. */
  minOverlap?: number;
  minOverlapBigrams?: number;
}

export const GROUP_DEFAULTS = Object.freeze({ minJaccard: 0.45, minOverlap: 0.75, minOverlapBigrams: 3 });

function bigrams(core: string): Set<number> {
  const u = claimUnits(core);
  const set = new Set<number>();
  // claimUnits drops the spaces left where question words were: a bigram across that gap is
  // dropped too, so 开学 + 时间 does not invent 学时.
  for (let i = 0; i < u.count - 1; i++) if (!/\s/.test(core.slice(u.starts[i]!, u.starts[i + 1]!))) set.add(u.keys[i]!);
  return set;
}

/** Similarity of two bigram sets under the options: Jaccard, or overlap for a contained question. */
export function coreSimilarity(a: Set<number>, b: Set<number>, o: Required<GroupOptions> = GROUP_DEFAULTS): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) shared++;
  // One bigram says too little to be near anything: 停水 joins only 停水.
  if (small.size < 2) return shared === large.size ? 1 : 0;
  const jaccard = shared / (a.size + b.size - shared);
  const overlap = small.size >= o.minOverlapBigrams ? shared / small.size : 0;
  // Overlap is mapped onto the Jaccard scale so one threshold decides.
  return overlap >= o.minOverlap ? Math.max(jaccard, o.minJaccard) : jaccard;
}

/** Bigram set of a question's core, for coreSimilarity. */
export function coreBigrams(question: string): Set<number> {
  return bigrams(questionCore(question));
}

/**
 * Groups questions by what they ask. `items` should come most important first (most asked): each
 * either joins the most similar existing group (compared with the group's seed, found through a
 * bigram → group index; similar: coreSimilarity at or above minJaccard and sameSubject) or seeds a
 * new one. Questions with an empty core are left out.
 * Deterministic for a given order; linear in the input plus the postings read.
 */
export function groupQuestions<T>(items: readonly T[], core: (t: T) => string, opts: GroupOptions = {}): QuestionGroup<T>[] {
  const o = { ...GROUP_DEFAULTS, ...opts };
  const groups: { members: T[]; seedCore: string; seed: Set<number> }[] = [];
  const byCore = new Map<string, number>();
  const postings = new Map<number, number[]>();
  for (const item of items) {
    const c = core(item);
    if (!c) continue;
    const exact = byCore.get(c);
    if (exact !== undefined) {
      groups[exact]!.members.push(item);
      continue;
    }
    const set = bigrams(c);
    const seen = new Set<number>();
    let best = -1;
    let bestSim = 0;
    for (const k of set) {
      for (const g of postings.get(k) ?? []) {
        if (seen.has(g)) continue;
        seen.add(g);
        const sim = sameSubject(c, groups[g]!.seedCore) ? coreSimilarity(set, groups[g]!.seed, o) : 0;
        if (sim >= o.minJaccard && (sim > bestSim || (sim === bestSim && g < best))) {
          best = g;
          bestSim = sim;
        }
      }
    }
    if (best < 0) {
      best = groups.length;
      groups.push({ members: [], seedCore: c, seed: set });
      for (const k of set) {
        const list = postings.get(k);
        if (list) list.push(best);
        else postings.set(k, [best]);
      }
    }
    byCore.set(c, best);
    groups[best]!.members.push(item);
  }
  return groups.map(({ members, seedCore }) => ({ members, seedCore }));
}
