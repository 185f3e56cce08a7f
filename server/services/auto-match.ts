import { SYSTEM_ACTORS } from '../contracts/actor';
import type { MatchWrite } from '../repositories/library-repo';

/** Who decided an item that claim matching recognised as a known rumour. */
export const AUTO_MATCH_ACTOR = SYSTEM_ACTORS.autoMatch;

/**
 * Stores an item's library links; an item that repeats a known rumour (a confirmed match) and that
 * no editor has touched is decided at once, linked to its entry, so the queue keeps only what still
 * needs a person. Such verdicts are marked as automatic and never teach the classifier.
 */
export function createAutoMatch(deps: {
  replaceMatches(itemId: number, matches: MatchWrite[], seenAt: string): void;
  hasReview(itemId: number): boolean;
  decide(itemId: number, libraryId: number, note: string, actor: string, at: string): void;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return (itemId: number, matches: MatchWrite[], seenAt: string): void => {
    deps.replaceMatches(itemId, matches, seenAt);
    const confirmed = matches.find((m) => m.kind === 'confirmed');
    if (!confirmed || deps.hasReview(itemId)) return;
    const note = `与谣言库条目 #${confirmed.libraryId} 自动匹配（相似度 ${Math.round(confirmed.similarity * 100)}%）`;
    deps.decide(itemId, confirmed.libraryId, note, AUTO_MATCH_ACTOR, now().toISOString());
  };
}
