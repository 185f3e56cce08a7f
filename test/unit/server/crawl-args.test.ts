import { describe, expect, it } from 'vitest';
import { formatSummary, parseCrawlArgs } from '../../../server/cli/crawl-args';
import { rssSource } from '../../support/factories';

describe('npm run crawl arguments', () => {
  it('takes --all or one or more --source', () => {
    expect(parseCrawlArgs(['--all'])).toEqual({ all: true, sources: [] });
    expect(parseCrawlArgs(['--source', 'a', '--source=b'])).toEqual({ all: false, sources: ['a', 'b'] });
  });

  it('refuses nothing, both, a missing id and unknown flags with the usage', () => {
    expect(() => parseCrawlArgs([])).toThrow(/nothing to crawl[\s\S]*usage/);
    expect(() => parseCrawlArgs(['--all', '--source', 'a'])).toThrow(/either --all or --source/);
    expect(() => parseCrawlArgs(['--source'])).toThrow(/needs a source id/);
    expect(() => parseCrawlArgs(['--fast'])).toThrow(/unknown argument "--fast"/);
  });

  it('summarises each source with its status and the totals', () => {
    const text = formatSummary(
      [rssSource('gov'), rssSource('forum'), rssSource('idle')],
      new Map([
        ['gov', { fetched: 10, new: 7, duplicate: 3, failed: 0, lastError: null }],
        ['forum', { fetched: 0, new: 0, duplicate: 0, failed: 1, lastError: 'GET https://x/: 503' }],
      ]),
    );
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^gov\s+ok\s+10\s+7\s+3\s+0$/);
    expect(lines[2]).toMatch(/^forum\s+FAILED\s+0\s+0\s+0\s+1\s+GET https:\/\/x\/: 503$/);
    expect(lines[3]).toMatch(/^idle\s+not run$/);
    expect(lines[4]).toBe('total: 10 fetched, 7 new, 3 duplicate, 1 failed');
  });
});
