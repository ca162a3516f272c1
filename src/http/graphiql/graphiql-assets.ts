import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GRAPHIQL_ASSET_PREFIX } from './graphiql-page.js';

interface Asset {
  type: string;
  body: Buffer;
  gzipped?: Buffer;
}

let assets: Promise<Map<string, Asset>> | undefined;

/** GraphiQL's bundle is 9 MB of JavaScript: it is imported on the first request, not at start-up. */
function loadAssets(): Promise<Map<string, Asset>> {
  assets ??= import('@graphql-yoga/render-graphiql/graphiql').then((g) => {
    const js = 'text/javascript; charset=utf-8';
    const favicon = Buffer.from(g.favicon.replace(/^data:[^,]*;base64,/, ''), 'base64');
    return new Map<string, Asset>([
      ['graphiql.js', { type: js, body: Buffer.from(g.js) }],
      ['graphiql.css', { type: 'text/css; charset=utf-8', body: Buffer.from(g.css) }],
      ['editor.worker.js', { type: js, body: Buffer.from(g.editorWorkerService) }],
      ['json.worker.js', { type: js, body: Buffer.from(g.jsonWorker) }],
      ['graphql.worker.js', { type: js, body: Buffer.from(g.graphqlWorker) }],
      ['favicon.ico', { type: 'image/x-icon', body: favicon }],
    ]);
  });
  return assets;
}

export function isGraphiqlAsset(path: string): boolean {
  return path.startsWith(`${GRAPHIQL_ASSET_PREFIX}/`);
}

/** Serves one GraphiQL asset (public, immutable: the path carries the bundling package's version). */
export async function serveGraphiqlAsset(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const name = (req.url ?? '').split('?')[0]!.slice(GRAPHIQL_ASSET_PREFIX.length + 1);
  const asset = (await loadAssets()).get(name);
  if (!asset || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('not found');
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && asset.body.length > 1024;
  if (gzip) asset.gzipped ??= gzipSync(asset.body);
  const body = gzip ? asset.gzipped! : asset.body;
  res.writeHead(200, {
    'content-type': asset.type,
    'content-length': body.length,
    'cache-control': 'public, max-age=31536000, immutable',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
