import { describe, expect, it } from 'vitest';
import { AUTO_MATCH_ACTOR, createAutoMatch } from '../../../server/services/auto-match';
import type { MatchWrite } from '../../../server/repositories/library-repo';

function setup(reviewed: number[] = []) {
  const stored: { itemId: number; matches: MatchWrite[] }[] = [];
  const decided: unknown[][] = [];
  const record = createAutoMatch({
    replaceMatches: (itemId, matches) => stored.push({ itemId, matches }),
    hasReview: (itemId) => reviewed.includes(itemId),
    decide: (...args) => decided.push(args),
    now: () => new Date('2026-11-29T00:00:00Z'),
  });
  return { record, stored, decided };
}
const match = (kind: MatchWrite['kind'], similarity = 0.93): MatchWrite => ({ libraryId: 7, kind, similarity });

describe('automatic verdicts from claim matching', () => {
  it('decides an untouched item that repeats a known rumour, saying why and as whom', () => {
    const { record, stored, decided } = setup();
    record(1, [match('confirmed')], '2026-11-28T00:00:00Z');
    expect(stored).toEqual([{ itemId: 1, matches: [match('confirmed')] }]);
    expect(decided).toEqual([[1, 7, '与谣言库条目 #7 自动匹配（相似度 93%）', AUTO_MATCH_ACTOR, '2026-11-29T00:00:00.000Z']]);
  });

  it('only stores a suggestion, and never overrides an editor', () => {
    const { record, decided } = setup([2]);
    record(1, [match('suggested', 0.7)], '2026-11-28T00:00:00Z');
    record(2, [match('confirmed')], '2026-11-28T00:00:00Z');
    expect(decided).toEqual([]);
  });
});
