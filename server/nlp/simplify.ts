import { Converter, Locale, type DictGroup, type DictLike } from 'opencc-js/t2cn';

/**
 * Traditional → simplified, via opencc-js's Hong Kong preset.
 *
 * 'hk' rather than 'tw': the tw table also rewrites characters that are already correct simplified
 * (显著 → 显着), which corrupts the far more common mainland input; hk leaves those alone and still
 * maps Taiwan forms (臺, 裏, 網, 傳).
 *
 * The converter is most of normaliseText's cost, and most items are mainland text it would leave
 * unchanged. So we also collect, once, every character at which some dictionary entry rewrites
 * anything; a text containing none of them cannot change, and skips the converter. The output is
 * exactly the converter's either way.
 */

type Convert = (s: string) => string;

interface Simplifier {
  convert: Convert;
  /** BMP code units that can start or take part in a rewrite. */
  bmp: Uint8Array;
  /** The same for astral code points. */
  astral: Set<number>;
}

let simplifier: Simplifier | null = null;

function entries(dict: DictLike): [string, string][] {
  if (typeof dict !== 'string') return dict.map(([k, v]) => [k, v]);
  const out: [string, string][] = [];
  for (const pair of dict.split('|')) {
    const [key, ...values] = pair.split(' ');
    if (key) for (const v of values) out.push([key, v]);
  }
  return out;
}

/**
 * `composesToSelf(k, v)`: true when the single-character rewrite k → v of the first stage is undone
 * by the second (hk 户 → 戶, then cn 戶 → 户), so k does not change the output after all.
 */
function markRewrites(
  groups: readonly DictGroup[],
  bmp: Uint8Array,
  astral: Set<number>,
  composesToSelf: (k: string, v: string) => boolean = () => false,
): void {
  const mark = (ch: string): void => {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0xffff) astral.add(cp);
    else bmp[cp] = 1;
  };
  for (const group of groups) {
    for (const dict of group) {
      for (const [key, value] of entries(dict)) {
        const k = [...key];
        const v = [...value];
        if (k.length === 1 && v.length === 1 && k[0] !== v[0] && composesToSelf(k[0]!, v[0]!)) continue;
        if (k.length !== v.length) {
          k.forEach(mark);
          continue;
        }
        // Where key and value agree, that character is left as it was.
        k.forEach((ch, i) => {
          if (ch !== v[i]) mark(ch);
        });
      }
    }
  }
}

function build(): Simplifier {
  const from = Locale.from.hk ?? [];
  const to = Locale.to.cn ?? [];
  const bmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  // Mainland characters the hk stage turns into Hong Kong forms and the cn stage turns straight back
  // (户, 区, 发, 台, 温…) would otherwise send nearly every text through the converter. Such a
  // character is left unmarked unless its intermediate form takes part in a multi-character entry of
  // the second stage, where the round trip could come out differently.
  const second = Converter({ from: 't', to: 'cn' });
  const inSecondPhrases = new Set<string>();
  for (const dict of to.flat()) for (const [key] of entries(dict)) if ([...key].length > 1) for (const ch of key) inSecondPhrases.add(ch);
  markRewrites(from, bmp, astral, (k, v) => second(v) === k && !inSecondPhrases.has(v));
  markRewrites(to, bmp, astral);
  // The converter also folds CJK compatibility ideographs (豈 U+F900 → 岂); NFKC does most of that
  // first, but a text holding one must still go through.
  bmp.fill(1, 0xf900, 0xfb00);
  for (let cp = 0x2f800; cp <= 0x2fa1f; cp++) astral.add(cp);
  return { convert: Converter({ from: 'hk', to: 'cn' }), bmp, astral };
}

function mayChange(s: string, sim: Simplifier): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x2e80) continue; // nothing below the CJK blocks is ever rewritten
    if (c >= 0xd800 && c <= 0xdbff) {
      const cp = s.codePointAt(i) ?? 0;
      if (sim.astral.has(cp)) return true;
      i++;
      continue;
    }
    if (sim.bmp[c] === 1) return true;
  }
  return false;
}

/** Simplified-Chinese form of s. The dictionaries load on first use. */
export function toSimplified(s: string): string {
  simplifier ??= build();
  return mayChange(s, simplifier) ? simplifier.convert(s) : s;
}
