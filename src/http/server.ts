import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { HelixContext } from '../app/context.js';
import { HelixError } from '../errors.js';
import { createHelixYoga, requestIds } from '../graphql/yoga.js';
import { httpDuration, metricsRegistry } from '../observability/metrics.js';
import { currentTraceId, withSpan } from '../observability/tracing.js';
import { Authenticator } from '../auth/authenticate.js';
import { requestPrincipal, setRequestPrincipal } from '../auth/request-principal.js';
import { clientKey, metricsAllowed } from './guards.js';
import { rateKey, rateLimiters, retryAfterSeconds, spend } from '../auth/rate-limits.js';
import { RequestAdmission } from '../auth/request-admission.js';
import { readiness } from './readiness.js';
import { isJsonPost, preReadJsonBody } from './graphql-body.js';
import { exposes } from '../config/load.js';
import { isGraphiqlAsset, serveGraphiqlAsset } from './graphiql/graphiql-assets.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<void>;

/** Extra routes other modules mount (OpenLineage endpoint, explorer page...), matched by path prefix. */
export interface ExtraRoute {
  prefix: string;
  handler: RouteHandler;
  /** Needs the bearer token and counts against the rate limit (default true). */
  guarded?: boolean;
  /** Also spends the caller's lower budget of expensive operations (exports, ingestions; default false). */
  expensive?: boolean;
}

