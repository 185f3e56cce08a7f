import { createBucketCounter } from '../tagging/classifier/bucket-counter';
import { checkSpec, fmix32, FNV_OFFSET, FNV_PRIME, type FeatureSpec } from '../tagging/classifier/features';
import { createUnitBuffer, toUnits, UNIT_SPACE } from '../tagging/classifier/units';
import { segmentWords } from './words';

/**
 * Sentiment features: the tagger's hashed character n-grams (units.ts, same FNV/murmur hashing) plus
 * two cheap cues that plain n-grams capture badly.
 *
 * - Negation. After a negator (不 没 无 未 别 莫 勿; 没有/不是/不要 are covered by their first
 *   character) the next NEG_WINDOW units are "in scope" until punctuation or whitespace. Every
 *   unigram and bigram starting in scope is emitted a second time under a negation seed, so "不好"
 *   yields both 好 and NEG:好 and the model can give NEG:好 the opposite sign of 好. Two negators in
 *   one window cancel ("不是不好" puts 好 out of scope). A document feature counts negators (0,1,2+).
 * - Degree. After a degree word (很 太 超 最 极 挺 蛮 更 真 非常 特别 十分 相当 格外 尤其 极其 超级 太过)
 *   the next DEG_WINDOW units get their unigram and bigram emitted under a degree seed, so
 *   intensified words ("很开心", "太难过") can weigh more than plain ones.
 * - Emoticons (spec.emoticons). Each Weibo emoticon "[哈哈]", "[泪]" is one more feature of its own.
 * - Words (spec.words). jieba's segmentation (words.ts): word unigrams and adjacent-word bigrams
 *   (reset at punctuation), and after a negator word (不 没有 不是 并不 从未 …) the next
 *   NEG_WORD_WINDOW words once more under a word-negation seed.
 *
 * Values are 1 + ln(count), optionally times a per-bucket scale (IDF), then L2-normalised.
 * Changing anything here changes what buckets mean: bump SENTIMENT_MODEL_VERSION in model.ts.
 */

export const NEG_WINDOW = 3;
export const DEG_WINDOW = 2;

const NEG_SEED = 0x6e656701;
const DEG_SEED = 0x64656702;
const NEG_COUNT_SEED = 0x6e636e03;
const LENGTH_SEED = 0x510e527f;

const WORD_SEED = 0x776f7204;
const WORD2_SEED = 0x77327705;
const WORD_NEG_SEED = 0x776e6706;
const EMO_SEED = 0x656d6f07;

/** A Weibo emoticon as the site writes it: "[哈哈]", "[泪]", "[doge]". */
const EMOTICON = /\[([^\[\]\s]{1,8})\]/g;

/** Words that open a negation scope over the next NEG_WORD_WINDOW words. */
const NEGATOR_WORDS = new Set(
  '不 没 没有 无 未 别 莫 勿 不是 不要 不会 不能 不用 不必 不够 不太 不再 不怎么 并不 绝不 毫不 从不 从没 从未 决不 并非 非 甭 休想 难以'.split(' '),
);
export const NEG_WORD_WINDOW = 2;

