import { claimUnits } from './claim-text';

export interface EvidenceCandidate<T> {
  ref: T;
  /** Normalised text (normaliseText output) of the candidate: title and the start of the body. */
  text: string;
}

export interface RankedEvidence<T> {
  ref: T;
  /** Weighted share of the suspect's bigrams that the candidate also contains, in [0, 1]. */
  score: number;
  /** Stretches of the suspect text the candidate shares (two or more characters), longest first. */
  phrases: string[];
}

/** Candidates' text beyond this many letters and digits is not read: the answer is in the opening. */
const MAX_CANDIDATE_UNITS = 2_000;
const MAX_SUSPECT_UNITS = 1_000;
/** Evidence shares at least one stretch this long with the rumour (清河区 alone is no evidence). */
const MIN_PHRASE = 4;

function bigramSet(normalised: string, maxUnits: number): Set<number> {
  const u = claimUnits(normalised, maxUnits);
  const set = new Set<number>();
  for (let i = 0; i < u.count - 1; i++) set.add(u.keys[i]!);
  return set;
}

/**
 * Which of the district's own notices and rebuttals speak to a suspected rumour: the share of the
 * rumour's character bigrams each one contains, every bigram weighted by its rarity among the
 * candidates (IDF), so the district's name, 通知 or 网传 — in every notice — count for almost nothing
 * and the rumour's own words (自来水, 停水三天, a street's name) for most. Pure; the caller picks the pool.
 */
export function rankEvidence<T>(
  suspectNormalised: string,
  candidates: readonly EvidenceCandidate<T>[],
  opts: { limit?: number; minScore?: number } = {},
): RankedEvidence<T>[] {
  const limit = opts.limit ?? 5;
  // A notice answering a rumour quotes its core claim, not its calls to action: coverage is low even
  // for the right one, so the bar is low and a shared phrase of MIN_PHRASE characters is required.
  const minScore = opts.minScore ?? 0.1;
  const suspect = claimUnits(suspectNormalised, MAX_SUSPECT_UNITS);
  const suspectKeys = new Set<number>();
  for (let i = 0; i < suspect.count - 1; i++) suspectKeys.add(suspect.keys[i]!);
  if (suspectKeys.size === 0 || candidates.length === 0) return [];

  const sets = candidates.map((c) => bigramSet(c.text, MAX_CANDIDATE_UNITS));
  const df = new Map<number, number>();
  for (const set of sets) for (const k of set) if (suspectKeys.has(k)) df.set(k, (df.get(k) ?? 0) + 1);
  const n = candidates.length;
  const weight = (k: number) => Math.log((n + 1) / ((df.get(k) ?? 0) + 0.5));
  let total = 0;
  for (const k of suspectKeys) total += weight(k);

  const scored = sets.map((set, i) => {
    let shared = 0;
    for (const k of suspectKeys) if (set.has(k)) shared += weight(k);
    return { i, score: shared / total };
  });
  return scored
    .filter((s) => s.score >= minScore)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ i, score }) => ({ ref: candidates[i]!.ref, score: Math.round(score * 1000) / 1000, phrases: sharedPhrases(suspectNormalised, suspect, sets[i]!) }))
    .filter((r) => r.phrases.some((p) => [...p].length >= MIN_PHRASE))
    .slice(0, limit);
}

/** Runs of the suspect text whose consecutive bigrams all occur in the candidate. */
function sharedPhrases(normalised: string, u: ReturnType<typeof claimUnits>, set: Set<number>): string[] {
  const out = new Set<string>();
  let start = -1;
  for (let i = 0; i <= u.count - 1; i++) {
    const inside = i < u.count - 1 && set.has(u.keys[i]!);
    if (inside && start < 0) start = i;
    if (!inside && start >= 0) {
      // Bigrams start..i-1 cover units start..i.
      const text = normalised.slice(u.starts[start]!, u.starts[i + 1]!).replace(/\s+/g, '');
      if (i - start >= 2) out.add(text);
      start = -1;
    }
  }
  return [...out].sort((a, b) => b.length - a.length).slice(0, 5);
}

