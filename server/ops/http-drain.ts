import type { IncomingMessage, Server, ServerResponse } from 'node:http';

type HttpServer = Pick<Server, 'on' | 'close'> & { closeIdleConnections?: () => void; closeAllConnections?: () => void };

/**
 * Tracks the requests a server is answering, so shutdown can stop accepting connections, let them
 * finish (bounded), and end live event streams cleanly instead of cutting their sockets.
 */
export function trackRequests(server: HttpServer) {
  const open = new Map<ServerResponse, IncomingMessage>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    open.set(res, req);
    res.once('close', () => open.delete(res));
  });
  // EventSource asks for text/event-stream; the response may have set it with writeHead, which getHeader does not see.
  const isStream = (res: ServerResponse) =>
    (open.get(res)?.headers.accept ?? '').includes('text/event-stream') ||
    String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');

  return {
    inFlight: () => open.size,
    /**
     * Stops listening, ends event streams (the browser's EventSource reconnects, to another instance
     * or to this one after restart), waits up to `timeoutMs` for the other requests, then closes
     * whatever is left. Resolves with the number of requests that had to be cut.
     */
    async drain(timeoutMs: number): Promise<number> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const endStreams = () => {
        for (const res of open.keys()) if (res.headersSent && isStream(res) && !res.writableEnded) res.end();
      };
      endStreams();
      server.closeIdleConnections?.();
      const deadline = Date.now() + timeoutMs;
      while (open.size > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        // A keep-alive connection whose request just finished is idle now; a stream may have begun meanwhile.
        endStreams();
        server.closeIdleConnections?.();
      }
      const cut = open.size;
      server.closeAllConnections?.();
      await closed;
      return cut;
    },
  };
}
