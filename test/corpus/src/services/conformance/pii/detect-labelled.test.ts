import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyColumn } from '../../../../../../src/services/conformance/pii/detect-column.js';
import { corpusPath } from '../../../../../support/corpus.js';
import { LABELLED } from './labelled-sample.js';

/**
 * Precision and recall of the detector on hand-labelled real columns (labelled-sample.ts). Facts are read from the
 * manifests and catalogs the way the dbt mapping keeps them: the column's name, catalog type (else manifest
 * data_type), description, meta and tags; the table's name and all its columns (manifest ∪ catalog).
 */
interface Facts {
  tableName: string;
  columns: Map<string, { name: string; type: string | null; description: string | null; meta: Record<string, unknown> | null; tags: string[] }>;
}

const cache = new Map<string, Map<string, Facts>>();
function projectFacts(dir: string): Map<string, Facts> {
  const hit = cache.get(dir);
  if (hit) return hit;
  const manifest = JSON.parse(readFileSync(corpusPath(dir, 'manifest.json'), 'utf8'));
  const catalogFile = corpusPath(dir, 'catalog.json');
  const catalog = existsSync(catalogFile) ? JSON.parse(readFileSync(catalogFile, 'utf8')) : { nodes: {}, sources: {} };
  const out = new Map<string, Facts>();
  for (const [id, node] of Object.entries<any>({ ...manifest.nodes, ...manifest.sources })) {
    const facts: Facts = { tableName: node.name, columns: new Map() };
    for (const [key, c] of Object.entries<any>(node.columns ?? {})) {
      const meta = { ...(c.meta ?? {}), ...(c.config?.meta ?? {}) };
      facts.columns.set(key.toLowerCase(), { name: key, type: c.data_type ?? null, description: c.description ?? null, meta, tags: c.tags ?? [] });
    }
    const cat = catalog.nodes?.[id] ?? catalog.sources?.[id];
    for (const [key, c] of Object.entries<any>(cat?.columns ?? {})) {
      const known = facts.columns.get(key.toLowerCase());
      if (known) known.type = c.type ?? known.type;
      else facts.columns.set(key.toLowerCase(), { name: c.name ?? key, type: c.type ?? null, description: null, meta: null, tags: [] });
    }
    out.set(id, facts);
  }
  cache.set(dir, out);
  return out;
}

describe('PII detection on a hand-labelled sample of corpus columns', () => {
  it('is precise (≥ 0.95) and finds most PII (recall ≥ 0.8)', () => {
    const seen = new Set<string>();
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let positives = 0;
    const mistakes: string[] = [];
    for (const [dir, nodeId, column, expected] of LABELLED) {
      const key = `${dir}|${nodeId}|${column.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const table = projectFacts(dir).get(nodeId);
      expect(table, `${nodeId} in ${dir}`).toBeDefined();
      const col = table!.columns.get(column.toLowerCase());
      expect(col, `${nodeId}.${column}`).toBeDefined();
      const got = classifyColumn(
        { name: col!.name, dataType: col!.type, description: col!.description, meta: col!.meta, tags: col!.tags },
        { name: table!.tableName, columns: [...table!.columns.keys()] },
      ).findings.map((f) => f.category);
      positives += expected.length;
      for (const c of got) {
        if (expected.includes(c)) tp++;
        else {
          fp++;
          mistakes.push(`FP ${path.basename(dir)} ${nodeId}.${column}: ${c}`);
        }
      }
      for (const c of expected) {
        if (!(got as string[]).includes(c)) {
          fn++;
          mistakes.push(`FN ${path.basename(dir)} ${nodeId}.${column}: ${c}`);
        }
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `PII detection on ${seen.size} labelled columns (${positives} labelled findings): precision ${precision.toFixed(3)} ` +
        `(${tp}/${tp + fp}), recall ${recall.toFixed(3)} (${tp}/${tp + fn})\n${mistakes.join('\n')}`,
    );
    expect(seen.size).toBeGreaterThan(350);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });
});
