import type { ItemKind } from '../contracts/item';
import type { InformationVoid, VoidAnswer, VoidList, VoidQuery } from '../contracts/voids';
import { claimUnits } from '../nlp/claim-text';
import { rankEvidence, type EvidenceCandidate } from '../nlp/evidence-rank';
import { normaliseText } from '../nlp/normalise';
import { coreBigrams, extractQuestions, groupQuestions, questionCore } from '../nlp/questions';
import type { AnswerRow, QuestionsRepo } from '../repositories/questions-repo';

const HOUR_MS = 3_600_000;
/** Question rows read per request (both windows, newest first): the bound on work over any window. */
const MAX_QUESTIONS = 50_000;
/** Voids (the fastest growing) whose answers are looked for; the list shows at most 200. */
const MAX_EVALUATED = 300;
/** Answers are looked for among the past year's notices and rebuttals, the newest this many of each kind (as the rumour desk's evidence). */
const ANSWER_POOL_DAYS = 365;
const ANSWER_POOL = 3_000;
/** Candidates per void handed to evidence ranking, those sharing the most of its rare words first. */
const ANSWER_CANDIDATES = 32;
/**
 * Evidence ranking is handed a pool of at most this many (the candidates plus empty stand-ins for
 * the rest of the pool): word rarity is measured against a pool this large, which weighs words
 * much as the whole pool would, at a fraction of the cost per void.
 */
const RARITY_POOL = 500;
/** An answer may precede the first time a question was asked by this much ("around" the question). */
const ANSWER_LEAD_MS = 72 * HOUR_MS;
/**
 * Evidence score from which a notice or rebuttal answers a void; evidence-rank's own bar (0.1) is for
 * suggestions. A wrong "answered" hides a void the district should fill, a wrong "unanswered" costs an
 * editor a glance: the bar leans to unanswered (on made-up notices a right answer scored about 0.68,
 * one about the same service on another street about 0.54).
 */
export const DEFAULT_ANSWER_THRESHOLD = 0.55;
const EXAMPLES = 5;

/** What ingest asks of voids: the questions a post asks, and storing them with it (in the insert transaction). */
export interface QuestionStep {
  extract(input: { title: string; body: string; kind: ItemKind }): string[];
  record(itemId: number, questions: string[], sortAt: string): void;
}

interface CoreStats {
  core: string;
  wordings: Map<string, number>;
  current: Set<number>;
  previous: Set<number>;
  first: string;
  last: string;
}

interface Candidate {
  row: AnswerRow;
  text: string;
}

/**
 * Information voids: questions the public keeps asking (extracted from posts at ingest) grouped by
 * what they ask, counted over a window against the window before, and checked against the
 * district's notices and rebuttals with the rumour desk's evidence ranking. Unanswered first.
 */
