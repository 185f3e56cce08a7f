import { createFeatureSpace, grown, type IndexClock, type Typed } from './claim-features';
import { claimUnits, type ClaimUnits } from './claim-text';
import { createClaimWindow, createTopK } from './claim-window';
import { normaliseText } from './normalise';

/**
 * Claim matching against the known-rumour library: which library claims does an item state, quote
 * or paraphrase? Pure and in memory; the service rebuilds it from SQLite at start-up.
 *
 * Similarity of claim c to item t, in [0, 1]:
 *
 *   units       letters and digits of normaliseText(·); punctuation, spaces and emoji are dropped
 *   B(c), T(c)  the distinct character bigrams and trigrams of c's units
 *   w(g)        idf(g)^2.5, idf(g) = ln((N + 1) / (df(g) + 0.5)), N = claims in the index,
 *               df(g) = claims holding g (bigrams and trigrams counted apart)
 *   window      any max(2·|c|, |c| + 16) consecutive units of t (|c| = c's unit count)
 *   content     Σ w(g) over g ∈ B(c) ∪ T(c) found in the window  /  Σ w(g) over B(c) ∪ T(c)
 *   wording     |B(c) found in the window|  /  |B(c)|
 *   sim(c, t)   the maximum over windows of min(content, wording)
 *
 * "Content" asks whether what sets the claim apart from the rest of the library is there: the
 * power puts the weight on rare n-grams (a street, a remedy, a number), so sharing the library's
 * stock wording (网传, 开始封控, 可以预防, 新冠) counts for little; trigrams make a conjunction of
 * stock pieces count ("第34幼儿园" is rare though 第3, 34 and 幼儿 are not). "Wording" asks whether
 * most of the claim's text is there, so an item that merely names the same street is not a match
 * either. Both are containment, not resemblance: padding around the claim, or a rebuttal quoting it
 * in a long text, costs nothing; reordered clauses lose only the n-grams across clause joins; an
 * inserted word loses one bigram (two trigrams), a swapped two-character word three (four). The
 * window stops a long article from matching by collecting the claim from paragraphs apart. Weights
 * follow the library as it is now, so a score can move a little as claims are added. The power and
 * the thresholds were chosen on test/unit/nlp/claim-library.test.ts and checked on the benchmark's
 * other generator and on real posts (test/bench/README.md).
 *
 * Candidates without a scan: an inverted index from character trigram to the claims holding it
 * (trigrams rather than bigrams because they are rarer: in a library full of stock wording a bigram
 * list can hold thousands of claims, a trigram list far fewer). An item's trigrams are read rarest
 * first (by list length, bucketed by powers of two) until `maxPostings` postings have been read,
 * adding up each claim's trigram weight (idf³ again); trigrams in more than a quarter of the claims
 * are never read. The `maxCandidates` claims with the highest share found (at least a third of
 * suggestAt) then get the whole-item score, min(content, wording) with the whole item as window,
 * which bounds the similarity from above; the best `maxScored` of those at or above suggestAt get
 * the exact score. Work per item is thus bounded by its length (cut at `maxItemUnits`) plus
 * `maxPostings` plus the candidates' lengths, whatever the size of the library. A claim whose
 * trigrams an item shares only in long lists can be missed when the item has many rarer ones:
 * matchExhaustive computes the same similarity for every claim, the reference that shows how often
 * (see test/bench/claim-match.bench.ts).
 */
export interface ClaimThresholds {
  /** From this similarity a match is shown to the editor as a suggestion. */
  suggestAt: number;
  /** From this similarity a match is confirmed without an editor. */
  confirmAt: number;
}

export interface ClaimIndexOptions extends Partial<ClaimThresholds> {
  /** Claims per item taken from the postings (best share found first) for a whole-item check. */
  maxCandidates?: number;
  /** Of those, claims per item scored exactly (window and all), best whole-item score first. */
  maxScored?: number;
  /** Postings read per item when gathering candidates. */
  maxPostings?: number;
  /** Letters and digits of an item looked at; the rest of a longer item is ignored. */
  maxItemUnits?: number;
  /** Claims with fewer letters and digits are not indexed: a few bigrams say too little. */
  minClaimUnits?: number;
  /** Longer claims are cut to this many letters and digits. */
  maxClaimUnits?: number;
  /** The power of idf in the content weight (2.5; 1 is plain tf-idf). For experiments. */
  contentPower?: number;
}

