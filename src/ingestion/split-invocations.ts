import type { MappedGraph } from '../../ingest/core/graph.js';

const RUN_LABELS = new Set(['Invocation', 'TestResult', 'RunResult']);

export interface SplitGraph {
  project: MappedGraph;
  /** One graph per dbt invocation: its Invocation node, its results and their edges. */
  invocations: Map<string, MappedGraph>;
}

/**
 * A manifest is a snapshot of the project, but run results are history: each invocation is written in a scope of
 * its own (`dbt-run:<namespace>:<invocation id>`), so ingesting a newer manifest, or one without run_results,
 * never deletes the results of earlier runs.
 */
export function splitInvocations(g: MappedGraph): SplitGraph {
  const owner = new Map<string, string>();
  const invocations = new Map<string, MappedGraph>();
  const bucket = (id: string) => {
    let b = invocations.get(id);
    if (!b) invocations.set(id, (b = { nodes: [], edges: [], issues: [] }));
    return b;
  };
  for (const n of g.nodes) {
    if (n.labels.includes('Invocation')) owner.set(n.urn, String(n.props.invocationId ?? n.urn));
  }
  for (const e of g.edges) {
    if (e.type === 'IN_INVOCATION' && owner.has(e.to)) owner.set(e.from, owner.get(e.to)!);
  }
  // A result's Step (and the Job's HAS_STEP edge to it) travels with the first invocation that ran it.
  const steps = new Set(g.nodes.filter((n) => n.labels.includes('Step')).map((n) => n.urn));
  for (const e of g.edges) {
    if (e.type === 'INSTANCE_OF' && steps.has(e.to) && owner.has(e.from) && !owner.has(e.to)) owner.set(e.to, owner.get(e.from)!);
  }
  const project: MappedGraph = { ...g, nodes: [], edges: [] };
  for (const n of g.nodes) {
    const inv = n.labels.some((l) => RUN_LABELS.has(l)) || steps.has(n.urn) ? owner.get(n.urn) : undefined;
    if (inv) bucket(inv).nodes.push(n);
    else project.nodes.push(n);
  }
  for (const e of g.edges) {
    const inv = owner.get(e.from) ?? (e.type === 'HAS_STEP' ? owner.get(e.to) : undefined);
    if (inv) {
      // Its target (a test or capsule) is written first, in the project scope.
      bucket(inv).edges.push(e);
    } else project.edges.push(e);
  }
  return { project, invocations };
}
