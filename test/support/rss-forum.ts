import { SourceConfig } from '../../server/contracts/source';

export interface ForumPost {
  title: string;
  body: string;
  /** RFC 822 date as RSS carries it, or a Date. */
  at: string | Date;
}

/**
 * A local forum's RSS feed built from a list the test keeps changing (push a post, crawl again): the
 * page function reads the list at every request.
 */
export function rssFeed(channel: string, posts: ForumPost[]) {
  return () => ({
    contentType: 'application/rss+xml; charset=utf-8',
    body: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${channel}</title>${posts
      .map(
        (p, i) =>
          `<item><title>${p.title}</title><link>/t/${i}.html</link><description>${p.body}</description><pubDate>${
            typeof p.at === 'string' ? p.at : p.at.toUTCString()
          }</pubDate></item>`,
      )
      .join('')}</channel></rss>`,
  });
}

/** The source for such a feed on 127.0.0.1 (allow-listed: tests and benchmarks only). */
export function forumSource(id: string, name: string, feedUrl: string, schedule?: string): SourceConfig {
  return SourceConfig.parse({
    id,
    name,
    kind: 'post',
    type: 'rss',
    url: feedUrl,
    ...(schedule ? { schedule } : {}),
    delayMs: 0,
    retries: 0,
    allowPrivateNetwork: true,
  });
}
