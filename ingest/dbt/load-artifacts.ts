import { existsSync, statSync } from 'node:fs';
import { readFile as readFileText } from 'node:fs/promises';
import path from 'node:path';
import type { IngestIssue } from '../core/graph.js';
import type { DbtArtifacts } from './artifacts.js';
import { parseLenientJson } from '../common/lenient-json.js';
import { JsonReadError, readJsonSections, visitSections, type SectionHandlers } from '../common/json-sections.js';
import { DbtArtifactError, checkSchemaVersion, nonFiniteIssue } from './read/artifact-checks.js';
import { CatalogCollector } from './read/catalog-collector.js';
import { ManifestCollector } from './read/manifest-collector.js';
import { ResultsCollector } from './read/results-collector.js';

export { DbtArtifactError } from './read/artifact-checks.js';

export interface LoadDbtArtifactsInput {
  /** A dbt target directory, or the path of a manifest.json. */
  path: string;
  catalog?: string;
  runResults?: string;
  sources?: string;
}

/** The artifact file names dbt writes in a target directory (never semantic_manifest.json, graph.gpickle, ...). */
const TARGET_FILES = {
  manifest: 'manifest.json',
  catalog: 'catalog.json',
  runResults: 'run_results.json',
  sources: 'sources.json',
} as const;

/**
 * Reads dbt artifacts, streaming each file so memory is bounded by what is kept. Problems with optional artifacts
 * become issues; an unusable manifest rejects with DbtArtifactError (ingesting nothing beats deleting everything).
 */
export async function loadDbtArtifacts(input: LoadDbtArtifactsInput): Promise<DbtArtifacts> {
  const files = resolveDbtArtifactFiles(input);
  const issues: IngestIssue[] = [...files.issues];
  const manifest = new ManifestCollector(files.manifest);
  const catalog = files.catalog ? new CatalogCollector(files.catalog) : undefined;
  const runResults = files.runResults ? new ResultsCollector(files.runResults, 'run-results') : undefined;
  const sources = files.sources ? new ResultsCollector(files.sources, 'sources') : undefined;

  const [manifestOk, catalogOk, runResultsOk, sourcesOk] = await Promise.all([
    readFile(files.manifest, manifest.handlers, issues, true),
    catalog && readFile(files.catalog as string, catalog.handlers, issues, false),
    runResults && readFile(files.runResults as string, runResults.handlers, issues, false),
    sources && readFile(files.sources as string, sources.handlers, issues, false),
  ]);
  if (!manifestOk) throw new DbtArtifactError(issues[issues.length - 1] as IngestIssue);
  return assemble(
    { manifest, catalog: catalogOk ? catalog : undefined, runResults: runResultsOk ? runResults : undefined, sources: sourcesOk ? sources : undefined },
    files,
    issues,
  );
}

/** The same from artifacts already parsed (or as JSON text, which may contain bare NaN/Infinity). */
export function dbtArtifactsFromObjects(input: {
  manifest: unknown;
  catalog?: unknown;
  runResults?: unknown;
  sources?: unknown;
  manifestPath?: string;
}): DbtArtifacts {
  const issues: IngestIssue[] = [];
  const files = {
    manifest: input.manifestPath ?? 'manifest.json',
    catalog: input.catalog === undefined ? undefined : 'catalog.json',
    runResults: input.runResults === undefined ? undefined : 'run_results.json',
    sources: input.sources === undefined ? undefined : 'sources.json',
  };
  const manifest = new ManifestCollector(files.manifest);
  if (!visitInMemory(input.manifest, files.manifest, manifest.handlers, issues)) {
    throw new DbtArtifactError(issues[issues.length - 1] as IngestIssue);
  }
  const catalog = files.catalog ? new CatalogCollector(files.catalog) : undefined;
  const catalogOk = catalog && visitInMemory(input.catalog, files.catalog as string, catalog.handlers, issues);
  const runResults = files.runResults ? new ResultsCollector(files.runResults, 'run-results') : undefined;
  const runResultsOk = runResults && visitInMemory(input.runResults, files.runResults as string, runResults.handlers, issues);
  const sources = files.sources ? new ResultsCollector(files.sources, 'sources') : undefined;
  const sourcesOk = sources && visitInMemory(input.sources, files.sources as string, sources.handlers, issues);
  return assemble(
    { manifest, catalog: catalogOk ? catalog : undefined, runResults: runResultsOk ? runResults : undefined, sources: sourcesOk ? sources : undefined },
    files,
    issues,
  );
}

function visitInMemory(value: unknown, file: string, handlers: SectionHandlers, issues: IngestIssue[], rethrowParseErrors = false): boolean {
  let parsed: unknown;
  try {
    parsed = fromText(value, file, issues);
  } catch (error) {
    if (rethrowParseErrors) throw error;
    issues.push({ severity: 'error', code: 'DBT_ARTIFACT_UNREADABLE', message: `cannot read ${file}: ${(error as Error).message}`, file });
    return false;
  }
  try {
    visitSections(parsed, handlers);
    return true;
  } catch (error) {
    issues.push({ severity: 'error', code: 'DBT_ARTIFACT_UNREADABLE', message: `cannot read ${file}: ${(error as Error).message}`, file });
    return false;
  }
}

