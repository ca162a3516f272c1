import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { endSubscriptions } from '../graphql/pubsub.js';

export interface Drainable {
  /**
   * Graceful stop: no new connections, idle keep-alive connections closed, subscriptions completed with their final
   * event, in-flight requests answered (each answer closes its connection) for up to `graceMs`; connections still
   * open after that are closed. Resolves with the number of requests that had to be cut.
   */
  drain(graceMs: number): Promise<number>;
  /** Requests being answered now. */
  inFlight(): number;
}

/** Tracks the server's in-flight responses so that shutdown can wait for them (call once, after createServer). */
export function drainable(server: Server): Drainable {
  const open = new Set<ServerResponse>();
  let draining = false;
  // In front of the server's own handlers: a request that still reaches a stopping server (on a keep-alive
  // connection the client reused while the last answer on it was ending) is refused, never started.
  const handlers = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (draining) {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close', 'retry-after': '1' });
      return void res.end(JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'this server is shutting down; retry' } }));
    }
    open.add(res);
    res.once('close', () => open.delete(res));
    for (const handle of handlers) handle.call(server, req, res);
  });
  return {
    inFlight: () => open.size,
    async drain(graceMs) {
      draining = true;
      // Every answer in flight closes its connection when done (streams too: their headers are already sent), so no
      // keep-alive connection carries a new request to a stopping server; the client's next goes to another replica.
      for (const res of open) {
        if (!res.headersSent) res.setHeader('connection', 'close');
        (res as ServerResponse & { shouldKeepAlive: boolean }).shouldKeepAlive = false;
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      endSubscriptions();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
      const outcome = await Promise.race([closed.then(() => 'closed' as const), deadline]);
      clearTimeout(timer);
      const cut = outcome === 'timeout' ? open.size : 0;
      if (outcome === 'timeout') {
        server.closeAllConnections();
        await closed;
      }
      return cut;
    },
  };
}
