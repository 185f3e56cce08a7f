import { spawn } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import iconv from 'iconv-lite';

export interface FixturePage {
  body: string;
  /** Content-Type charset label, and the bytes' real encoding. */
  charset?: 'utf-8' | 'gbk';
  contentType?: string;
  status?: number;
  /** Raw bytes sent as they are instead of `body` (e.g. malformed UTF-8); `charset` still labels them. */
  bytes?: Buffer;
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
    const bytes = page.bytes ?? (charset === 'gbk' ? iconv.encode(page.body, 'gbk') : Buffer.from(page.body, 'utf8'));
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

/**
 * A one-page site on 127.0.0.1 that counts TCP connections as well as requests, so a test can
 * prove that nothing reached it at all (not even a connection) and see the Host header sent.
 */
export async function startCountingSite(body = '<html><body><p>本地页面</p></body></html>') {
  const requests: { host: string; path: string }[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    requests.push({ host: req.headers.host ?? '', path: req.url ?? '/' });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  server.on('connection', () => void (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Servers that misbehave on purpose, for timeout tests, on 127.0.0.1:
 * - `silent`: accepts the TCP connection and never sends a byte;
 * - `stall`: sends the head and the first bytes of the body, then nothing;
 * - `drip`: sends the head, then one byte every `dripEveryMs` (default 100) for as long as the client listens.
 * `hangUps` counts connections that carried a request and were closed by the client (or reset).
 */
export async function startMisbehavingServer(mode: 'silent' | 'stall' | 'drip', opts: { dripEveryMs?: number } = {}) {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let requests = 0;
  let hangUps = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    let asked = false;
    socket.once('data', () => {
      asked = true;
      requests += 1;
    });
    socket.on('close', () => {
      if (asked) hangUps += 1;
      sockets.delete(socket);
    });
    if (mode === 'silent') return;
    socket.once('data', () => {
      const head = 'HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: 100000\r\n\r\n<html><body>';
      socket.write(head);
      if (mode === 'stall') return;
      const timer = setInterval(() => {
        if (socket.destroyed) clearInterval(timer);
        else socket.write('x');
      }, opts.dripEveryMs ?? 100);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    /** Connections on which a request arrived. */
    requests: () => requests,
    hangUps: () => hangUps,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A port whose TCP accept queue is full, so a new connection is never established (Linux drops
 * the SYN): a child process listens with a backlog of 1 and never accepts, and two connections
 * made here fill the queue. A real connect timeout without the internet.
 */
export async function startFullBacklogPort() {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('node:net').createServer();
       s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         process.stdout.write(s.address().port + '\\n');
         // Block the event loop without burning CPU: nothing is ever accepted.
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000);
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
  });
  const fillers: Socket[] = [];
  for (let i = 0; i < 2; i++) {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    fillers.push(s);
  }
  return {
    port,
    close: async () => {
      for (const s of fillers) s.destroy();
      child.kill('SIGKILL');
    },
  };
}

/**
 * A TCP server that reads a TLS ClientHello, records the server name it asks for (SNI) and hangs
 * up; no certificate needed. Shows which hostname a TLS client would verify on this connection.
 */
export async function startSniRecorder() {
  const serverNames: (string | null)[] = [];
  const server = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 5 || buf.length < 5 + buf.readUInt16BE(3)) return;
      serverNames.push(sniOf(buf));
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    serverNames,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The server_name extension of a ClientHello record (RFC 8446 §4.1.2, RFC 6066 §3), or null. */
function sniOf(record: Buffer): string | null {
  if (record[0] !== 0x16 || record[5] !== 0x01) return null;
  let at = 5 + 4 + 2 + 32; // record header, handshake header, client_version, random
  at += 1 + record.readUInt8(at); // session id
  at += 2 + record.readUInt16BE(at); // cipher suites
  at += 1 + record.readUInt8(at); // compression methods
  const end = at + 2 + record.readUInt16BE(at);
  at += 2;
  while (at + 4 <= end) {
    const type = record.readUInt16BE(at);
    const len = record.readUInt16BE(at + 2);
    if (type === 0) {
      const nameLen = record.readUInt16BE(at + 4 + 3);
      return record.subarray(at + 4 + 5, at + 4 + 5 + nameLen).toString('ascii');
    }
    at += 4 + len;
  }
  return null;
}
