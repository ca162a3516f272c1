import { writeFileSync } from 'node:fs';
import type { HelixContext } from '../../src/app/context.js';

/**
 * `genes` annotations in the kidney-genetics API shape (one gene per line): gnomAD v4.1 (and v4.0 before it with
 * `gnomadV40`) and GTEx v8 records, for the tests that kill, resume and queue annotation ingestions.
 */
export function writeKidneyAnnotations(target: string, genes: number, { gnomadV40 = false } = {}): void {
  const lines: string[] = [];
  for (let i = 1; i <= genes; i++) {
    const v41 = { version: 'v4.1', data: { pli: (i % 97) / 97, lof_z: i / 999 }, updated_at: '2024-06-01T00:00:00Z' };
    const v40 = { version: 'v4.0', data: { pli: (i % 100) / 100, lof_z: i / 1000 }, updated_at: '2024-01-01T00:00:00Z' };
    lines.push(
      JSON.stringify({
        gene: { id: i, symbol: `GENE${i}`, hgnc_id: `HGNC:${100000 + i}` },
        annotations: {
          gnomad: gnomadV40 ? [v40, v41] : [v41],
          gtex: [{ version: 'v8', data: { tissues: { kidney_cortex: { median_tpm: i % 50 } } }, updated_at: '2024-02-01T00:00:00Z' }],
        },
      }),
    );
  }
  writeFileSync(target, `${lines.join('\n')}\n`);
}

/** The annotations, their edges and the genes in the graph, sorted: equal after a resumed run and a clean one. */
export async function annotationGraphState(helix: HelixContext) {
  const q = async (text: string) => (await helix.exec.runText(text, {}, 'READ')).map((r) => JSON.stringify(r));
  return {
    annotations: await q('MATCH (a:Annotation) RETURN a.urn AS urn, a.contentHash AS h ORDER BY urn'),
    edges: await q('MATCH (g:Gene)-[r:HAS_ANNOTATION]->(a:Annotation)-[:FROM_SOURCE]->(s) RETURN g.urn AS g, a.urn AS a, s.urn AS s ORDER BY g, a'),
    genes: await q('MATCH (g:Gene) RETURN g.urn AS urn ORDER BY urn'),
  };
}
