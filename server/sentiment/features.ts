import { checkSpec, fmix32, FNV_OFFSET, FNV_PRIME, type FeatureSpec } from '../tagging/classifier/features';
import { createUnitBuffer, toUnits, UNIT_SPACE } from '../tagging/classifier/units';

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

function degreeAt(u: Int32Array, i: number, n: number): number {
  for (const w of DEGREE_WORDS) {
    if (i + w.length > n) continue;
    let ok = true;
    for (let k = 0; k < w.length; k++) if (u[i + k] !== w[k]) ok = false;
    if (ok) return w.length;
  }
  return 0;
}

export interface SentimentFeaturiser {
  readonly spec: FeatureSpec;
  /** Features of normalised text; a fresh vector, sorted by bucket. */
  features(text: string, scale?: Float32Array | null): SentimentVector;
}

export function createSentimentFeaturiser(spec: FeatureSpec): SentimentFeaturiser {
  checkSpec(spec);
  const mask = 2 ** spec.bits - 1;
  const buf = createUnitBuffer();
  return {
    spec,
    features(text, scale) {
      const n = toUnits(text, buf);
      const u = buf.units;
      const counts = new Map<number, number>();
      const add = (b: number): void => {
        counts.set(b, (counts.get(b) ?? 0) + 1);
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
      add(fmix32(Math.imul(NEG_COUNT_SEED ^ Math.min(2, negators), FNV_PRIME)) & mask);
      add(fmix32(Math.imul(LENGTH_SEED ^ Math.min(12, Math.floor(Math.log2(n + 1))), FNV_PRIME)) & mask);
      const keys = [...counts.keys()].sort((a, b) => a - b);
      const idx = Int32Array.from(keys);
      const val = new Float32Array(keys.length);
      let norm = 0;
      keys.forEach((b, k) => {
        const c = counts.get(b)!;
        let v = c === 1 ? 1 : 1 + Math.log(c);
        if (scale) v *= scale[b]!;
        val[k] = v;
        norm += v * v;
      });
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < val.length; k++) val[k]! *= inv;
      return { idx, val };
    },
  };
}

/** Bucket of the negation-marked n-gram of `chars` (for tests and explanations). */
export function negatedBucket(chars: string, spec: FeatureSpec): number {
  let h = Math.imul(FNV_OFFSET ^ NEG_SEED, FNV_PRIME);
  for (const c of chars) h = Math.imul(h ^ c.codePointAt(0)!, FNV_PRIME);
  return fmix32(h) & (2 ** spec.bits - 1);
}
