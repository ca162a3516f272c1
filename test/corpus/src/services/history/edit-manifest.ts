import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Json = Record<string, any>;

/** A copy of a corpus dbt target folder in a temp dir, edited by `edit` (the manifest, parsed). */
export function editedCopy(source: string, edit: (m: Json) => void): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helix-history-'));
  cpSync(source, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as Json;
  edit(m);
  writeFileSync(file, JSON.stringify(m));
  return dir;
}

/** Removes a node and every mention of it in parent_map and child_map. */
export function removeNode(m: Json, id: string): void {
  delete m.nodes[id];
  delete m.parent_map?.[id];
  delete m.child_map?.[id];
  for (const map of [m.parent_map, m.child_map]) for (const k of Object.keys(map ?? {})) map[k] = map[k].filter((x: string) => x !== id);
}

/** Adds `parent` to a node's dependencies (depends_on, parent_map, child_map). */
export function addDependency(m: Json, child: string, parent: string): void {
  m.nodes[child].depends_on.nodes.push(parent);
  (m.parent_map[child] ??= []).push(parent);
  (m.child_map[parent] ??= []).push(child);
}
