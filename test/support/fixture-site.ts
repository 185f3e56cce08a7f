import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';

export interface FixturePage {
  body: string;
  /** Content-Type charset label, and the bytes' real encoding. */
  charset?: 'utf-8' | 'gbk';
  contentType?: string;
  status?: number;
}

/** A tiny web site on 127.0.0.1 standing in for the internet; pages can change between requests. */
export async function startFixtureSite(pages: Record<string, FixturePage | (() => FixturePage)>, opts: { delayMs?: number } = {}) {
  const hits = new Map<string, number>();
  const server = http.createServer(async (req, res) => {
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    const path = (req.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const entry = pages[path];
    const page = typeof entry === 'function' ? entry() : entry;
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>404</h1>');
      return;
    }
    const charset = page.charset ?? 'utf-8';
    const bytes = charset === 'gbk' ? iconv.encode(page.body, 'gbk') : Buffer.from(page.body, 'utf8');
    res.writeHead(page.status ?? 200, { 'content-type': page.contentType ?? `text/html; charset=${charset}` }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
