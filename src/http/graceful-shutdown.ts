import type { Server, ServerResponse } from 'node:http';
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

/** Tracks the server's in-flight responses so that shutdown can wait for them (call once, before listen). */
export function drainable(server: Server): Drainable {
  const open = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_req, res: ServerResponse) => {
    open.add(res);
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => open.delete(res));
  });
  return {
    inFlight: () => open.size,
    async drain(graceMs) {
      draining = true;
      // Answers still to be written close their connection: the client's next request goes to another replica.
      for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
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