function fromText(value: unknown, file: string, issues: IngestIssue[]): unknown {
  if (typeof value !== 'string') return value;
  const { value: parsed, nonFinite } = parseLenientJson(value);
  const issue = nonFiniteIssue(nonFinite, file);
  if (issue) issues.push(issue);
  return parsed;
}

interface Collectors {
  manifest: ManifestCollector;
  catalog?: CatalogCollector | undefined;
  runResults?: ResultsCollector | undefined;
  sources?: ResultsCollector | undefined;
}

function assemble(
  c: Collectors,
  files: { manifest: string; catalog?: string | undefined; runResults?: string | undefined; sources?: string | undefined },
  issues: IngestIssue[],
): DbtArtifacts {
  issues.push(...c.manifest.issues);
  if (!checkSchemaVersion('manifest', c.manifest.manifest.metadata, files.manifest, issues)) {
    throw new DbtArtifactError(issues[issues.length - 1] as IngestIssue);
  }
  const nodes = c.manifest.nodesValue;
  if (!c.manifest.sawNodes || (nodes !== undefined && (nodes === null || typeof nodes !== 'object'))) {
    const found = c.manifest.sawNodes ? `"nodes" is ${JSON.stringify(nodes)}` : 'it has no "nodes"';
    throw new DbtArtifactError({ severity: 'error', code: 'DBT_NOT_A_MANIFEST', message: `${files.manifest} is not a dbt manifest: ${found} (an object of nodes, empty for an empty project)`, file: files.manifest });
  }
  const artifacts: DbtArtifacts = { manifest: c.manifest.manifest, manifestPath: files.manifest, issues };
  if (c.catalog) {
    issues.push(...c.catalog.issues);
    if (checkSchemaVersion('catalog', c.catalog.catalog.metadata, files.catalog as string, issues)) {
      artifacts.catalog = c.catalog.catalog;
      artifacts.catalogPath = files.catalog as string;
    }
  }
  if (c.runResults) {
    issues.push(...c.runResults.issues);
    if (checkSchemaVersion('run-results', c.runResults.runResults.metadata, files.runResults as string, issues)) {
      artifacts.runResults = c.runResults.runResults;
      artifacts.runResultsPath = files.runResults as string;
    }
  }
  if (c.sources) {
    issues.push(...c.sources.issues);
    if (checkSchemaVersion('sources', c.sources.freshness.metadata, files.sources as string, issues)) {
      artifacts.sources = c.sources.freshness;
      artifacts.sourcesPath = files.sources as string;
    }
  }
  return artifacts;
}

/**
 * Files up to this size are parsed whole (JSON.parse is an order of magnitude faster than a token stream);
 * larger ones are streamed so memory stays bounded by what the collectors keep.
 */
export const STREAM_ABOVE_BYTES = 64 * 1024 * 1024;

async function readFile(file: string, handlers: SectionHandlers, issues: IngestIssue[], required: boolean): Promise<boolean> {
  if (statSync(file).size <= STREAM_ABOVE_BYTES) {
    const text = await readFileText(file, 'utf8');
    try {
      return visitInMemory(text, file, handlers, issues, true);
    } catch {
      // Not parseable whole: the streaming reader reports where (with a line number).
    }
  }
  try {
    const nonFinite = await readJsonSections(file, handlers);
    const issue = nonFiniteIssue(nonFinite, file);
    if (issue) issues.push(issue);
    return true;
  } catch (error) {
    const line = error instanceof JsonReadError ? error.line : undefined;
    issues.push({
      severity: 'error',
      code: 'DBT_ARTIFACT_UNREADABLE',
      message: `${required ? 'manifest' : 'artifact ignored'}: ${(error as Error).message}`,
      file,
      ...(line !== undefined ? { line } : {}),
    });
    return false;
  }
}

export interface ResolvedFiles {
  manifest: string;
  catalog?: string | undefined;
  runResults?: string | undefined;
  sources?: string | undefined;
  issues: IngestIssue[];
}

/** The artifact files an ingestion of `input` reads (throws DbtArtifactError when there is no manifest). */
export function resolveDbtArtifactFiles(input: LoadDbtArtifactsInput): ResolvedFiles {
  const issues: IngestIssue[] = [];
  const isDir = existsSync(input.path) && statSync(input.path).isDirectory();
  const manifest = isDir ? path.join(input.path, TARGET_FILES.manifest) : input.path;
  if (!existsSync(manifest)) {
    throw new DbtArtifactError({
      severity: 'error',
      code: 'DBT_ARTIFACT_MISSING',
      message: `no manifest at ${manifest}`,
      file: manifest,
    });
  }
  const pick = (explicit: string | undefined, name: string): string | undefined => {
    if (explicit !== undefined) {
      if (existsSync(explicit)) return explicit;
      issues.push({ severity: 'warning', code: 'DBT_ARTIFACT_MISSING', message: `${explicit} not found`, file: explicit });
      return undefined;
    }
    // Beside the manifest, whether the path named the target folder or the manifest file itself.
    const candidate = path.join(path.dirname(manifest), name);
    return existsSync(candidate) ? candidate : undefined;
  };
  return {
    manifest,
    catalog: pick(input.catalog, TARGET_FILES.catalog),
    runResults: pick(input.runResults, TARGET_FILES.runResults),
    sources: pick(input.sources, TARGET_FILES.sources),
    issues,
  };
}
