import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../server/nlp/normalise';
import { createTermScanner } from '../../../server/nlp/term-scanner';
import { compileTopics, type TopicRule } from '../../../server/nlp/topic-matcher';

const rule = (r: Partial<TopicRule> & { id: number }): TopicRule => ({ includeAll: [], includeAny: [], exclude: [], sourceIds: [], kinds: [], ...r });
const post = (text: string, sourceId = 'forum', kind: 'post' | 'notice' | 'news' = 'post') => ({ text: normaliseText(text), sourceId, kind });

describe('term scanner', () => {
  it('finds overlapping terms, each once, and nothing absent', () => {
    const s = createTermScanner(['地铁', '地铁站', '铁站', '公交']);
    expect(s.present('西城地铁站关闭，地铁站外排队')).toEqual([0, 1, 2]);
    expect(s.present('没有相关词')).toEqual([]);
    // The scanner's scratch state does not leak from one call into the next.
    expect(s.present('公交')).toEqual([3]);
  });
});

describe('topic rules', () => {
  const topics = compileTopics(
    [
      rule({ id: 1, includeAll: ['地铁|轨道交通', '停运'] }),
      rule({ id: 2, includeAny: ['物价', '涨价'], exclude: ['广告'] }),
      rule({ id: 3, includeAny: ['暴雨'], sourceIds: ['gov'], kinds: ['notice'] }),
    ],
    normaliseText,
  );

  it('needs every include-all group, any word of a group satisfying it', () => {
    expect(topics.match(post('地铁3号线明天停运'))).toEqual([1]);
    expect(topics.match(post('轨道交通部分区段停运检修'))).toEqual([1]);
    expect(topics.match(post('地铁3号线明天正常运营'))).toEqual([]);
    expect(topics.match(post('公交明天停运'))).toEqual([]);
  });

  it('needs one include-any word and no excluded word', () => {
    expect(topics.match(post('菜场猪肉涨价了'))).toEqual([2]);
    expect(topics.match(post('涨价促销广告'))).toEqual([]);
  });

  it('restricts by source and kind', () => {
    expect(topics.match(post('暴雨预警', 'gov', 'notice'))).toEqual([3]);
    expect(topics.match(post('暴雨预警', 'forum', 'post'))).toEqual([]);
    expect(topics.match(post('暴雨预警', 'gov', 'news'))).toEqual([]);
  });

  it('matches across traditional/simplified and full/half width', () => {
    expect(topics.match(post('地鐵３號線明天停運'))).toEqual([1]);
    const latin = compileTopics([rule({ id: 9, includeAny: ['ＣＰＩ'] })], normaliseText);
    expect(latin.match(post('本月cpi上涨'))).toEqual([9]);
  });

  it('returns every topic an item meets', () => {
    expect(topics.match(post('地铁停运，周边物价上涨'))).toEqual([1, 2]);
  });

  it('lets a topic whose words normalise to nothing match nothing', () => {
    const empty = compileTopics([rule({ id: 5, includeAny: ['\u200b'] })], normaliseText);
    expect(empty.match(post('任何内容'))).toEqual([]);
  });
});
