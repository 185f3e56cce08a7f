import type { Reason, Tag } from '../contracts/item';
import type { MatchWrite } from '../repositories/library-repo';

/** The claim index as the services see it (server/nlp/claim-index implements it). */
export interface ClaimMatcher {
  add(entryId: number, claim: string): void;
  remove(entryId: number): void;
  /** `normalised`: the text is already normaliseText output. */
  match(text: string, opts?: { normalised?: boolean }): { entryId: number; similarity: number; kind: 'confirmed' | 'suggested' }[];
}

export interface Tagged {
  tags: Tag[];
  score: number;
  reasons: Reason[];
  /** The tagger's normalised reading of the same text, when it has one (saves normalising twice). */
  normalised?: string;
}

/** Links shown per item: the strongest few; more are noise to an editor. */
const MAX_LINKS = 5;

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Adds what the known-rumour library says about an item to what the text tagger said: a confirmed
 * match makes it a known rumour (tag, reason with the claim, score at least the similarity); a
 * weaker one is a suggestion for the editor; a debunk that matches is linked as the claim's rebuttal.
 */
export function applyClaimMatches(
  text: string,
  tagged: Tagged,
  matcher: ClaimMatcher,
  claimOf: (id: number) => string | null,
): { tagged: Tagged; matches: MatchWrite[] } {
  const found = (tagged.normalised !== undefined ? matcher.match(tagged.normalised, { normalised: true }) : matcher.match(text)).slice(
    0,
    MAX_LINKS,
  );
  if (found.length === 0) return { tagged, matches: [] };
  const isRebuttal = tagged.tags.includes('rebuttal');
  const matches: MatchWrite[] = found.map((m) => ({
    libraryId: m.entryId,
    kind: isRebuttal ? 'rebuttal' : m.kind,
    similarity: round(m.similarity),
  }));
  const tags = new Set(tagged.tags);
  const reasons = [...tagged.reasons];
  let score = tagged.score;
  const confirmed = matches.filter((m) => m.kind === 'confirmed');
  const suggested = matches.filter((m) => m.kind === 'suggested');
  const answered = matches.filter((m) => m.kind === 'rebuttal');
  const claims = (ms: MatchWrite[]) => ms.map((m) => claimOf(m.libraryId) ?? `#${m.libraryId}`);
  if (confirmed.length) {
    tags.add('known-rumor');
    score = Math.max(score, confirmed[0]!.similarity);
    reasons.unshift({ code: 'known-rumor', label: '与已证实的谣言相符', signal: 'known-rumor', weight: confirmed[0]!.similarity, matches: claims(confirmed) });
  }
  if (suggested.length) {
    reasons.push({ code: 'library-suggestion', label: '可能与已知谣言相关（待编辑确认）', signal: 'library-suggestion', weight: suggested[0]!.similarity, matches: claims(suggested) });
  }
  if (answered.length) {
    reasons.push({ code: 'rebuttal-of', label: '回应了已知谣言', signal: 'rebuttal-of', weight: answered[0]!.similarity, matches: claims(answered) });
  }
  return { tagged: { tags: [...tags].sort(), score: round(Math.min(1, score)), reasons }, matches };
}
