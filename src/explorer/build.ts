import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ExplorerBuild {
  outDir: string;
  /** Asset file names (under `<outDir>/assets`), content-hashed: served as immutable. */
  assets: string[];
}

/**
 * Bundles the explorer (TypeScript, cytoscape, dagre, CSS) into `<outDir>/index.html` and content-hashed files in
 * `<outDir>/assets/`: everything the page needs is served by Helix itself, nothing is fetched from a CDN.
 */
export async function buildExplorer(outDir: string, opts: { minify?: boolean } = {}): Promise<ExplorerBuild> {
  rmSync(outDir, { recursive: true, force: true });
  const assetsDir = path.join(outDir, 'assets');
  mkdirSync(assetsDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: { explorer: path.join(here, 'page', 'main.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: opts.minify ?? true,
    sourcemap: 'linked',
    entryNames: '[name]-[hash]',
    outdir: assetsDir,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'linked',
  });
  const assets = Object.keys(result.metafile.outputs).map((p) => path.basename(p));
  const js = assets.find((a) => a.endsWith('.js'));
  const css = assets.find((a) => a.endsWith('.css'));
  if (!js || !css) throw new Error(`explorer build produced no script or stylesheet: ${assets.join(', ')}`);
  const html = readFileSync(path.join(here, 'index.html'), 'utf8')
    .replace('{{script}}', `/explorer/assets/${js}`)
    .replace('{{stylesheet}}', `/explorer/assets/${css}`);
  writeFileSync(path.join(outDir, 'index.html'), html);
  // Compressed once here, so the server neither compresses per request nor at start-up (~0.5 MB → ~150 kB).
  for (const a of assets) {
    if (/\.(js|css|map|txt)$/.test(a)) writeFileSync(path.join(assetsDir, `${a}.gz`), gzipSync(readFileSync(path.join(assetsDir, a)), { level: 9 }));
  }
  return { outDir, assets };
}

// `npm run build` runs this file: dist/explorer.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(here, '..', '..', 'dist', 'explorer');
  const built = await buildExplorer(out);
  console.warn(`explorer built into ${path.relative(process.cwd(), out)}: ${built.assets.filter((a) => !a.endsWith('.map')).join(', ')}`);
}
