import { describe, expect, it } from 'vitest';
import { trapReason } from '../../../../crawler/fetch/url-traps';

describe('trapReason', () => {
  it('lets ordinary article and list URLs through', () => {
    for (const url of [
      'https://www.example.gov.cn/tzgg/202306/t20230604_1.htm',
      'https://news.example.com/2023/06/06/a.html',
      'https://bbs.example.com/forum.php?mod=viewthread&tid=1&page=2',
    ]) expect(trapReason(url)).toBeNull();
  });

  it('refuses URLs too long to be stored', () => {
    expect(trapReason(`https://x.cn/?q=${'a'.repeat(2_100)}`)).toMatch(/longer than 2048/);
  });

  it('refuses paths that repeat a segment (relative-link and calendar loops)', () => {
    expect(trapReason('https://x.cn/cal/2024/cal/2024/cal/2024/')).toMatch(/repeats the segment "cal" 3 times/);
    expect(trapReason('https://x.cn/a/b/a/b/a/b.html')).toMatch(/repeats the segment "a"/);
  });

  it('refuses absurdly deep paths', () => {
    expect(trapReason(`https://x.cn/${Array.from({ length: 30 }, (_, i) => `d${i}`).join('/')}`)).toMatch(/deeper than/);
  });
});
