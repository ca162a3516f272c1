import type { GraphBuilder } from '../common/graph-builder.js';
import { agentUrn, fileUrn, softwareAgentId, stepUrn, workflowUrn } from '../common/urns.js';
import { asNumber, isObject, jsonProp, storable, type JsonObject } from '../common/values.js';
import { literal, refIds, types, type CrateGraph } from './crate-graph.js';

const LANGUAGES: Array<[RegExp, string]> = [
  [/cwl|common workflow language/i, 'cwl'],
  [/nextflow/i, 'nextflow'],
  [/snakemake/i, 'snakemake'],
  [/galaxy/i, 'galaxy'],
];

/** A workflow or tool definition (mainEntity, or the instrument of a stand-alone action) as a Job. */
export function jobNode(crate: CrateGraph, b: GraphBuilder, id: string): string {
  const entity = crate.get(id);
  const urn = workflowUrn(crate.qualify(id));
  const languageEntity = entity ? crate.get(refIds(entity.programmingLanguage)[0] ?? '') : undefined;
  const languageText = [literal(languageEntity?.name), literal(languageEntity?.alternateName), refIds(entity?.programmingLanguage)[0]]
    .filter(Boolean)
    .join(' ');
  b.node(urn, ['Job'], {
    name: literal(entity?.name) ?? id,
    kind: 'rocrate',
    description: literal(entity?.description),
    version: literal(entity?.version) ?? literal(entity?.softwareVersion),
    language: LANGUAGES.find(([re]) => re.test(languageText))?.[1],
    url: literal(entity?.url) ?? refIds(entity?.url)[0],
    crateId: crate.crateId,
    crateEntityId: id,
    types: entity ? types(entity) : undefined,
  });
  return urn;
}

/** A HowToStep (or, when the crate names none, the tool a step action ran) as a Step of its workflow Job. */
export function stepNode(crate: CrateGraph, b: GraphBuilder, jobUrn: string, id: string, position?: number): string {
  const entity = crate.get(id);
  // The job urn already carries the crate scope, so the step is named by its id inside the workflow.
  const main = crate.mainEntityId;
  const local = main && id.startsWith(`${main}#`) ? id.slice(main.length + 1) : id;
  const urn = stepUrn(jobUrn, local);
  const tool = refIds(entity?.workExample)[0];
  b.node(urn, ['Step'], {
    name: literal(entity?.name) ?? id.split(/[#/]/).pop() ?? id,
    position: asNumber(literal(entity?.position)) ?? position,
    tool: tool ? crate.qualify(tool) : undefined,
    toolName: tool ? literal(crate.get(tool)?.name) : undefined,
    crateEntityId: id,
  });
  b.edge('HAS_STEP', jobUrn, urn, { position: asNumber(literal(entity?.position)) ?? position });
  return urn;
}

const PERSON_TYPES = new Set(['Person', 'Organization']);

/** An action's agent: people/organisations → user, software → software (with its version). */
export function agentNode(crate: CrateGraph, b: GraphBuilder, id: string): string {
  const entity = crate.get(id);
  const t = types(entity);
  const name = literal(entity?.name);
  if (t.includes('SoftwareApplication') || t.includes('SoftwareSourceCode')) {
    const version = literal(entity?.softwareVersion) ?? literal(entity?.version);
    const agentId = name ? softwareAgentId(name, version) : crate.qualify(id);
    return b.reference(agentUrn('software', agentId), ['Agent'], { kind: 'software', name: name ?? id, version, url: literal(entity?.url) });
  }
  const kind = t.some((x) => PERSON_TYPES.has(x)) || !entity ? 'user' : 'agent';
  return b.reference(agentUrn(kind, crate.qualify(id)), ['Agent'], { kind, name: name ?? id, types: t.length > 0 ? t : undefined });
}

function nonEmpty(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** A data entity an action used or produced; sha256 identifies content, else the crate-qualified @id. */
export function fileNode(crate: CrateGraph, b: GraphBuilder, id: string, seen = new Set<string>()): string {
  const entity = crate.get(id);
  const sha256 = literal(entity?.sha256);
  const urn = fileUrn(sha256 ?? crate.qualify(id));
  if (b.has(urn) || seen.has(id)) return urn;
  seen.add(id);
  const t = types(entity);
  const extra: JsonObject = {};
  for (const key of ['value', 'additionalType', 'sdDatePublished', 'dateModified', 'license', 'author', 'creator']) {
    if (entity?.[key] !== undefined) extra[key] = entity[key];
  }
  const props = {
    name: literal(entity?.name) ?? literal(entity?.alternateName),
    path: id,
    crateId: crate.crateId,
    types: t.length > 0 ? t : undefined,
    isDirectory: t.includes('Dataset') || undefined,
    contentSize: storable(literal(entity?.contentSize)),
    encodingFormat: literal(entity?.encodingFormat) ?? refIds(entity?.encodingFormat)[0],
    sha1: literal(entity?.sha1),
    sha256,
    url: literal(entity?.url) ?? refIds(entity?.url)[0],
    exampleOfWork: nonEmpty(refIds(entity?.exampleOfWork).map((x) => crate.qualify(x))),
    attributesJson: jsonProp(extra),
  };
  if (!entity) {
    b.reference(urn, ['File'], props);
    b.issue({ severity: 'info', code: 'ROCRATE_DANGLING_REFERENCE', message: `@id ${id} is referenced but not described in the crate`, subject: urn });
    return urn;
  }
  b.node(urn, ['File'], props);
  for (const part of refIds(entity.hasPart)) {
    if (part === id) continue;
    b.edge('HAD_MEMBER', urn, fileNode(crate, b, part, seen));
  }
  for (const source of refIds(entity.isBasedOn)) b.edge('WAS_DERIVED_FROM', urn, fileNode(crate, b, source, seen));
  return urn;
}

/** Parameter values an action was given (PropertyValue objects), as `name → value`. */
export function parameterValue(entity: JsonObject | undefined): [string, unknown] | undefined {
  if (!entity || !types(entity).includes('PropertyValue')) return undefined;
  const name = literal(entity.name) ?? refIds(entity.exampleOfWork)[0] ?? String(entity['@id']);
  const value = entity.value;
  return [name, isObject(value) && value['@id'] ? value['@id'] : value];
}