export function createVoidsService(deps: {
  questions: Pick<QuestionsRepo, 'record' | 'range' | 'answers'>;
  /** normaliseText by default: answers are read the way the tagger reads text. */
  normalise?: (s: string) => string;
  /** Evidence score from which a void counts as answered (default DEFAULT_ANSWER_THRESHOLD). */
  answerThreshold?: number;
  /** Lists are reused for this long (default 30 s; 0 turns the cache off). */
  cacheMs?: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const normalise = deps.normalise ?? normaliseText;
  const threshold = deps.answerThreshold ?? DEFAULT_ANSWER_THRESHOLD;
  const cacheMs = deps.cacheMs ?? 30_000;
  const cache = new Map<string, { at: number; value: { list: InformationVoid[]; truncated: boolean; to: number } }>();

  const step: QuestionStep = {
    extract: (input) => extractQuestions(input),
    record: (itemId, questions, sortAt) => {
      if (questions.length) deps.questions.record(itemId, questions, sortAt);
    },
  };

  function coreStats(rows: ReturnType<QuestionsRepo['range']>, fromIso: string): Map<string, CoreStats> {
    const byCore = new Map<string, CoreStats>();
    // The same wording is asked again and again: its core is worked out once.
    const cores = new Map<string, string>();
    for (const r of rows) {
      let core = cores.get(r.question);
      if (core === undefined) cores.set(r.question, (core = questionCore(r.question)));
      if (!core) continue;
      let s = byCore.get(core);
      if (!s) {
        s = { core, wordings: new Map(), current: new Set(), previous: new Set(), first: r.sort_at, last: r.sort_at };
        byCore.set(core, s);
      }
      s.wordings.set(r.question, (s.wordings.get(r.question) ?? 0) + 1);
      if (r.sort_at >= fromIso) s.current.add(r.item_id);
      else s.previous.add(r.item_id);
      if (r.sort_at < s.first) s.first = r.sort_at;
      if (r.sort_at > s.last) s.last = r.sort_at;
    }
    return byCore;
  }

  function merge(members: CoreStats[]) {
    const wordings = new Map<string, number>();
    const current = new Set<number>();
    const previous = new Set<number>();
    let first = members[0]!.first;
    let last = members[0]!.last;
    for (const m of members) {
      for (const [w, n] of m.wordings) wordings.set(w, (wordings.get(w) ?? 0) + n);
      for (const id of m.current) current.add(id);
      for (const id of m.previous) previous.add(id);
      if (m.first < first) first = m.first;
      if (m.last > last) last = m.last;
    }
    // The most asked wording represents the void; of equals, the shortest (the plainest).
    const ranked = [...wordings].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0])).map(([w]) => w);
    const count = current.size;
    const previousCount = previous.size;
    return {
      question: ranked[0]!,
      variants: ranked.slice(1, 1 + EXAMPLES),
      count,
      previousCount,
      growth: Math.round(count * Math.log1p(count / (previousCount + 1)) * 1000) / 1000,
      firstSeenAt: first,
      lastSeenAt: last,
      // Ids grow with ingest order, the newest asked last: highest first is newest first.
      itemIds: [...current].sort((a, b) => b - a).slice(0, EXAMPLES),
    };
  }

  /**
   * The pool of possible answers (the district's notices and rebuttals of the past year, like the
   * rumour desk's evidence pool), read once per list, with an inverted index from the voids' own
   * bigrams to the answers holding them. Evidence ranking weighs words by their rarity among the
   * candidates it is given, so it gets a pool of RARITY_POOL: the ANSWER_CANDIDATES sharing most of
   * the question's rare words with their text, the rest as empty stand-ins (they count towards the
   * pool's size, not its word counts). Work per void is thus bounded by ANSWER_CANDIDATES texts
   * plus RARITY_POOL, whatever the size of the pool. An answer must be published after the question
   * was first asked, or at most ANSWER_LEAD_MS before.
   */
  function answerFinder(answers: AnswerRow[], suspects: Set<number>) {
    const candidates: Candidate[] = answers.map((row) => ({ row, text: normalise(`${row.title}\n${row.text}`) }));
    const postings = new Map<number, number[]>();
    candidates.forEach((c, i) => {
      const u = claimUnits(c.text, 2_000);
      const seen = new Set<number>();
      for (let k = 0; k < u.count - 1; k++) {
        const key = u.keys[k]!;
        if (!suspects.has(key) || seen.has(key)) continue;
        seen.add(key);
        const list = postings.get(key);
        if (list) list.push(i);
        else postings.set(key, [i]);
      }
    });
    const n = candidates.length;
    const standIns: EvidenceCandidate<AnswerRow | null>[] = [];
    return (question: string, firstSeenAt: string): VoidAnswer | null => {
      const since = new Date(Date.parse(firstSeenAt) - ANSWER_LEAD_MS).toISOString();
      const shared = new Map<number, number>();
      let eligible = false;
      for (const key of coreBigrams(question)) {
        const list = postings.get(key) ?? [];
        const w = Math.log((n + 1) / (list.length + 0.5));
        for (const i of list) {
          shared.set(i, (shared.get(i) ?? 0) + w);
          if (candidates[i]!.row.published_at >= since) eligible = true;
        }
      }
      if (!eligible) return null;
      const top: EvidenceCandidate<AnswerRow | null>[] = [...shared]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, ANSWER_CANDIDATES)
        .map(([i]) => ({ ref: candidates[i]!.row, text: candidates[i]!.text }));
      const padding = Math.max(0, Math.min(n, RARITY_POOL) - top.length);
      while (standIns.length < padding) standIns.push({ ref: null, text: '' });
      const ranked = rankEvidence(questionCore(question), [...top, ...standIns.slice(0, padding)], { limit: top.length, minScore: threshold });
      const best = ranked.find((r) => r.ref !== null && r.ref.published_at >= since);
      if (!best?.ref) return null;
      const r = best.ref;
      return {
        itemId: r.kind === 'item' ? r.id : null,
        rebuttalId: r.kind === 'rebuttal' ? r.id : null,
        libraryId: r.kind === 'library' ? r.id : null,
        title: r.title,
        url: r.url,
        sourceName: r.source_name,
        publishedAt: r.published_at,
        score: best.score,
        phrases: best.phrases,
      };
    };
  }

  function compute(hours: number, minItems: number) {
    const to = now().getTime();
    const from = to - hours * HOUR_MS;
    const previousFrom = from - hours * HOUR_MS;
    const iso = (ms: number) => new Date(ms).toISOString();
    const rows = deps.questions.range(iso(previousFrom), iso(to), MAX_QUESTIONS + 1);
    const truncated = rows.length > MAX_QUESTIONS;
    const stats = [...coreStats(rows.slice(0, MAX_QUESTIONS), iso(from)).values()]
      // Most asked first: they seed the groups the rarer wordings join.
      .sort((a, b) => b.current.size - a.current.size || b.previous.size - a.previous.size || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0) || a.core.localeCompare(b.core));
    const groups = groupQuestions(stats, (s) => s.core)
      .map((g) => merge(g.members))
      .filter((v) => v.count >= minItems)
      .sort((a, b) => b.growth - a.growth || b.count - a.count || a.firstSeenAt.localeCompare(b.firstSeenAt))
      .slice(0, MAX_EVALUATED);
    const suspects = new Set<number>();
    for (const g of groups) for (const k of coreBigrams(g.question)) suspects.add(k);
    const answers = groups.length ? deps.questions.answers(iso(to - ANSWER_POOL_DAYS * 24 * HOUR_MS), iso(to), ANSWER_POOL) : [];
    const answerOf = answerFinder(answers, suspects);
    const list: InformationVoid[] = groups.map((g) => {
      const answer = answerOf(g.question, g.firstSeenAt);
      return { key: questionCore(g.question), ...g, status: answer ? 'answered' : 'unanswered', answer };
    });
    // Unanswered first; the sort is stable, so growth order holds inside each part.
    list.sort((a, b) => (a.status === b.status ? 0 : a.status === 'unanswered' ? -1 : 1));
    return { list, truncated, to };
  }

  return {
    step,
    list(q: VoidQuery): VoidList {
      const key = `${q.hours}:${q.minItems}`;
      const t = performance.now();
      const hit = cache.get(key);
      const value = hit && t - hit.at < cacheMs ? hit.value : compute(q.hours, q.minItems);
      if (cacheMs > 0 && value !== hit?.value) cache.set(key, { at: t, value });
      const iso = (ms: number) => new Date(ms).toISOString();
      const from = value.to - q.hours * HOUR_MS;
      return {
        from: iso(from),
        to: iso(value.to),
        previousFrom: iso(from - q.hours * HOUR_MS),
        truncated: value.truncated,
        voids: value.list.filter((v) => q.status === 'all' || v.status === q.status).slice(0, q.limit),
      };
    },
  };
}

export type VoidsService = ReturnType<typeof createVoidsService>;
