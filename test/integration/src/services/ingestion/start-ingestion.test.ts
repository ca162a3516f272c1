import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { INGESTERS } from '../../../../../src/ingestion/registry.js';
import { helixEvents } from '../../../../../src/events/bus.js';
import { fixturePath } from '../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { graphqlClient, strictClient } from '../../../../support/graphql-client.js';

const ROOT = fixturePath('bio');
let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;
let raw: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  helix = await openTestHelix({ HELIX_INGEST_ROOTS: ROOT });
  await resetGraph(helix);
  gql = strictClient(helix);
  raw = graphqlClient(helix);
});
afterAll(async () => helix?.close());

const START = `mutation($input: StartIngestionInput!) { startIngestion(input: $input) { id urn kind source status } }`;
const INGESTION = `query($id: ID!) { ingestion(id: $id) { id status kind source position error report } }`;
const codes = async (input: Record<string, unknown>, client = raw) => ((await client(START, { input })).errors ?? []).map((e) => e.extensions?.code);

async function finished(id: string) {
  for (let i = 0; i < 600; i++) {
    const { ingestion } = await gql(INGESTION, { id });
    if (ingestion && ingestion.status !== 'queued' && ingestion.status !== 'running') return ingestion;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`ingestion ${id} did not finish`);
}

describe('startIngestion', () => {
  it('runs an ingestion in the background and reports it like the CLI, with its progress on the bus', async () => {
    const seen: Array<{ urn: string; status: string }> = [];
    const off = helixEvents.subscribe('ingestionProgress', (e) => seen.push({ urn: e.urn, status: e.status }));
    try {
      const { startIngestion: started } = await gql(START, { input: { kind: 'hgnc', path: 'genes' } });
      expect(started).toMatchObject({ kind: 'hgnc', source: path.join(ROOT, 'genes') });
      expect(['queued', 'running', 'completed']).toContain(started.status);
      const done = await finished(started.id);
      expect(done).toMatchObject({ id: started.urn, status: 'completed', error: null });
      const [row] = await helix.exec.runText("MATCH (g:Gene) WHERE g.urn STARTS WITH 'HGNC:' AND g.reference IS NULL RETURN count(g) AS n", {}, 'READ');
      expect(Number(row!.n)).toBeGreaterThan(0);
      expect(done.report.write.nodes.byLabel.Gene.created + done.report.write.nodes.byLabel.Gene.updated + done.report.write.nodes.byLabel.Gene.unchanged).toBeGreaterThanOrEqual(Number(row!.n));
      const mine = seen.filter((e) => e.urn === started.urn).map((e) => e.status);
      expect(mine[0]).toBe('queued');
      expect(mine).toContain('running');
      expect(mine.at(-1)).toBe('completed');
    } finally {
      off();
    }
  });

  it('records a failure found before the runner starts as a failed ingestion', async () => {
    const { startIngestion: started } = await gql(START, { input: { kind: 'uniprot', path: 'annotations' } });
    const done = await finished(started.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/proteins|uniprot|no .* files/i);
  });

  it('refuses unknown kinds, missing paths and anything outside the ingest roots', async () => {
    expect(await codes({ kind: 'nope', path: 'genes' })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ kind: 'constructor', path: 'genes' })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ kind: 'hgnc', path: 'no-such-folder' })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ kind: 'hgnc', path: '../../../package.json' })).toEqual(['FORBIDDEN']);
    expect(await codes({ kind: 'hgnc', path: '/etc/passwd' })).toEqual(['FORBIDDEN']);
    // A symlink inside a root that points outside it is refused too.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'helix-roots-'));
    symlinkSync('/etc', path.join(dir, 'escape'));
    const linked = await openTestHelix({ HELIX_INGEST_ROOTS: dir });
    try {
      expect(await codes({ kind: 'hgnc', path: 'escape/passwd' }, graphqlClient(linked))).toEqual(['FORBIDDEN']);
    } finally {
      await linked.close();
    }
  });

  it('is disabled unless HELIX_INGEST_ROOTS names the folders it may read', async () => {
    const closed = await openTestHelix();
    try {
      expect(await codes({ kind: 'hgnc', path: ROOT }, graphqlClient(closed))).toEqual(['FORBIDDEN']);
    } finally {
      await closed.close();
    }
  });

  it('refuses a folder holding a symlink to a file outside the roots, before reading or writing anything', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'helix-roots-'));
    mkdirSync(path.join(root, 'evil'));
    symlinkSync(fixturePath('dbt', 'v12-shop', 'manifest.json'), path.join(root, 'evil', 'manifest.json'));
    mkdirSync(path.join(root, 'passwd'));
    symlinkSync('/etc/passwd', path.join(root, 'passwd', 'hgnc.tsv'));
    const guarded = await openTestHelix({ HELIX_INGEST_ROOTS: root });
    try {
      const before = await countNodes();
      const client = graphqlClient(guarded);
      for (const [kind, where] of [['dbt', 'evil'], ['dbt', 'evil/manifest.json'], ['hgnc', 'passwd']]) {
        const { errors } = await client(START, { input: { kind, path: where } });
        expect(errors?.map((e) => e.extensions?.code), where).toEqual(['FORBIDDEN']);
        expect(errors?.[0]?.message, where).toMatch(/outside the ingest roots/);
      }
      expect(await countNodes()).toBe(before);
    } finally {
      await guarded.close();
    }
  });

  it('refuses resume ids that are not ingestion ids and namespaces outside the URN alphabet, creating no record', async () => {
    const before = await countNodes();
    expect(await codes({ kind: 'hgnc', path: 'genes', resume: '../../x`"y' })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ kind: 'hgnc', path: 'genes', namespace: 'urn:dbt:jaffle_shop' })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ kind: 'hgnc', path: 'genes', namespace: 'two words' })).toEqual(['BAD_USER_INPUT']);
    const { errors } = await raw(START, { input: { kind: 'hgnc', path: 'genes', namespace: 'a:b' } });
    expect(errors?.[0]?.message).toMatch(/namespace "a:b" is not allowed: use letters, digits/);
    expect(await countNodes()).toBe(before);
  });
});

describe('every ingestion runner (the CLI path too)', () => {
  it('refuses a bad namespace or resume id before it reads or writes', async () => {
    const before = await countNodes();
    const dbt = await INGESTERS.dbt!.run();
    await expect(dbt(helix.exec, fixturePath('dbt', 'v12-shop'), { namespace: 'urn:dbt:x' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const hgnc = await INGESTERS.hgnc!.run();
    await expect(hgnc(helix.exec, path.join(ROOT, 'genes'), { resume: 'not-an-id' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    // A hostile manifest (meta nested 100k deep) is one clear BAD_USER_INPUT, not a stack trace.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'helix-deep-'));
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const manifest = { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', project_name: 'p' }, nodes: { 'model.p.m': { unique_id: 'model.p.m', resource_type: 'model', name: 'm', package_name: 'p' } } };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest).replace('"package_name":"p"}', `"package_name":"p","meta":${deep}}`));
    const failure = await dbt(helix.exec, dir, {}).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((failure as Error).message).toMatch(/nested deeper than 100 levels/);
    expect(await countNodes()).toBe(before);
  });
});

/** Every node but the audit trail's: a refused request is recorded as an AuditEvent, and writes nothing else. */
async function countNodes(): Promise<number> {
  const [row] = await helix.exec.runText('MATCH (n) WHERE NOT n:AuditEvent RETURN count(n) AS n', {}, 'READ');
  return Number(row!.n);
}
