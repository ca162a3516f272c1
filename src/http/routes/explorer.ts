import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { projectRoot } from '../../project-root.js';
import type { ExtraRoute } from '../server.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/**
 * Everything the page loads comes from this origin (no CDN); it talks to /graphql with the key the user typed.
 * Styles are allowed inline because the canvas library and the colour swatches set element styles.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function defaultExplorerDir(): string {
  return path.join(projectRoot(), 'dist', 'explorer');
}

/**
 * `/explorer`, the lineage explorer page, and its built assets (`npm run build` writes them to dist/explorer).
 * The page and assets are public (they hold no data); every data request the page makes carries the bearer key.
 * Assets have content-hashed names and are cached for a year; the page is revalidated by ETag on every load.
 */
export function explorerRoutes(dir: string = defaultExplorerDir()): ExtraRoute[] {
  const indexPath = path.join(dir, 'index.html');
  if (!existsSync(indexPath)) {
    return [
      {
        prefix: '/explorer',
        guarded: false,
        handler: async (_req, res) => {
          res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          res.end(`The explorer is not built: run \`npm run build\` (expected ${indexPath}).\n`);
        },
      },
    ];
  }
  const page = readFileSync(indexPath);
  const pageEtag = `"${createHash('sha256').update(page).digest('base64url').slice(0, 27)}"`;
  const assetsDir = path.join(dir, 'assets');
  // Precompressed by the build (src/explorer/build.ts): `<name>.gz` beside each text asset.
  const files = existsSync(assetsDir) ? readdirSync(assetsDir) : [];
  const present = new Set(files);
  const assets = files.filter((name) => !name.endsWith('.gz'));
  return [
    {
      prefix: '/explorer',
      guarded: false,
      handler: async (req, res) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res);
        const headers = {
          'content-type': TYPES['.html']!,
          'cache-control': 'no-cache',
          etag: pageEtag,
          'content-security-policy': PAGE_CSP,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'same-origin',
        };
        if (req.headers['if-none-match'] === pageEtag) return void res.writeHead(304, headers).end();
        res.writeHead(200, headers);
        res.end(req.method === 'HEAD' ? undefined : page);
      },
    },
    // One exact route per built file: the set is fixed at start-up, so no path from the request reaches the disk.
    ...assets.map((name): ExtraRoute => {
      // Read on first request, not at start-up (the source map alone is 2 MB).
      let body: Buffer | undefined;
      let gzipped: Buffer | undefined;
      const load = () => {
        body ??= readFileSync(path.join(assetsDir, name));
        if (!gzipped && present.has(`${name}.gz`)) gzipped = readFileSync(path.join(assetsDir, `${name}.gz`));
        return body;
      };
      return {
        prefix: `/explorer/assets/${name}`,
        guarded: false,
        handler: async (req, res) => {
          if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res);
          const raw = load();
          const gzip = gzipped !== undefined && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
          const sent = gzip ? gzipped! : raw;
          res.writeHead(200, {
            'content-type': TYPES[path.extname(name)] ?? 'application/octet-stream',
            'content-length': sent.length,
            'cache-control': 'public, max-age=31536000, immutable',
            'x-content-type-options': 'nosniff',
            vary: 'accept-encoding',
            ...(gzip ? { 'content-encoding': 'gzip' } : {}),
          });
          res.end(req.method === 'HEAD' ? undefined : sent);
        },
      };
    }),
  ];
}

function methodNotAllowed(res: ServerResponse): void {
  res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
  res.end('use GET\n');
}
