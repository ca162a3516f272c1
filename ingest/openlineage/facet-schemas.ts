import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isObject } from '../common/values.js';

// ajv-formats is CommonJS; under NodeNext its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

/** Where a facet may appear in an event. */
export type FacetContainer = 'run' | 'job' | 'dataset' | 'inputDataset' | 'outputDataset';

const BASE_TO_CONTAINER: Record<string, FacetContainer | 'any'> = {
  RunFacet: 'run',
  JobFacet: 'job',
  DatasetFacet: 'dataset',
  InputDatasetFacet: 'inputDataset',
  OutputDatasetFacet: 'outputDataset',
  BaseFacet: 'any',
};

interface FacetCandidate {
  ref: string;
  /** Name of the facet definition, used to try the definition named like the facet first. */
  defName: string;
  validate?: ValidateFunction;
  broken?: boolean;
}

export type FacetCheck =
  | { kind: 'valid' }
  | { kind: 'custom'; knownIn: FacetContainer[] }
  | { kind: 'invalid'; message: string }
  | { kind: 'unchecked'; message: string };

/**
 * The OpenLineage facet JSON schemas of one directory (standard facets, registry facets, integration facets), keyed
 * by facet name and the part of the event that may carry it. Schemas are read at runtime from the given directory;
 * files that cannot be compiled (a few integration schemas are draft-07 with invalid types) only disable their facet.
 */
export class FacetSchemaSet {
  private readonly ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: false });
  private readonly byKey = new Map<string, FacetCandidate[]>();
  readonly loadedFiles: string[] = [];
  readonly skippedFiles: string[] = [];

  constructor(readonly dir: string) {
    addFormats(this.ajv);
    const ids = new Set<string>();
    for (const file of listJsonFiles(dir)) {
      let schema: unknown;
      try {
        schema = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        this.skippedFiles.push(file);
        continue;
      }
      if (!isObject(schema) || (!schema.$defs && !schema.definitions && !schema.properties)) continue;
      const id = typeof schema.$id === 'string' ? schema.$id : `file://${file}`;
      if (ids.has(id)) continue;
      try {
        this.ajv.addSchema(schema, id);
        ids.add(id);
        this.loadedFiles.push(file);
      } catch {
        this.skippedFiles.push(file);
        continue;
      }
      this.indexFacets(schema, id);
    }
  }

  private indexFacets(schema: Record<string, unknown>, id: string): void {
    const props = schema.properties;
    if (!isObject(props)) return;
    const defs = (isObject(schema.$defs) ? schema.$defs : isObject(schema.definitions) ? schema.definitions : {}) as Record<
      string,
      unknown
    >;
    for (const [key, prop] of Object.entries(props)) {
      const containers = new Set<FacetContainer | 'any'>();
      let defName = '';
      for (const ref of collectRefs(prop)) {
        const local = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
        if (!local) continue;
        defName ||= local[1]!;
        for (const base of collectRefs(defs[local[1]!])) {
          const container = BASE_TO_CONTAINER[base.split('/').pop() ?? ''];
          if (container) containers.add(container);
        }
      }
      if (containers.size === 0) containers.add('any');
      const ref = `${id}#/properties/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      for (const container of containers) {
        const mapKey = `${container}:${key}`;
        const list = this.byKey.get(mapKey) ?? [];
        list.push({ ref, defName });
        this.byKey.set(mapKey, list);
      }
    }
  }

  check(container: FacetContainer, key: string, value: unknown): FacetCheck {
    const candidates = [
      ...(this.byKey.get(`${container}:${key}`) ?? []),
      ...(this.byKey.get(`any:${key}`) ?? []),
    ].sort((a, b) => namedLike(key, a.defName) - namedLike(key, b.defName));
    if (candidates.length === 0) return { kind: 'custom', knownIn: this.containersOf(key) };
    let firstError: string | undefined;
    let compiled = 0;
    for (const candidate of candidates) {
      const validate = this.compile(candidate);
      if (!validate) continue;
      compiled += 1;
      if (validate(value)) return { kind: 'valid' };
      firstError ??= this.ajv.errorsText(validate.errors, { dataVar: key });
    }
    if (compiled === 0) return { kind: 'unchecked', message: `schema for facet '${key}' could not be compiled` };
    return { kind: 'invalid', message: firstError ?? 'does not match its schema' };
  }

  private containersOf(key: string): FacetContainer[] {
    const out: FacetContainer[] = [];
    for (const c of ['run', 'job', 'dataset', 'inputDataset', 'outputDataset'] as const) {
      if (this.byKey.has(`${c}:${key}`)) out.push(c);
    }
    return out;
  }

  private compile(candidate: FacetCandidate): ValidateFunction | undefined {
    if (candidate.validate) return candidate.validate;
    if (candidate.broken) return undefined;
    try {
      candidate.validate = this.ajv.compile({ $ref: candidate.ref });
      return candidate.validate;
    } catch {
      candidate.broken = true;
      return undefined;
    }
  }
}

/** 0 when the definition is named after the facet key (`nominalTime` → NominalTimeRunFacet), else 1. */
function namedLike(key: string, defName: string): number {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return norm(defName).startsWith(norm(key)) ? 0 : 1;
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, out);
  else if (isObject(node)) {
    if (typeof node.$ref === 'string') out.push(node.$ref);
    for (const [key, value] of Object.entries(node)) if (key !== '$ref') collectRefs(value, out);
  }
  return out;
}

function listJsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listJsonFiles(full));
    else if (entry.endsWith('.json')) out.push(full);
  }
  return out;
}

const cache = new Map<string, FacetSchemaSet>();

/**
 * The facet schemas of `dir`, else of $HELIX_OPENLINEAGE_SCHEMAS; undefined when neither names an existing
 * directory (facet checks are then skipped with one warning per event).
 */
export function loadFacetSchemas(dir?: string): FacetSchemaSet | undefined {
  const resolved = dir ?? process.env.HELIX_OPENLINEAGE_SCHEMAS;
  if (!resolved || !existsSync(resolved) || !statSync(resolved).isDirectory()) return undefined;
  const key = path.resolve(resolved);
  let set = cache.get(key);
  if (!set) {
    set = new FacetSchemaSet(key);
    cache.set(key, set);
  }
  return set;
}
