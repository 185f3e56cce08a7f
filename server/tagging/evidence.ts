import { createPhraseMatcher, type PhraseMatcher } from '../nlp/phrase-matcher';
import { LEXICON, NEGATABLE, PATTERNS, type NegatableKind } from './lexicon';
import type { SignalKey } from './signals';

/** One piece of evidence found in normalised text. */
export interface Evidence {
  signal: SignalKey;
  /** The text that fired, as it reads in the normalised text. */
  phrase: string;
  weight: number;
  start: number;
  /** Which rule fired: the lexicon phrase, a pattern's name, or the negation rule. For evaluation. */
  rule: string;
}

/** The rule name of window-negated debunk words. */
export const NEGATION_RULE = '否定词+辟谣词';

/**
 * A debunk word preceded by a negator is the rumour arguing with its debunk ("根本不是什么谣言",
 * "别信什么辟谣", "求辟谣"), which is evidence for the rumour, not against it. Explicit phrases in the
 * lexicon ("不是谣言", "别信辟谣") cover the common forms; this catches variants with words in between.
 * What negates depends on the word: "别信谣言" is itself a debunk slogan, "别信辟谣" is its opposite.
 */
const NEGATORS: Readonly<Record<NegatableKind, { near: readonly string[]; adjacent: readonly string[] }>> = {
  // "It is a rumour" denied: 不是/并非…谣言; "所谓谣言" sneers at the label.
  'rumour-word': { near: ['不是', '并非', '哪是', '所谓'], adjacent: [] },
  // The debunk itself distrusted or asked for.
  'debunk-word': { near: ['别信', '别相信', '不要信', '不要相信', '不信', '所谓'], adjacent: ['求', '希望', '谁来', '等'] },
};
const NEGATION_WINDOW = 4;
/** Weight of a window-negated debunk word: a little under the explicit denials. */
const NEGATED_DEBUNK_WEIGHT = 0.45;

let matcher: PhraseMatcher | null = null;

function lexiconMatcher(): PhraseMatcher {
  matcher ??= createPhraseMatcher(LEXICON.map((e) => e.phrase));
  return matcher;
}

/** Where the negator of a debunk word starting at `start` begins, or -1. */
function negatorBefore(text: string, start: number, floor: number, kind: NegatableKind): number {
  const { near, adjacent } = NEGATORS[kind];
  for (const neg of adjacent) {
    const at = start - neg.length;
    if (at >= floor && text.startsWith(neg, at)) return at;
  }
  const from = Math.max(floor, start - NEGATION_WINDOW);
  const window = text.slice(from, start);
  // A clause break inside the window means the negator belongs to another statement.
  const cut = Math.max(window.lastIndexOf(','), window.lastIndexOf('，'), window.lastIndexOf('。'), window.lastIndexOf('\n'));
  const scopeStart = from + cut + 1;
  let best = -1;
  for (const neg of near) {
    const at = text.lastIndexOf(neg, start - neg.length);
    if (at >= scopeStart && (best < 0 || at < best)) best = at;
  }
  return best;
}

/** All evidence in normalised text, in text order (patterns after phrases). Pure and deterministic. */
export function collectEvidence(text: string): Evidence[] {
  const out: Evidence[] = [];
  let previousEnd = 0;
  for (const hit of lexiconMatcher().findAll(text)) {
    const entry = LEXICON[hit.id];
    if (entry === undefined) continue;
    const negatable = NEGATABLE[entry.phrase];
    if (negatable !== undefined) {
      // Negators inside an earlier hit (e.g. "不信谣" itself) are not negators of this one.
      const neg = negatorBefore(text, hit.start, previousEnd, negatable);
      if (neg >= 0) {
        out.push({ signal: 'denial', phrase: text.slice(neg, hit.end), weight: NEGATED_DEBUNK_WEIGHT, start: neg, rule: NEGATION_RULE });
        previousEnd = hit.end;
        continue;
      }
    }
    out.push({ signal: entry.signal, phrase: entry.phrase, weight: entry.weight, start: hit.start, rule: entry.phrase });
    previousEnd = hit.end;
  }
  for (const p of PATTERNS) {
    p.pattern.lastIndex = 0;
    for (const m of text.matchAll(p.pattern)) {
      out.push({ signal: p.signal, phrase: m[0], weight: p.weight, start: m.index, rule: `/${p.name}/` });
    }
  }
  return out;
}