/** FNV-1a of `s` (UTF-16 code units) from `seed`, before the final mix. */
function stringHash(seed: number, s: string): number {
  let h = Math.imul(FNV_OFFSET ^ seed, FNV_PRIME);
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

function stringBucket(seed: number, s: string, mask: number): number {
  return fmix32(stringHash(seed, s)) & mask;
}

const isSpaceCode = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0;

/** Word unigrams and bigrams of the jieba segmentation, and negation-marked words in scope. */
function wordFeatures(text: string, add: (b: number) => void, mask: number): void {
  const words = segmentWords(text);
  let prev = 0;
  let havePrev = false;
  let negLeft = 0;
  for (const w of words) {
    const first = w.charCodeAt(0);
    if (w.length === 0 || isSpaceCode(first) || (w.length === 1 && BREAKS.has(first))) {
      // Whitespace and punctuation end a bigram run and a negation scope.
      havePrev = false;
      negLeft = 0;
      continue;
    }
    const h = stringHash(WORD_SEED, w);
    add(fmix32(h) & mask);
    if (havePrev) add(fmix32(Math.imul(prev ^ WORD2_SEED, FNV_PRIME) ^ h) & mask);
    prev = h;
    havePrev = true;
    if (negLeft > 0) {
      add(stringBucket(WORD_NEG_SEED, w, mask));
      negLeft--;
    }
    if (NEGATOR_WORDS.has(w)) negLeft = negLeft > 0 ? 0 : NEG_WORD_WINDOW;
  }
}

const NEGATORS = new Set([...'不没无未别莫勿'].map((c) => c.codePointAt(0)!));
const DEGREE_WORDS: number[][] = ['非常', '特别', '十分', '相当', '格外', '尤其', '极其', '超级', '太过', '很', '太', '超', '最', '极', '挺', '蛮', '更', '真']
  .map((w) => [...w].map((c) => c.codePointAt(0)!))
  // Longest first, so 超级 wins over 超.
  .sort((a, b) => b.length - a.length);
const BREAKS = new Set([...'，。！？；：、,.!?;:~…「」“”"\'()（）【】[]《》'].map((c) => c.codePointAt(0)!));

const isBreak = (u: number): boolean => u === UNIT_SPACE || BREAKS.has(u);

export interface SentimentVector {
  idx: Int32Array;
  val: Float32Array;
}

const DEGREE_FIRST = new Set(DEGREE_WORDS.map((w) => w[0]!));

function degreeAt(u: Int32Array, i: number, n: number): number {
  if (!DEGREE_FIRST.has(u[i]!)) return 0;
  for (const w of DEGREE_WORDS) {
    if (i + w.length > n) continue;
    let ok = true;
    for (let k = 0; k < w.length; k++) if (u[i + k] !== w[k]) ok = false;
    if (ok) return w.length;
  }
  return 0;
}

/**
 * What the featuriser emits: the hashed space (bits) and character n-gram order (maxN) as the
 * tagger's, plus whether jieba word unigrams/bigrams (with their own negation scope) and Weibo
 * emoticon tokens ("[哈哈]") are added.
 */
export interface SentimentFeatureSpec extends FeatureSpec {
  words: boolean;
  emoticons: boolean;
}

export interface SentimentFeaturiser {
  readonly spec: SentimentFeatureSpec;
  /** Features of normalised text; a fresh vector, one entry per bucket, in the order first met. */
  features(text: string, scale?: Float32Array | null): SentimentVector;
}

/** Word and emoticon features are off unless asked for (models say so in their spec). */
export function createSentimentFeaturiser(given: FeatureSpec & { words?: boolean; emoticons?: boolean }): SentimentFeaturiser {
  checkSpec(given);
  const spec: SentimentFeatureSpec = {
    bits: given.bits,
    maxN: given.maxN,
    words: given.words ?? false,
    emoticons: given.emoticons ?? false,
  };
  const mask = 2 ** spec.bits - 1;
  const buf = createUnitBuffer();
  let raw = new Int32Array(1024);
  const counter = createBucketCounter();
  return {
    spec,
    features(text, scale) {
      const n = toUnits(text, buf);
      const u = buf.units;
      // Buckets are collected with repeats, then sorted and counted: cheaper than a Map per text.
      let len = 0;
      const add = (b: number): void => {
        if (len === raw.length) {
          const bigger = new Int32Array(raw.length * 2);
          bigger.set(raw);
          raw = bigger;
        }
        raw[len++] = b;
      };
      const seeded = (seed: number, from: number, len: number): void => {
        let h = Math.imul(FNV_OFFSET ^ seed, FNV_PRIME);
        for (let k = 0; k < len; k++) {
          h = Math.imul(h ^ u[from + k]!, FNV_PRIME);
          add(fmix32(h) & mask);
        }
      };
      let negLeft = 0;
      let degLeft = 0;
      let negators = 0;
      for (let i = 0; i < n; i++) {
        const unit = u[i]!;
        if (isBreak(unit)) {
          negLeft = 0;
          degLeft = 0;
        } else {
          if (negLeft > 0) seeded(NEG_SEED, i, Math.min(2, n - i));
          if (degLeft > 0) seeded(DEG_SEED, i, Math.min(2, n - i));
        }
        const top = Math.min(spec.maxN, n - i);
        let h = FNV_OFFSET;
        for (let len = 0; len < top; len++) {
          h = Math.imul(h ^ u[i + len]!, FNV_PRIME);
          add(fmix32(h) & mask);
        }
        if (negLeft > 0) negLeft--;
        if (degLeft > 0) degLeft--;
        if (NEGATORS.has(unit)) {
          negators++;
          // A second negator inside the window cancels the first.
          negLeft = negLeft > 0 ? 0 : NEG_WINDOW;
        } else {
          const d = degreeAt(u, i, n);
          if (d > 0) {
            degLeft = DEG_WINDOW + d - 1; // the rest of a two-character degree word, then the window
          }
        }
      }
      if (spec.words) wordFeatures(text, add, mask);
      if (spec.emoticons) {
        for (const m of text.matchAll(EMOTICON)) add(stringBucket(EMO_SEED, m[1]!, mask));
      }
      add(fmix32(Math.imul(NEG_COUNT_SEED ^ Math.min(2, negators), FNV_PRIME)) & mask);
      add(fmix32(Math.imul(LENGTH_SEED ^ Math.min(12, Math.floor(Math.log2(n + 1))), FNV_PRIME)) & mask);
      // Repeats counted in a table sized to this text (bucket-counter.ts): no sort.
      counter.reset(len);
      for (let k = 0; k < len; k++) counter.add(raw[k]!);
      const { buckets, counts, distinct } = counter;
      const idx = buckets.slice(0, distinct);
      const val = new Float32Array(distinct);
      let norm = 0;
      for (let k = 0; k < distinct; k++) {
        const c = counts[k]!;
        let v = c === 1 ? 1 : 1 + Math.log(c);
        if (scale) v *= scale[idx[k]!]!;
        val[k] = v;
        norm += v * v;
      }
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < val.length; k++) val[k]! *= inv;
      return { idx, val };
    },
  };
}

/** Bucket of the negation-marked n-gram of `chars` (for tests and explanations). */
/** Bucket of a negation-marked word (for tests and explanations). */
export function negatedWordBucket(word: string, spec: FeatureSpec): number {
  return stringBucket(WORD_NEG_SEED, word, 2 ** spec.bits - 1);
}

/** Bucket of a word unigram (for tests). */
export function wordBucket(word: string, spec: FeatureSpec): number {
  return stringBucket(WORD_SEED, word, 2 ** spec.bits - 1);
}

/** Bucket of an emoticon token, given without its brackets (for tests). */
export function emoticonBucket(name: string, spec: FeatureSpec): number {
  return stringBucket(EMO_SEED, name, 2 ** spec.bits - 1);
}

export function negatedBucket(chars: string, spec: FeatureSpec): number {
  let h = Math.imul(FNV_OFFSET ^ NEG_SEED, FNV_PRIME);
  for (const c of chars) h = Math.imul(h ^ c.codePointAt(0)!, FNV_PRIME);
  return fmix32(h) & (2 ** spec.bits - 1);
}
