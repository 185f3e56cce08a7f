import { describe, expect, it } from 'vitest';
import type { PressRow } from '../../../server/repositories/ledger-repo';
import { pressCandidates } from '../../../server/services/ledger-press';

const row = (id: number, over: Partial<PressRow> = {}): PressRow => ({
  id, title: '清河区召开新闻发布会', url: `https://x.test/${id}`, sourceId: 'paper', kind: 'news', day: '2026-11-01', sortAt: `2026-11-01T0${id}:00:00Z`,
  conference: id, own: false, decision: null, decidedBy: null, decidedAt: null, ...over,
});
const counted = (rows: PressRow[]) => pressCandidates(rows, ['清河区']).filter((c) => c.counted).map((c) => c.itemId);

describe('pressCandidates', () => {
  it('counts the earliest item of a conference reported by several outlets', () => {
    const out = pressCandidates([row(1), row(2, { conference: 1, sourceId: 'tv' })], ['清河区']);
    expect(out.map((c) => [c.itemId, c.state, c.counted, c.conferenceId])).toEqual([[1, 'recognised', true, 1], [2, 'recognised', false, 1]]);
  });

  it('treats a decision as the whole conference’s: rejected beats recognised, confirmed beats rejected', () => {
    expect(counted([row(1), row(2, { conference: 1, decision: 'rejected' })])).toEqual([]);
    expect(counted([row(1, { decision: 'rejected' }), row(2, { conference: 1, decision: 'confirmed' })])).toEqual([2]);
  });

  it('lists decided items even when the rules no longer take them, and drops undecided non-conferences', () => {
    const out = pressCandidates([row(1, { title: '天气预报' }), row(2, { title: '天气预报', decision: 'rejected', decidedBy: '张三' })], ['清河区']);
    expect(out).toEqual([expect.objectContaining({ itemId: 2, state: 'rejected', decidedBy: '张三', counted: false })]);
  });
});