export const CLAIM_INDEX_DEFAULTS = Object.freeze({
  suggestAt: 0.65,
  confirmAt: 0.9,
  maxCandidates: 64,
  maxScored: 32,
  maxPostings: 4096,
  maxItemUnits: 20_000,
  minClaimUnits: 5,
  maxClaimUnits: 500,
  contentPower: 2.5,
});

export interface ClaimMatch {
  entryId: number;
  similarity: number;
  kind: 'confirmed' | 'suggested';
  /** The stretch of the normalised item in which the claim was found. */
  matched?: string;
}

export interface ClaimMatchOptions extends Partial<ClaimThresholds> {
  /** At most this many matches, best first (default 10). */
  limit?: number;
  /** The text is already normaliseText output (the tagger has it): skips normalising again. */
  normalised?: boolean;
}

export interface ClaimIndexCounters {
  items: number;
  postingsRead: number;
  claimsTouched: number;
  claimsScored: number;
}

export interface ClaimIndex {
  readonly thresholds: Readonly<ClaimThresholds>;
  readonly size: number;
  /** Bytes held by the typed arrays (and an estimate for the id lookup), for logs and benchmarks. */
  readonly memoryBytes: number;
  /** Work done by match() so far: items, postings read, claims touched, claims scored exactly. */
  readonly counters: Readonly<ClaimIndexCounters>;
  /** Indexes (or replaces) a claim; false, and nothing indexed, when it is too short to match. */
  add(entryId: number, claimText: string): boolean;
  remove(entryId: number): boolean;
  has(entryId: number): boolean;
  /** Library claims the text states, quotes or paraphrases, at or above suggestAt, best first. */
  match(text: string, opts?: ClaimMatchOptions): ClaimMatch[];
  /** The same similarity for every claim, without the inverted index: the slow reference. */
  matchExhaustive(text: string, opts?: ClaimMatchOptions): ClaimMatch[];
}

/** Checks a pair of thresholds; a bad one is a programming or configuration error, thrown at once. */
export function resolveClaimThresholds(t: Partial<ClaimThresholds>, base: ClaimThresholds = CLAIM_INDEX_DEFAULTS): ClaimThresholds {
  const suggestAt = t.suggestAt ?? base.suggestAt;
  const confirmAt = t.confirmAt ?? base.confirmAt;
  if (!(suggestAt > 0 && suggestAt <= confirmAt && confirmAt <= 1)) {
    throw new RangeError(`claim thresholds must satisfy 0 < suggestAt ≤ confirmAt ≤ 1 (got ${suggestAt}, ${confirmAt})`);
  }
  return { suggestAt, confirmAt };
}

function positiveInteger(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`claim index ${name} must be a positive integer`);
  return v;
}

const MAP_ENTRY_BYTES = 40;
/** Bigrams in more than this share of the claims are never read when gathering candidates. */
const STOP_SHARE = 0.25;