export function createHttpServer(helix: HelixContext, extra: ExtraRoute[] = []): http.Server {
  const yoga = createHelixYoga(helix);
  const limiters = rateLimiters(helix);
  const { expensive } = limiters;
  const admission = new RequestAdmission(helix.cache, limiters, helix.config.HELIX_AUTH_FAILURES_PER_MINUTE);
  const auth = new Authenticator(helix.config, helix.exec, helix.cache);
  const graphiqlOn = exposes(helix.config, helix.config.HELIX_GRAPHIQL);
  const allowedOrigins = new Set(helix.config.HELIX_CORS_ORIGINS.split(',').map((o) => o.trim()));
  const known = knownRoutes(extra);

  return http.createServer((req, res) => {
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
    const started = performance.now();
    const route = routeOf(req.url ?? '/', known);
    res.setHeader('x-request-id', requestId);
    const origin = req.headers.origin;
    if (origin && (allowedOrigins.has(origin) || allowedOrigins.has('*'))) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
      res.setHeader('access-control-allow-headers', 'content-type, authorization, x-request-id, helix-bookmark');
      res.setHeader('access-control-expose-headers', 'helix-bookmark');
    }
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      httpDuration.observe({ method: req.method ?? 'GET', route, status: String(res.statusCode) }, seconds);
      // The line (and the trace id lookup) only when it is written: debug is off in production.
      if (helix.logger.isLevelEnabled('debug')) {
        helix.logger.debug({ requestId, traceId: currentTraceId(), method: req.method, url: req.url, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
      }
    });
    void withSpan(`HTTP ${req.method} ${route}`, { 'http.route': route, 'helix.request_id': requestId }, async () => {
      try {
        await handle(req, res, requestId, route);
      } catch (error) {
        if (error instanceof HelixError && error.code === 'SERVICE_UNAVAILABLE') {
          // Neo4j is away: the client may retry (no stack trace in the log for a known outage).
          helix.logger.warn({ requestId, route }, 'request refused: Neo4j unavailable');
          if (!res.headersSent) {
            req.resume();
            res.setHeader('retry-after', '5');
            return json(res, 503, { code: 503, error: { code: error.code, message: error.message } });
          }
          return void res.end();
        }
        helix.logger.error({ err: error, requestId }, 'request failed');
        if (!res.headersSent) json(res, 500, { error: { code: 'INTERNAL', message: 'Unexpected error.' } });
        else res.end();
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string, route: string) {
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (route === '/health') return json(res, 200, { status: 'ok' });
    if (route === '/ready') {
      const r = await readiness(helix);
      // Load balancers need the status only; the Neo4j version and errors are for callers holding the token.
      const detailed = !auth.required || (await auth.authenticate(req)) !== undefined;
      const body = detailed ? r : { status: r.status, neo4j: { ok: r.neo4j.ok }, cache: { ok: r.cache.ok } };
      return json(res, r.status === 'unavailable' ? 503 : 200, body);
    }
    if (route === 'graphiql-asset') return serveGraphiqlAsset(req, res);
    if (route === '/metrics') {
      // Metrics describe the service's traffic: behind a token whenever the API has one (HELIX_METRICS_TOKEN lets
      // a Prometheus scraper hold a key of its own).
      if (!(await metricsAllowed(req, helix.config.HELIX_METRICS_TOKEN, auth))) {
        return json(res, 401, { errors: [{ message: 'Missing or invalid bearer token.', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      res.writeHead(200, { 'content-type': metricsRegistry.contentType });
      return void res.end(await metricsRegistry.metrics());
    }
    const extraRoute = extra.find((e) => route === e.prefix);
    const guarded = route === '/graphql' ? true : extraRoute ? extraRoute.guarded !== false : false;
    if (guarded) {
      // GraphiQL's page holds no data (its requests carry the key). Only when GraphiQL is on: with it off, Yoga would
      // execute a `GET /graphql?query=…` that accepts text/html, so that request must authenticate like any other.
      const wantsGraphiql = graphiqlOn && req.method === 'GET' && route === '/graphql' && (req.headers.accept ?? '').includes('text/html');
      const address = clientKey(req);
      const checked = !wantsGraphiql && auth.required;
      if (checked) {
        // A blocked address is refused here, before its credential is looked at (no Redis, no key lookup).
        const knownBlocked = admission.blocked(address);
        if (knownBlocked !== undefined) return tooMany(req, res, knownBlocked, 'Too many failed authentications.');
        const principal = await auth.authenticate(req);
        if (principal) setRequestPrincipal(req, principal, async () => (await auth.authenticate(req)) !== undefined);
        else {
          // The failure that spends the budget past its end is the one too many.
          const blockedFor = await admission.failed(address);
          if (blockedFor !== undefined) return tooMany(req, res, blockedFor, 'Too many failed authentications.');
          req.resume();
          return json(res, 401, { errors: [{ message: 'Missing or invalid bearer token.', extensions: { code: 'UNAUTHENTICATED' } }] });
        }
      }
      // Budgets are per caller (key, OIDC subject, token); per address only for callers nobody authenticated. The
      // address's failed-authentication block is checked in the same Redis round trip (it applies to the right
      // credential too), and a blocked address spends nothing.
      const who = rateKey(requestPrincipal(req), address);
      const refused = await admission.admit(address, who, checked);
      if (refused) return tooMany(req, res, refused.msBeforeNext, refused.reason === 'blocked' ? 'Too many failed authentications.' : 'Too many requests.');
      if (extraRoute?.expensive) {
        const waitExpensive = await spend(expensive, who);
        if (waitExpensive !== undefined) return tooMany(req, res, waitExpensive, `Too many expensive operations (${route}): at most HELIX_RATE_LIMIT_EXPENSIVE_PER_MINUTE a minute.`);
      }
    }
    if (route === '/graphql') {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > helix.config.HELIX_MAX_BODY_BYTES) return tooLarge(req, res, helix.config.HELIX_MAX_BODY_BYTES);
      if (req.method === 'POST' && req.headers['content-length'] === undefined) {
        // A chunked body could not be bounded before Yoga parses it whole: GraphQL requests declare their length.
        req.resume();
        return json(res, 411, { errors: [{ message: 'send the request with a Content-Length header', extensions: { code: 'BAD_USER_INPUT' } }] });
      }
      // The declared length is the body's length (Node reads no further), so the limit above bounds it: Yoga's own
      // byte-counting limit is off (src/graphql/yoga.ts) and a JSON body is read here, whole.
      if (declared > 0 && isJsonPost(req)) await preReadJsonBody(req);
      requestIds.set(req, requestId);
      return void (await yoga.handle(req, res));
    }
    if (extraRoute) return extraRoute.handler(req, res, requestId);
    if (route === '/') {
      res.writeHead(302, { location: '/graphql' });
      return void res.end();
    }
    return json(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${req.url}` } });
  }
}

/** 413 before the body is parsed; the body is drained so the client reads the answer. */
function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  req.resume();
  json(res, 413, { errors: [{ message: `request body larger than ${limit} bytes (HELIX_MAX_BODY_BYTES)`, extensions: { code: 'BAD_USER_INPUT' } }] });
}

/** 429 with Retry-After; the request body is drained so the client reads the answer instead of a reset socket. */
function tooMany(req: IncomingMessage, res: ServerResponse, msBeforeNext: number | undefined, message: string): void {
  req.resume();
  res.setHeader('retry-after', String(retryAfterSeconds(msBeforeNext ?? 60_000)));
  json(res, 429, { errors: [{ message, extensions: { code: 'RATE_LIMITED' } }] });
}

/** The routes by path, each also with a trailing slash (listed once per server, not per request). */
function knownRoutes(extra: ExtraRoute[]): Map<string, string> {
  const known = new Map<string, string>();
  // The first route of a path wins, as a search in this order would.
  for (const k of ['/health', '/ready', '/metrics', '/graphql', ...extra.map((e) => e.prefix)]) {
    if (!known.has(k)) known.set(k, k);
    if (!known.has(`${k}/`)) known.set(`${k}/`, k);
  }
  return known;
}

function routeOf(url: string, known: Map<string, string>): string {
  const q = url.indexOf('?');
  const p = q === -1 ? url : url.slice(0, q);
  if (isGraphiqlAsset(p)) return 'graphiql-asset';
  return known.get(p) ?? (p === '/' ? '/' : 'other');
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
