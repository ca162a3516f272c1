import type { DbtResource } from '../artifacts.js';
import { dbtUrn, isTestType } from './capsule-types.js';
import type { CapsuleEntry, MapContext } from './context.js';
import { jsonProp } from '../../common/values.js';
import { reportUnresolved } from './lineage.js';
import { resolveTarget } from './resolve.js';

const TEST_STATS = { generic: 'testsGeneric', singular: 'testsSingular', unit: 'testsUnit' } as const;

/**
 * Test nodes for enabled generic, singular and unit tests, with (Test)-[:TESTS]->(Capsule) to the tested capsule
 * and (Test)-[:TESTS]->(Column) when a known column is tested.
 */
export function mapTests(ctx: MapContext): void {
  for (const resource of ctx.manifest.resources.values()) {
    if (!isTestType(resource.resourceType)) continue;
    const urn = dbtUrn(ctx.namespace, resource.uniqueId);
    const testType = resource.resourceType === 'unit_test' ? 'unit' : resource.test?.testName ? 'generic' : 'singular';
    const columnName = resource.test?.columnName;
    ctx.g.addNode({
      urn,
      labels: ['Test'],
      props: {
        name: resource.name,
        uniqueId: resource.uniqueId,
        namespace: ctx.namespace,
        packageName: resource.packageName,
        testType,
        testName: resource.test?.testName,
        testNamespace: resource.test?.testNamespace,
        severity: resource.test?.severity,
        columnName,
        kind: columnName ? 'column' : 'table',
        kwargsJson: jsonProp(resource.test?.kwargs, 'as-given'),
        description: resource.description,
        filePath: resource.filePath,
        tags: resource.tags,
        metaJson: jsonProp(resource.meta, 'as-given'),
        model: resource.model,
      },
    });
    ctx.tests.set(resource.uniqueId, urn);
    ctx.g.count('tests');
    ctx.g.count(TEST_STATS[testType]);
    const targets = testedCapsules(ctx, resource, urn);
    for (const target of targets) ctx.g.addEdge('TESTS', urn, target.urn);
    if (columnName && targets.length === 1) mapTestedColumn(ctx, urn, targets[0] as CapsuleEntry, columnName);
  }
}

/**
 * The tested capsule: `attached_node` (v9+); for older generic tests the ref()/source() named in
 * `test_metadata.kwargs.model`; otherwise every capsule the test depends on (singular tests, unit tests).
 * Other dependencies (e.g. the `to` side of a relationships test) get no TESTS edge.
 */
function testedCapsules(ctx: MapContext, resource: DbtResource, testUrn: string): CapsuleEntry[] {
  const deps: CapsuleEntry[] = [];
  for (const target of resource.dependsOn) {
    const resolved = resolveTarget(ctx, target);
    if (resolved.kind === 'capsule') deps.push(resolved.capsule);
    else reportUnresolved(ctx, resource, target, resolved, testUrn);
  }
  const attached = resource.test?.attachedNode;
  if (attached) {
    const resolved = resolveTarget(ctx, attached);
    return resolved.kind === 'capsule' ? [resolved.capsule] : deps;
  }
  const named = modelArgument(resource);
  if (named) {
    const match = deps.filter((d) => matchesRelationCall(d, named));
    if (match.length === 1) return match;
  }
  return deps;
}

type RelationCall = { kind: 'ref'; name: string; version?: string } | { kind: 'source'; source: string; table: string };

/** Reads `{{ get_where_subquery(ref('orders')) }}`, `ref('pkg', 'orders', v=2)` or `source('raw', 'orders')`. */
function modelArgument(resource: DbtResource): RelationCall | undefined {
  const model = resource.test?.kwargs?.model;
  if (typeof model !== 'string') return undefined;
  const source = /source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]/.exec(model);
  if (source) return { kind: 'source', source: source[1] as string, table: source[2] as string };
  const ref = /ref\(\s*['"]([^'"]+)['"](?:\s*,\s*['"]([^'"]+)['"])?(?:\s*,\s*(?:v|version)\s*=\s*['"]?([^'")\s]+))?/.exec(model);
  if (!ref) return undefined;
  const name = (ref[2] ?? ref[1]) as string;
  return ref[3] ? { kind: 'ref', name, version: ref[3] } : { kind: 'ref', name };
}

function matchesRelationCall(capsule: CapsuleEntry, call: RelationCall): boolean {
  const r = capsule.resource;
  if (!r) return false;
  if (call.kind === 'source') return r.resourceType === 'source' && r.sourceName === call.source && r.name === call.table;
  if (r.resourceType === 'source' || r.name !== call.name) return false;
  return call.version === undefined || r.version === call.version;
}

function mapTestedColumn(ctx: MapContext, testUrn: string, capsule: CapsuleEntry, columnName: string): void {
  const key = unquote(columnName).toLowerCase();
  const column = ctx.columns.get(capsule.urn)?.get(key);
  if (column) {
    ctx.g.addEdge('TESTS', testUrn, column);
    return;
  }
  ctx.g.count('testedColumnsUnknown');
  ctx.g.issue({
    severity: 'info',
    code: 'DBT_TESTED_COLUMN_UNKNOWN',
    message: `test on '${columnName}' of ${capsule.uniqueId}: no such column in manifest or catalog (an expression, or undocumented)`,
    subject: testUrn,
  });
}

function unquote(name: string): string {
  const trimmed = name.trim();
  const match = /^(["`[])(.*)["`\]]$/.exec(trimmed);
  return match ? (match[2] as string) : trimmed;
}
