import { describe, expect, it } from 'vitest';
import { groupRelated } from '../../../server/nlp/related-stories';

describe('related stories', () => {
  it('puts stories sharing their keywords together, led by the strongest', () => {
    const groups = groupRelated([
      { id: 1, words: ['阳光花园', '停水', '储水', '小区'] },
      { id: 2, words: ['地铁', '停运', '三号线'] },
      { id: 3, words: ['物业', '阳光花园', '停水', '检修'] },
      { id: 4, words: ['阳光花园', '停电'] },
    ]);
    expect(groups).toEqual([[1, 3], [2], [4]]);
  });

  it('needs more than one shared word: a place name alone does not make two stories one', () => {
    expect(groupRelated([{ id: 1, words: ['西城', '停水'] }, { id: 2, words: ['西城', '招聘'] }])).toEqual([[1], [2]]);
  });

  it('does not chain: a story joins a group only through the group’s lead', () => {
    const groups = groupRelated([
      { id: 1, words: ['a', 'b', 'c'] },
      { id: 2, words: ['b', 'c', 'd', 'e'] },
      { id: 3, words: ['d', 'e', 'f'] },
    ]);
    expect(groups).toEqual([[1, 2], [3]]);
  });
});
