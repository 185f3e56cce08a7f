import { describe, expect, it } from 'vitest';
import { createRobotsCache, productToken, type LoadRobots, type RobotsFile } from '../../../../crawler/fetch/robots';

const UA = 'yuqing-dashboard-crawler/0.1 (+monitoring)';
const RULES = `# comments are fine
User-agent: *
Disallow: /private/
Allow: /private/open.html
Crawl-delay: 2

User-agent: yuqing-dashboard-crawler
Disallow: /search
Crawl-delay: 0.5
`;

function loader(files: Record<string, RobotsFile>) {
  const calls: string[] = [];
  const load: LoadRobots = async (url) => {
    calls.push(url.href);
    return files[url.origin] ?? { kind: 'missing', status: 404 };
  };
  return { load, calls };
}

describe('createRobotsCache', () => {
  it('applies the group of our product token, else "*", per origin', async () => {
    const { load } = loader({ 'https://gov.cn': { kind: 'found', text: RULES } });
    const robots = createRobotsCache({ userAgent: UA });
    expect(await robots.check(new URL('https://gov.cn/search?q=1'), load)).toMatchObject({ allowed: false, why: 'disallowed', robotsUrl: 'https://gov.cn/robots.txt', line: 8 });
    // Our own group replaces "*": /private/ is allowed to us.
    expect(await robots.check(new URL('https://gov.cn/private/a.html'), load)).toEqual({ allowed: true, crawlDelayMs: 500 });
    const other = createRobotsCache({ userAgent: 'OtherBot/2.0' });
    expect(await other.check(new URL('https://gov.cn/private/a.html'), load)).toMatchObject({ allowed: false });
    expect(await other.check(new URL('https://gov.cn/private/open.html'), load)).toEqual({ allowed: true, crawlDelayMs: 2_000 });
  });

  it('fetches robots.txt once per origin, concurrent checks sharing the fetch', async () => {
    const { load, calls } = loader({ 'https://gov.cn': { kind: 'found', text: RULES } });
    const robots = createRobotsCache({ userAgent: UA });
    await Promise.all(['/a', '/b', '/c'].map((p) => robots.check(new URL(`https://gov.cn${p}`), load)));
    await robots.check(new URL('https://gov.cn/d'), load);
    await robots.check(new URL('http://gov.cn/d'), load);
    await robots.check(new URL('https://gov.cn:8443/d'), load);
    expect(calls).toEqual(['https://gov.cn/robots.txt', 'http://gov.cn/robots.txt', 'https://gov.cn:8443/robots.txt']);
  });

  it('allows everything when robots.txt is missing (4xx)', async () => {
    const robots = createRobotsCache({ userAgent: UA });
    expect(await robots.check(new URL('https://news.cn/anything'), loader({}).load)).toEqual({ allowed: true, crawlDelayMs: 0 });
  });

  it('refuses everything while robots.txt cannot be read, and asks again after errorTtlMs', async () => {
    let t = 0;
    let answer: RobotsFile = { kind: 'unreachable', detail: 'HTTP 503' };
    const calls: string[] = [];
    const load: LoadRobots = async (url) => {
      calls.push(url.href);
      return answer;
    };
    const robots = createRobotsCache({ userAgent: UA, errorTtlMs: 60_000, ttlMs: 3_600_000, now: () => t });
    expect(await robots.check(new URL('https://down.cn/a'), load)).toEqual({ allowed: false, why: 'unreachable', robotsUrl: 'https://down.cn/robots.txt', detail: 'HTTP 503', retryAt: 60_000 });
    answer = { kind: 'found', text: 'User-agent: *\nDisallow:\n' };
    t = 59_999;
    expect((await robots.check(new URL('https://down.cn/a'), load)).allowed).toBe(false);
    t = 60_000;
    expect((await robots.check(new URL('https://down.cn/a'), load)).allowed).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('treats a loader that throws as unreachable', async () => {
    const robots = createRobotsCache({ userAgent: UA });
    const verdict = await robots.check(new URL('https://x.cn/'), async () => Promise.reject(new Error('ECONNRESET')));
    expect(verdict).toMatchObject({ allowed: false, why: 'unreachable', detail: 'ECONNRESET' });
  });

  it('re-reads robots.txt after the TTL', async () => {
    let t = 0;
    const { load, calls } = loader({});
    const robots = createRobotsCache({ userAgent: UA, ttlMs: 1_000, now: () => t });
    await robots.check(new URL('https://a.cn/'), load);
    t = 999;
    await robots.check(new URL('https://a.cn/'), load);
    t = 1_000;
    await robots.check(new URL('https://a.cn/'), load);
    expect(calls).toHaveLength(2);
  });

  it('clamps an extreme Crawl-delay and keeps a bounded number of origins', async () => {
    const { load, calls } = loader({ 'https://slow.cn': { kind: 'found', text: 'User-agent: *\nCrawl-delay: 3600\n' } });
    const robots = createRobotsCache({ userAgent: UA, maxCrawlDelayMs: 60_000, maxOrigins: 2 });
    expect(await robots.check(new URL('https://slow.cn/'), load)).toEqual({ allowed: true, crawlDelayMs: 60_000 });
    await robots.check(new URL('https://b.cn/'), load);
    await robots.check(new URL('https://c.cn/'), load);
    await robots.check(new URL('https://slow.cn/'), load);
    expect(calls.filter((c) => c.startsWith('https://slow.cn'))).toHaveLength(2);
  });
});

describe('productToken', () => {
  it('takes the product name robots.txt groups refer to', () => {
    expect(productToken(UA)).toBe('yuqing-dashboard-crawler');
    expect(productToken('Mozilla/5.0 (compatible)')).toBe('Mozilla');
    expect(productToken('  ')).toBe('*');
  });
});
