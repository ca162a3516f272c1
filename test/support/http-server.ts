import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { HelixContext } from '../../src/app/context.js';
import { extraRoutes } from '../../src/http/extra-routes.js';
import { createHttpServer } from '../../src/http/server.js';
import { openTestHelix, resetGraph } from './graph.js';

/** The real HTTP server of a Helix context on a free loopback port (tests drive it with fetch); `routes`: its extra routes. */
export async function startTestServer(helix: HelixContext, routes = extraRoutes(helix)): Promise<TestServer> {
  const server = createHttpServer(helix, routes);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    base,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** For a file of HTTP tests: one test Helix and its server for the file (handed to `use`), an empty graph before each test. */
export function helixServerPerTest(use: (helix: HelixContext, base: string) => void): void {
  let helix: HelixContext | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    helix = await openTestHelix();
    server = await startTestServer(helix);
    use(helix, server.base);
  });
  afterAll(async () => {
    await server?.close();
    await helix?.close();
  });
  beforeEach(async () => resetGraph(helix!));
}

export interface TestServer {
  server: Server;
  base: string;
  close(): Promise<void>;
}

export interface GraphQLAnswer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

export async function postGraphQL(base: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLAnswer['body'] };
}

/** Polls `probe` every `everyMs` until it returns true; resolves with the elapsed ms, or rejects after `timeoutMs`. */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await probe().catch(() => false)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
