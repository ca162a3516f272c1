import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { HelixError } from '../errors.js';
import { projectRoot } from '../project-root.js';

/**
 * Every Cypher statement lives in cypher/<domain>/<verb-noun>.cypher and is known by '<domain>/<verb-noun>'.
 * Modules declare the names they use with `requireQueries`, so start-up can refuse a missing file before serving.
 */
const required = new Set<string>();

export function requireQueries<const T extends readonly string[]>(names: T): { [K in T[number]]: K } {
  const out = {} as Record<string, string>;
  for (const n of names) {
    required.add(n);
    out[n] = n;
  }
  return out as { [K in T[number]]: K };
}

export class QueryRegistry {
  private constructor(private readonly queries: Map<string, string>) {}

  static load(dir = path.join(projectRoot(), 'cypher')): QueryRegistry {
    const queries = new Map<string, string>();
    for (const file of walk(dir)) {
      if (!file.endsWith('.cypher')) continue;
      const name = path.relative(dir, file).replace(/\\/g, '/').replace(/\.cypher$/, '');
      const text = readFileSync(file, 'utf8').trim();
      if (text === '') throw new HelixError('CONFIG_INVALID', `cypher/${name}.cypher is empty`);
      queries.set(name, text);
    }
    return new QueryRegistry(queries);
  }

  get(name: string): string {
    const q = this.queries.get(name);
    if (q === undefined) throw new HelixError('INTERNAL', `unknown Cypher query '${name}' (no cypher/${name}.cypher)`);
    return q;
  }

  has(name: string): boolean {
    return this.queries.has(name);
  }

  names(): string[] {
    return [...this.queries.keys()].sort();
  }

  /** Names declared by code but missing as files. */
  missing(): string[] {
    return [...required].filter((n) => !this.queries.has(n)).sort();
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}
