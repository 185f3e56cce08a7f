import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { articleIdFromUrl } from './markers';
import { createContentModel, listPath, renderArticle, renderList } from './site-content';

export interface BenchSiteOptions {
  /** Articles on the site (default 5,000). */
  pages?: number;
  seed?: number;
  /** Article links per list page (default 50). */
  perList?: number;
  /** Added before every response, to stand in for a real network round trip (default 0). */
  latencyMs?: number;
}

export interface BenchSiteStats {
  requests: number;
  listRequests: number;
  articleRequests: number;
  /** Articles served more than once (a crawler that refetches). */
  articleRepeats: number;
  notFound: number;
  bytes: number;
  /** TCP connections opened: a crawler fetching one page at a time keeps reusing one. */
  connections: number;
  /** Articles served per charset variant. */
  served: { 'utf-8': number; 'gbk-header': number; 'gbk-meta': number };
}

export interface BenchSite {
  url: string;
  /** The first list page; crawlers start here and follow "下一页". */
  startUrl: string;
  pages: number;
  listPages: number;
  perList: number;
  seed: number;
  stats: BenchSiteStats;
  resetStats(): void;
  close(): Promise<void>;
}

function freshStats(): BenchSiteStats {
  return { requests: 0, listRequests: 0, articleRequests: 0, articleRepeats: 0, notFound: 0, bytes: 0, connections: 0, served: { 'utf-8': 0, 'gbk-header': 0, 'gbk-meta': 0 } };
}

const LIST_PATH = /^\/xwzx\/index(?:_(\d+))?\.html$/;

/**
 * A generated government news site on 127.0.0.1 (random port). Pages are rendered on request from
 * (seed, id), so 50,000 articles need neither disk nor a pre-built cache. List pages are UTF-8;
 * GBK articles come in two kinds: charset in the HTTP header, or only in <meta charset="gbk">.
 */
export async function startBenchSite(options: BenchSiteOptions = {}): Promise<BenchSite> {
  const pages = options.pages ?? 5_000;
  const seed = options.seed ?? 20240630;
  const perList = options.perList ?? 50;
  const latencyMs = options.latencyMs ?? 0;
  const listPages = Math.max(1, Math.ceil(pages / perList));
  const model = createContentModel(seed);
  let stats = freshStats();
  let seen = new Uint8Array(pages);

  const server = http.createServer((req, res) => {
    stats.requests += 1;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const send = (status: number, contentType: string, body: Buffer) => {
      stats.bytes += body.byteLength;
      const write = () => {
        res.writeHead(status, { 'content-type': contentType, 'content-length': String(body.byteLength), 'cache-control': 'no-cache' });
        res.end(body);
      };
      if (latencyMs > 0) setTimeout(write, latencyMs);
      else write();
    };
    const list = LIST_PATH.exec(path);
    if (list) {
      const page = list[1] ? Number(list[1]) + 1 : 1;
      if (page <= listPages) {
        stats.listRequests += 1;
        send(200, 'text/html; charset=utf-8', Buffer.from(renderList(seed, page, listPages, perList, pages), 'utf8'));
        return;
      }
    }
    const id = path.startsWith('/xwzx/') ? articleIdFromUrl(path) : null;
    if (id !== null && id < pages) {
      stats.articleRequests += 1;
      if (seen[id]) stats.articleRepeats += 1;
      seen[id] = 1;
      const { html, charset } = renderArticle(model, id, pages);
      stats.served[charset] += 1;
      if (charset === 'utf-8') send(200, 'text/html; charset=utf-8', Buffer.from(html, 'utf8'));
      else send(200, charset === 'gbk-header' ? 'text/html; charset=GBK' : 'text/html', iconv.encode(html, 'gbk'));
      return;
    }
    if (path === '/robots.txt') {
      send(200, 'text/plain; charset=utf-8', Buffer.from('User-agent: *\nAllow: /\n'));
      return;
    }
    stats.notFound += 1;
    send(404, 'text/html; charset=utf-8', Buffer.from('<!DOCTYPE html><title>404</title><h1>页面不存在</h1>'));
  });
  server.on('connection', () => {
    stats.connections += 1;
  });
  // Crawlers keep connections alive between requests; do not let the server drop them mid-run.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    startUrl: `${url}${listPath(1)}`,
    pages,
    listPages,
    perList,
    seed,
    get stats() {
      return stats;
    },
    resetStats() {
      stats = freshStats();
      seen = new Uint8Array(pages);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
