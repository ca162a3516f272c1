#!/usr/bin/env node
// Runs the Dockerfile's build steps outside Docker (no Docker engine on CI machines): every stage gets a folder that
// stands for its filesystem, WORKDIR/ENV/COPY/COPY --from/RUN are carried out with the same commands, and the final
// stage's ENTRYPOINT is started with --version and --help, as the image would start them. Run by .ci/run.
//   node .ci/dockerfile-dry-run.mjs [--keep]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'helix-dockerfile-'));
const lines = readFileSync(path.join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ').split('\n');
const stages = [];
let stage;
const began = Date.now();

function fail(msg) {
  process.stderr.write(`dockerfile-dry-run: ${msg}\n`);
  process.exit(1);
}

for (const [i, raw] of lines.entries()) {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) continue;
  const [instr, ...rest] = line.split(/\s+/);
  const args = rest.join(' ');
  const where = `Dockerfile:${i + 1}`;
  switch (instr.toUpperCase()) {
    case 'FROM': {
      const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${stages.length}`;
      stage = { name, fs: path.join(work, name), workdir: '/', env: {}, entrypoint: [], cmd: [] };
      mkdirSync(stage.fs, { recursive: true });
      stages.push(stage);
      break;
    }
    case 'WORKDIR':
      stage.workdir = path.posix.resolve(stage.workdir, args);
      mkdirSync(path.join(stage.fs, stage.workdir), { recursive: true });
      break;
    case 'ENV':
      for (const m of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage.env[m[1]] = m[2].replace(/^"|"$/g, '');
      break;
    case 'COPY': {
      const parts = rest.filter((p) => !p.startsWith('--chown'));
      const from = parts[0]?.startsWith('--from=') ? parts.shift().slice('--from='.length) : undefined;
      const dest = parts.pop();
      const source = from ? stages.find((s) => s.name === from) : undefined;
      if (from && !source) fail(`${where}: no stage ${from}`);
      const srcBase = source ? source.fs : root;
      for (const p of parts) {
        const src = source ? path.join(srcBase, path.posix.resolve(source.workdir, p)) : path.join(root, p);
        if (!existsSync(src)) fail(`${where}: COPY source ${p} does not exist`);
        const target = path.join(stage.fs, path.posix.resolve(stage.workdir, dest));
        const into = dest.endsWith('/') && parts.length > 1 ? path.join(target, path.basename(p)) : dest.endsWith('/') ? path.join(target, path.basename(p)) : target;
        cpSync(src, into, { recursive: true });
      }
      break;
    }
    case 'RUN': {
      process.stderr.write(`--- ${stage.name}: RUN ${args}\n`);
      const r = spawnSync('sh', ['-c', args], { cwd: path.join(stage.fs, stage.workdir), env: { ...process.env, ...stage.env, NODE_ENV: stage.env.NODE_ENV ?? '' }, stdio: 'inherit' });
      if (r.status !== 0) fail(`${where}: RUN failed (exit ${r.status})`);
      break;
    }
    case 'ENTRYPOINT':
      stage.entrypoint = JSON.parse(args);
      break;
    case 'CMD':
      stage.cmd = JSON.parse(args);
      break;
    case 'USER':
    case 'EXPOSE':
      break;
    default:
      fail(`${where}: ${instr} is not handled by this dry run; extend .ci/dockerfile-dry-run.mjs`);
  }
}

const final = stages.at(-1);
const cwd = path.join(final.fs, final.workdir);
for (const extra of [['--version'], ['--help'], ['serve', '--help']]) {
  const [cmd, ...args] = [...final.entrypoint, ...extra];
  const r = spawnSync(cmd, args, { cwd, env: { PATH: process.env.PATH, ...final.env }, encoding: 'utf8' });
  if (r.status !== 0) fail(`the image's entrypoint failed with ${extra.join(' ')}:\n${r.stdout}${r.stderr}`);
  process.stderr.write(`--- ${[...final.entrypoint, ...extra].join(' ')}: ok (${r.stdout.split('\n')[0]})\n`);
}
if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
process.stderr.write(`dockerfile-dry-run: ${stages.length} stages built and started outside Docker in ${((Date.now() - began) / 1000).toFixed(0)} s${process.argv.includes('--keep') ? ` (${work})` : ''}\n`);
