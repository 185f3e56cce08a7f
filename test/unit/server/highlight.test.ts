import { describe, expect, it } from 'vitest';
import { excerptOf, toSegments } from '../../../server/services/highlight';

describe('search highlight segments', () => {
  it('splits engine markers into hit and plain segments', () => {
    expect(toSegments('网传喝\u0001板蓝根\u0002可以\u0001预防\u0002')).toEqual([
      { text: '网传喝', hit: false },
      { text: '板蓝根', hit: true },
      { text: '可以', hit: false },
      { text: '预防', hit: true },
    ]);
  });

  it('keeps HTML in crawled text as plain text', () => {
    const segs = toSegments('<img src=x onerror=alert(1)>\u0001封城\u0002');
    expect(segs[0]).toEqual({ text: '<img src=x onerror=alert(1)>', hit: false });
    expect(segs[1]).toEqual({ text: '封城', hit: true });
  });

  it('shortens long bodies to an excerpt with an ellipsis', () => {
    expect(excerptOf('一二三四五', 3)).toBe('一二三…');
    expect(excerptOf('  短  文  ')).toBe('短 文');
  });
});
