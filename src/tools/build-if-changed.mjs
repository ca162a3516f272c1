#!/usr/bin/env node
// `npm start` (prestart) and `npm ci` (prepare): compile with tsc only when a compiled input changed since the last
// build, so a second start does not pay for a build (tsc takes 10-45 s on a loaded machine; this check ~50 ms).
// The stamp is a hash of every file the build reads (tsconfig, package-lock, src/ incl. the explorer page, ingest/);
// `--force` always builds. The build is tsc, then the explorer bundle (src/explorer/build.ts).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const stampFile = path.join(root, 'dist', '.build-stamp');

function* walk(dir) {
  for (const e of readdirSync(dir).sort()) {
    const full = path.join(dir, e);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (full.endsWith('.ts')) yield full;
  }
}

function inputsHash() {
  const h = createHash('sha256');
  const files = ['tsconfig.json', 'package-lock.json'].map((f) => path.join(root, f));
  for (const dir of ['src', 'ingest']) files.push(...walk(path.join(root, dir)));
  files.push(path.join(root, 'src', 'explorer', 'index.html'));
  for (const f of files) h.update(path.relative(root, f)).update('\0').update(existsSync(f) ? readFileSync(f) : '').update('\0');
  return h.digest('hex');
}

const began = Date.now();
const hash = inputsHash();
const previous = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');
if (!process.argv.includes('--force') && previous === hash && existsSync(entry)) {
  process.stderr.write(`build: dist/ is up to date (checked in ${Date.now() - began} ms)\n`);
  process.exit(0);
}
process.stderr.write('build: compiling with tsc...\n');
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// The /explorer page: esbuild bundles src/explorer into dist/explorer.
const explorer = spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'src', 'explorer', 'build.ts')], { stdio: 'inherit' });
if (explorer.status !== 0) process.exit(explorer.status ?? 1);
writeFileSync(stampFile, `${hash}\n`);
process.stderr.write(`build: done in ${((Date.now() - began) / 1000).toFixed(1)} s\n`);
