import net from 'node:net';
import type { Server } from 'node:http';
import { HelixError } from '../errors.js';

function portError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  if (error.code === 'EADDRINUSE') {
    return new HelixError(
      'CONFIG_INVALID',
      `port ${port} on ${host} is already in use; choose another with HELIX_PORT=<port> or --port <port> (0 picks a free one)`,
    );
  }
  if (error.code === 'EACCES') {
    return new HelixError('CONFIG_INVALID', `no permission to listen on port ${port} on ${host}; choose a port above 1023 with HELIX_PORT or --port`);
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new HelixError('CONFIG_INVALID', `cannot listen on ${host}: no such local address (HELIX_HOST)`);
  }
  return error;
}

/** Listens and resolves with the bound port; a taken or forbidden port is one clear HelixError, not an 'error' event. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => reject(portError(e, port, host));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

/** Fails fast when the port is taken, before anything slow starts (port 0 is always free). */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (e: NodeJS.ErrnoException) => reject(portError(e, port, host)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
