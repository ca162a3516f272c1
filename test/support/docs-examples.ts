import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface DocExample {
  file: string;
  line: number;
  source: string;
}

/** Every ```graphql fenced block of README.md and docs/*.md, with where it starts. */
export function docExamples(root: string): DocExample[] {
  const files = ['README.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
  const out: DocExample[] = [];
  for (const file of files) {
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
    let start = -1;
    for (const [i, line] of lines.entries()) {
      if (start < 0 && /^\s*```graphql\s*$/.test(line)) start = i;
      else if (start >= 0 && /^\s*```\s*$/.test(line)) {
        out.push({ file, line: start + 1, source: lines.slice(start + 1, i).join('\n') });
        start = -1;
      }
    }
  }
  return out;
}

/** Top-level fields of a result that hold nothing: null, an empty list, or a connection without nodes. */
export function emptyFields(data: Record<string, unknown> | null | undefined): string[] {
  if (!data) return ['(data)'];
  return Object.entries(data)
    .filter(([, v]) => {
      if (v === null || v === undefined) return true;
      if (Array.isArray(v)) return v.length === 0;
      if (typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (Array.isArray(o.nodes) && o.nodes.length === 0) return true;
        if (Array.isArray(o.edges) && o.edges.length === 0 && !Array.isArray(o.nodes)) return true;
        if (o.totalCount === 0) return true;
      }
      return false;
    })
    .map(([k]) => k);
}
