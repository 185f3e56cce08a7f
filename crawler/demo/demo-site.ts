import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { composeArticle, PINNED_FORUM_ID, type Article, type SectionKey } from './compose';
import { renderHome } from './render/home';
import { totalPages, type Pager } from './render/layout';
import { forumListPath, renderForumList, renderForumThread } from './render/forum';
import { newsListPath, renderNewsDetail, renderNewsList } from './render/news';
import { noticeListPath, renderNoticeDetail, renderNoticeList } from './render/notices';
import { renderPiyaoDetail, renderPiyaoFeed } from './render/piyao';
import { SECTIONS } from './sections';
import { exists, listEntries, publishedAt } from './timeline';

export { demoSources } from './demo-sources';

export interface DemoSiteOptions {
  port?: number;
  host?: string;
  /** The clock the site lives by; tests move it forward to make new posts appear. */
  now?: () => Date;
}

export interface DemoSite {
  url: string;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  contentType: string;
  body: string | Buffer;
}

const html = (body: string, status = 200): Reply => ({ status, contentType: 'text/html; charset=utf-8', body });
/** The government section really is GBK on the wire, as many county-level portals still are. */
const gbk = (body: string): Reply => ({ status: 200, contentType: 'text/html; charset=gbk', body: iconv.encode(body, 'gbk') });
const notFound = (): Reply => html('<!DOCTYPE html><html><head><meta charset="utf-8"><title>404</title></head><body><h1>404 页面不存在</h1></body></html>', 404);

function createPages(startedMs: number, now: () => Date) {
  const article = (key: SectionKey, id: number) => composeArticle(key, id, publishedAt(SECTIONS[key], id), startedMs);
  const listed = (key: SectionKey, nowMs: number) =>
    listEntries(SECTIONS[key], startedMs, nowMs).map((e) => composeArticle(key, e.id, e.publishedMs, startedMs));
  const findArticle = (key: SectionKey, id: number, nowMs: number): Article | null =>
    exists(SECTIONS[key], id, nowMs) ? article(key, id) : null;

  function paged(key: SectionKey, pageNo: number, nowMs: number, href: (n: number) => string) {
    const all = listed(key, nowMs);
    const size = SECTIONS[key].pageSize;
    const pager: Pager = { page: pageNo, pages: totalPages(all.length, size), href };
    if (pageNo < 1 || pageNo > pager.pages) return null;
    return { items: all.slice((pageNo - 1) * size, pageNo * size), pager };
  }

  const routes: [RegExp, (m: RegExpExecArray, nowMs: number, base: string) => Reply][] = [
    [/^\/$/, () => html(renderHome())],
    [/^\/robots\.txt$/, () => ({ status: 200, contentType: 'text/plain; charset=utf-8', body: 'User-agent: *\nAllow: /\n' })],
    [/^\/news\/index(?:_(\d+))?\.html$/, (m, nowMs) => {
      const p = paged('news', Number(m[1] ?? 1), nowMs, newsListPath);
      return p ? html(renderNewsList(p.items, p.pager)) : notFound();
    }],
    [/^\/news\/content\/(\d+)\.html$/, (m, nowMs) => {
      const a = findArticle('news', Number(m[1]), nowMs);
      return a ? html(renderNewsDetail(a, listed('news', nowMs).filter((r) => r.id !== a.id).slice(0, 3))) : notFound();
    }],
    [/^\/gov\/tzgg\/index(?:_(\d+))?\.htm$/, (m, nowMs) => {
      const p = paged('notices', m[1] === undefined ? 1 : Number(m[1]) + 1, nowMs, noticeListPath);
      return p ? gbk(renderNoticeList(p.items, p.pager)) : notFound();
    }],
    [/^\/gov\/tzgg\/t\d{8}_(\d+)\.htm$/, (m, nowMs) => {
      const a = findArticle('notices', Number(m[1]), nowMs);
      return a ? gbk(renderNoticeDetail(a)) : notFound();
    }],
    [/^\/bbs\/forum-2-(\d+)\.html$/, (m, nowMs) => {
      const p = paged('forum', Number(m[1]), nowMs, forumListPath);
      return p ? html(renderForumList(composeArticle('forum', PINNED_FORUM_ID, 0, startedMs), p.items, p.pager)) : notFound();
    }],
    [/^\/bbs\/thread-(\d+)-1-1\.html$/, (m, nowMs) => {
      const id = Number(m[1]);
      const a = id === PINNED_FORUM_ID ? composeArticle('forum', id, 0, startedMs) : findArticle('forum', id, nowMs);
      return a ? html(renderForumThread(a, nowMs)) : notFound();
    }],
    [/^\/piyao\/rss\.xml$/, (_m, nowMs, base) => ({
      status: 200,
      contentType: 'application/rss+xml; charset=utf-8',
      body: renderPiyaoFeed(listed('piyao', nowMs).slice(0, SECTIONS.piyao.pageSize), base, nowMs),
    })],
    [/^\/piyao\/(\d+)\.html$/, (m, nowMs) => {
      const a = findArticle('piyao', Number(m[1]), nowMs);
      return a ? html(renderPiyaoDetail(a)) : notFound();
    }],
  ];

  return (pathname: string, base: string): Reply => {
    const nowMs = now().getTime();
    for (const [pattern, handler] of routes) {
      const m = pattern.exec(pathname);
      if (m) return handler(m, nowMs, base);
    }
    return notFound();
  };
}

/**
 * Serves the fictional 清河区 on loopback: a news site, a GBK government notice board, a forum
 * and a rebuttal RSS feed, with history for the last 14 days and new items as the clock moves.
 */
export async function startDemoSite(opts: DemoSiteOptions = {}): Promise<DemoSite> {
  const now = opts.now ?? (() => new Date());
  const host = opts.host ?? '127.0.0.1';
  const respond = createPages(now().getTime(), now);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
    let reply: Reply;
    try {
      reply = respond(url.pathname, url.origin);
    } catch {
      reply = html('<h1>500</h1>', 500);
    }
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
    res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': body.byteLength, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