export function createClaimIndex(opts: ClaimIndexOptions = {}): ClaimIndex {
  const d = CLAIM_INDEX_DEFAULTS;
  const thresholds = Object.freeze(resolveClaimThresholds(opts));
  const maxCandidates = positiveInteger('maxCandidates', opts.maxCandidates ?? d.maxCandidates);
  const maxScored = positiveInteger('maxScored', opts.maxScored ?? d.maxScored);
  const maxPostings = positiveInteger('maxPostings', opts.maxPostings ?? d.maxPostings);
  const maxItemUnits = positiveInteger('maxItemUnits', opts.maxItemUnits ?? d.maxItemUnits);
  const minClaimUnits = Math.max(3, positiveInteger('minClaimUnits', opts.minClaimUnits ?? d.minClaimUnits));
  const maxClaimUnits = Math.min(65_535, positiveInteger('maxClaimUnits', opts.maxClaimUnits ?? d.maxClaimUnits));
  const power = opts.contentPower ?? d.contentPower;
  if (!(power >= 0 && power <= 8)) throw new RangeError('claim index contentPower must be in [0, 8]');

  const clock: IndexClock = { live: 0, gen: 1 };
  // Bigrams measure wording and content; trigrams add to content and find candidates: being
  // rarer, they tell "第34幼儿园" from "第30幼儿园" where bigrams see only stock pieces.
  const bigrams = createFeatureSpace(clock, power, true);
  const trigrams = createFeatureSpace(clock, power, true);
  // Per slot: claims in insertion order; removal marks a slot dead until the next compaction.
  let ids = new Float64Array(0);
  let alive = new Uint8Array(0);
  let unitCount = new Int32Array(0);
  let acc = new Float64Array(0); // match scratch: trigram weight found so far
  let touched = new Int32Array(0);
  let used = 0;
  const slotOf = new Map<number, number>();
  const isAlive = (slot: number) => alive[slot] === 1;
  const window = createClaimWindow();
  const pool = createTopK(maxCandidates);
  const top = createTopK(maxScored);
  const counters: ClaimIndexCounters = { items: 0, postingsRead: 0, claimsTouched: 0, claimsScored: 0 };

  /** Moves live slots down over dead ones (ids and feature ids stay) and rebuilds the postings. */
  function compact(): void {
    let to = 0;
    let bi = 0;
    let tri = 0;
    for (let from = 0; from < used; from++) {
      if (!alive[from]) continue;
      bi = bigrams.moveSlot(from, to, bi);
      tri = trigrams.moveSlot(from, to, tri);
      ids[to] = ids[from]!;
      unitCount[to] = unitCount[from]!;
      slotOf.set(ids[to]!, to);
      to++;
    }
    alive.fill(1, 0, to).fill(0, to, used);
    used = to;
    bigrams.compacted(used, bi);
    trigrams.compacted(used, tri);
  }

  function remove(entryId: number): boolean {
    const slot = slotOf.get(entryId);
    if (slot === undefined) return false;
    slotOf.delete(entryId);
    alive[slot] = 0;
    bigrams.removeSlot(slot);
    trigrams.removeSlot(slot);
    clock.live--;
    clock.gen++;
    return true;
  }

  function add(entryId: number, claimText: string): boolean {
    remove(entryId);
    const units = claimUnits(normaliseText(claimText), maxClaimUnits);
    if (units.count < minClaimUnits) return false;
    if (used === ids.length && used - clock.live > clock.live) compact();
    const slot = used++;
    ids = grown(ids, used);
    alive = grown(alive, used);
    unitCount = grown(unitCount, used);
    acc = grown(acc, used);
    bigrams.addSlot(slot, units.keys);
    trigrams.addSlot(slot, units.trigrams);
    ids[slot] = entryId;
    alive[slot] = 1;
    unitCount[slot] = units.count;
    slotOf.set(entryId, slot);
    clock.live++;
    clock.gen++;
    return true;
  }

  /**
   * Candidates from the trigram postings, rarest first (see the file comment), then the best of
   * them by the whole-item score, which bounds the similarity from above: none is lost to it.
   */
  function candidates(floor: number, atLeast: number): Int32Array {
    const postings = trigrams.postings;
    if (postings.wantsRebuild()) trigrams.rebuildPostings(used, isAlive);
    const count = trigrams.distinctCount;
    const stopDf = Math.max(2, STOP_SHARE * clock.live);
    // A counting sort by ⌊log2(list length)⌋: the order inside a bucket does not matter.
    const buckets = new Int32Array(34);
    const readable = (f: number) => trigrams.df(f) > 0 && trigrams.df(f) <= stopDf;
    for (let k = 0; k < count; k++) {
      const f = trigrams.distinctAt(k);
      if (readable(f)) buckets[33 - Math.clz32(postings.length(f))]!++;
    }
    for (let b = 1; b < 34; b++) buckets[b]! += buckets[b - 1]!;
    const order = new Int32Array(buckets[33]!);
    for (let k = 0; k < count; k++) {
      const f = trigrams.distinctAt(k);
      if (readable(f)) order[buckets[32 - Math.clz32(postings.length(f))]!++] = f;
    }
    let read = 0;
    let reached = 0;
    touched = grown(touched, Math.min(maxPostings, used) + 1);
    for (let k = 0; k < order.length; k++) {
      const f = order[k]!;
      const len = postings.length(f);
      if (read + len > maxPostings) break;
      read += len;
      reached = postings.accumulate(f, trigrams.weight(f), alive, acc, touched, reached);
    }
    pool.clear();
    for (let k = 0; k < reached; k++) {
      const slot = touched[k]!;
      const share = acc[slot]! / trigrams.total(slot);
      acc[slot] = 0;
      if (share >= floor) pool.offer(slot, share);
    }
    // Claims that share every list read tie on that share: the whole item decides among them.
    const slots = pool.slots();
    top.clear();
    for (let k = 0; k < slots.length; k++) {
      const bound = wholeItemScore(slots[k]!);
      if (bound >= atLeast - 1e-9) top.offer(slots[k]!, bound);
    }
    counters.items++;
    counters.postingsRead += read;
    counters.claimsTouched += reached;
    return top.slots();
  }

  /** min(content, wording) with the whole item as the window: an upper bound of the similarity. */
  function wholeItemScore(slot: number): number {
    const bi = bigrams.total(slot);
    const tri = trigrams.total(slot);
    const content = (bigrams.contentShare(slot) * bi + trigrams.contentShare(slot) * tri) / (bi + tri);
    return Math.min(content, bigrams.wordingShare(slot));
  }

  /** Exact similarity of the claim in `slot` to the loaded item, or −1 when below `atLeast`. */
  function score(slot: number, atLeast: number): number {
    const nb = bigrams.count(slot);
    const nt = trigrams.count(slot);
    if (nb === 0 || nt === 0 || wholeItemScore(slot) < atLeast - 1e-9) return -1;
    // One window over both: bigram j counts for content and wording, trigram nb + j for content.
    window.reset(nb + nt);
    for (let j = 0; j < nb; j++) {
      const f = bigrams.featureAt(slot, j);
      const w = bigrams.weight(f);
      for (let o = bigrams.firstOccurrence(f); o >= 0; o = bigrams.nextOccurrence(o)) window.push(o, j, w, 1);
    }
    for (let j = 0; j < nt; j++) {
      const f = trigrams.featureAt(slot, j);
      const w = trigrams.weight(f);
      for (let o = trigrams.firstOccurrence(f); o >= 0; o = trigrams.nextOccurrence(o)) window.push(o, nb + j, w, 0);
    }
    const units = unitCount[slot]!;
    return window.best(Math.max(2 * units, units + 16), bigrams.total(slot) + trigrams.total(slot), nb);
  }

  function toMatch(slot: number, similarity: number, t: ClaimThresholds, text: string, units: ClaimUnits): ClaimMatch {
    // From the first unit of the window's first bigram to the end of its last bigram's second unit.
    const { from, to } = window.span;
    const last = units.starts[to + 1] ?? 0;
    const end = last + ((text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1);
    const kind = similarity >= t.confirmAt ? 'confirmed' : 'suggested';
    return { entryId: ids[slot]!, similarity, kind, matched: text.slice(units.starts[from] ?? 0, end) };
  }

  function run(text: string, o: ClaimMatchOptions, exhaustive: boolean): ClaimMatch[] {
    const t = o.suggestAt === undefined && o.confirmAt === undefined ? thresholds : resolveClaimThresholds(o, thresholds);
    const normalised = o.normalised ? text : normaliseText(text);
    const units = claimUnits(normalised, maxItemUnits);
    if (clock.live === 0 || units.keys.length === 0) return [];
    bigrams.loadItem(units.keys);
    trigrams.loadItem(units.trigrams);
    const found: ClaimMatch[] = [];
    const consider = (slot: number) => {
      const sim = score(slot, t.suggestAt);
      if (sim >= t.suggestAt) found.push(toMatch(slot, sim, t, normalised, units));
    };
    if (exhaustive) {
      for (let slot = 0; slot < used; slot++) if (alive[slot]) consider(slot);
    } else {
      const cands = candidates(t.suggestAt / 3, t.suggestAt);
      counters.claimsScored += cands.length;
      for (let k = 0; k < cands.length; k++) consider(cands[k]!);
    }
    found.sort((a, b) => b.similarity - a.similarity || a.entryId - b.entryId);
    const limit = o.limit ?? 10;
    return found.length > limit ? found.slice(0, limit) : found;
  }

  return {
    thresholds,
    counters,
    get size() {
      return clock.live;
    },
    get memoryBytes() {
      const arrays: Typed[] = [ids, alive, unitCount, acc, touched];
      const typed = arrays.reduce((sum, a) => sum + a.byteLength, 0);
      return typed + bigrams.memoryBytes + trigrams.memoryBytes + slotOf.size * MAP_ENTRY_BYTES;
    },
    add,
    remove,
    has: (entryId) => slotOf.has(entryId),
    match: (text, o = {}) => run(text, o, false),
    matchExhaustive: (text, o = {}) => run(text, o, true),
  };
}
