import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Root of the real-world corpus: $HELIX_CORPUS or ../shared/fixtures beside the checkout. */
export function corpusRoot(): string {
  const root = process.env.HELIX_CORPUS ?? path.resolve(repoRoot, '../shared/fixtures');
  if (!existsSync(root)) throw new Error(`corpus not found at ${root}; set HELIX_CORPUS`);
  return root;
}

export function corpusPath(...parts: string[]): string {
  return path.join(corpusRoot(), ...parts);
}

/** Our own small fixtures, committed under test/fixtures. */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot, 'test/fixtures', ...parts);
}
