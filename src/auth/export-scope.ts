import type { ExportRequest } from '../services/export/export-request.js';
import type { Principal } from './principal.js';

/**
 * What a key limited to namespaces may export: one of its namespaces (`namespace=`). Everything, a lineage or a
 * provenance scope may cross into other namespaces, so they need a key for every namespace.
 */
export function exportScopeRefusal(principal: Principal, request: ExportRequest): string | undefined {
  if (principal.namespaces === null) return undefined;
  const scope = request.scope;
  if (scope.kind === 'namespace' && principal.namespaces.includes(scope.namespace)) return undefined;
  const held = principal.namespaces.join(', ');
  return scope.kind === 'namespace'
    ? `this key may export only namespaces ${held}`
    : `a ${scope.kind === 'all' ? 'whole-graph' : scope.kind} export needs a key for every namespace; this one may export namespace=${held}`;
}

export function exportTargets(request: ExportRequest): string[] {
  const s = request.scope;
  return s.kind === 'namespace' ? [s.namespace] : s.kind === 'all' ? ['*'] : [s.urn];
}
