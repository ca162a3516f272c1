import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGraph } from '../../../../../../src/ingestion/writer.js';
import { loadDbtArtifacts } from '../../../../../../ingest/dbt/load-artifacts.js';
import { mapDbtArtifacts } from '../../../../../../ingest/dbt/map-dbt.js';
import { deriveColumnLineage } from '../../../../../../ingest/dbt/sql/column-lineage.js';
import type { HelixContext } from '../../../../../../src/app/context.js';
import { readDeclaration } from '../../../../../../src/services/conformance/pii/declared.js';
import { classifyColumn } from '../../../../../../src/services/conformance/pii/detect-column.js';
import { parseMeta, strings } from '../../../../../../src/services/conformance/pii/finding-rows.js';
import { propagationStop } from '../../../../../../src/services/conformance/pii/propagation-stops.js';
import { refreshPii } from '../../../../../../src/services/conformance/pii/refresh-pii.js';
import { corpusPath } from '../../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../../support/graph.js';

/**
 * Real projects through the real mapper (with SQL column lineage), the writer and refreshPii:
 * - data-arch-brain's jaffle_shop declares PII in column meta/tags: DECLARED must equal what its manifest says;
 * - Formula One (drivers: forename, surname, dob) and andrewstaus (accounts: first_name, last_name) have none
 *   declared: DETECTED, then PROPAGATED down their staging/intermediate/mart models;
 * - aidbox (FHIR marts) holds health data: clinical columns are DETECTED, and flow into its reporting models;
 * - every PROPAGATED finding is checked against an independent breadth-first search over the DERIVED_FROM edges.
 */
const PROJECTS = [
  'seeds/data-arch-brain',
  'dbt/constellation-formula-one-v12-dbt1.9.0',
  'dbt/andrewstaus-dbt-analytics-v12-dbt1.9.8',
  'dbt/aidbox-dbt-sample-project-v9-dbt1.5.1',
];

let helix: HelixContext;
const namespaces: string[] = [];
beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  for (const dir of PROJECTS) {
    const mapped = mapDbtArtifacts(await loadDbtArtifacts({ path: corpusPath(dir) }), { deriveColumnLineage });
    await writeGraph(helix.exec, mapped, { scope: `dbt:${mapped.namespace}`, deleteMissing: true });
    namespaces.push(mapped.namespace);
  }
});
afterAll(async () => helix?.close());

interface Finding {
  urn: string;
  column: string;
  category: string;
  origin: string;
  evidence: string[];
  namespace: string;
  pseudonymous: boolean;
}

async function findings(namespace?: string): Promise<Finding[]> {
  const rows = await helix.exec.runText(
    'MATCH (f:PiiFinding)-[:FLAGS]->(c:Column) WHERE $ns IS NULL OR f.namespace = $ns RETURN properties(f) AS f, c.urn AS flagged',
    { ns: namespace ?? null },
    'READ',
  );
  for (const r of rows) expect((r.f as Finding).column).toBe(r.flagged);
  return rows.map((r) => r.f as Finding);
}

describe('PII on real projects', () => {
  it('DECLARED equals the meta/tags of the manifest (data-arch-brain jaffle_shop)', async () => {
    const summary = await refreshPii(helix.exec, { namespace: 'jaffle_shop' });
    expect(summary.byOrigin.DECLARED).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(corpusPath('seeds/data-arch-brain/manifest.json'), 'utf8'));
    const expected = new Set<string>();
    for (const [id, node] of Object.entries<any>({ ...manifest.nodes, ...manifest.sources })) {
      for (const [name, c] of Object.entries<any>(node.columns ?? {})) {
        // Independent reading of the forms this project uses: pii true/<category>, pii_type, tag pii[:<category>], sensitive.
        const meta = { ...(c.meta ?? {}), ...(c.config?.meta ?? {}) };
        const tags: string[] = c.tags ?? [];
        if (meta.pii || meta.sensitive || tags.some((t) => t === 'pii' || t.startsWith('pii:'))) expected.add(`urn:dbt:jaffle_shop:${id}#${name.toLowerCase()}`);
      }
    }
    const declared = (await findings('jaffle_shop')).filter((f) => f.origin === 'DECLARED');
    expect(new Set(declared.map((f) => f.column))).toEqual(expected);
    const byColumn = new Map(declared.map((f) => [f.column.split(':').pop(), f.category]));
    expect(byColumn.get('model.jaffle_shop.stg_customers#first_name')).toBe('name'); // pii_type: name
    expect(byColumn.get('model.jaffle_shop.stg_customers#email')).toBe('email'); // pii: email, tag pii:email
    expect(byColumn.get('model.jaffle_shop.dim_customers#email')).toBe('email'); // sensitive: true, category from the name
  });

  it('DETECTED finds the people columns of projects that declare nothing', async () => {
    for (const ns of namespaces) await refreshPii(helix.exec, { namespace: ns });
    const detected = (await findings()).filter((f) => f.origin === 'DETECTED').map((f) => `${f.column.split(':').pop()} ${f.category}`);
    expect(detected).toEqual(
      expect.arrayContaining([
        'source.Formula_One_dbt_Project.f1.drivers#forename name',
        'source.Formula_One_dbt_Project.f1.drivers#surname name',
        'source.Formula_One_dbt_Project.f1.drivers#dob birth_date',
        'source.analytics.accounts_db.accounts#first_name name',
      ]),
    );
    expect(detected).toEqual(
      expect.arrayContaining([
        'model.AidboxProject.dim_patient#ssn national_id',
        'model.AidboxProject.dim_patient#birthdate birth_date',
        'model.AidboxProject.fact_condition#code_display health',
      ]),
    );
    // Keys are not PII, even in tables of people.
    expect(detected.some((d) => /#(driverid|driver_id|customer_id|id) /.test(d))).toBe(false);
  });

  it('PROPAGATED equals an independent breadth-first search over DERIVED_FROM, with valid shortest evidence paths', async () => {
    const all = await findings();
    // Origins recomputed here from the graph's columns (detection itself is tested on its own).
    const tables = await helix.exec.runText(
      `MATCH (t:Capsule)-[:HAS_COLUMN]->(c:Column) WITH t, collect(c) AS cs
       RETURN t.name AS name, [c IN cs | {urn: c.urn, name: c.name, dataType: c.dataType, description: c.description,
         metaJson: c.metaJson, tags: coalesce(c.tags, [])}] AS columns`,
      {},
      'READ',
    );
    const origins: Array<{ column: string; category: string; declared: boolean }> = [];
    for (const t of tables) {
      const cols = t.columns as Array<Record<string, unknown>>;
      const siblings = cols.map((c) => String(c.name).toLowerCase());
      for (const c of cols) {
        const v = classifyColumn(
          { name: String(c.name), dataType: c.dataType as string, description: c.description as string, meta: parseMeta(c.metaJson), tags: strings(c.tags) },
          { name: String(t.name), columns: siblings },
        );
        for (const f of v.findings) if (!f.pseudonymous) origins.push({ column: String(c.urn), category: f.category, declared: f.origin === 'DECLARED' });
      }
    }
    const edgeRows = await helix.exec.runText(
      `MATCH (d:Column)-[r:DERIVED_FROM]->(u:Column)
       RETURN u.urn AS up, d.urn AS down, d.name AS name, d.dataType AS dataType, d.metaJson AS metaJson,
         coalesce(d.tags, []) AS tags, r.transformation AS transformation`,
      {},
      'READ',
    );
    const flows = new Map<string, typeof edgeRows>();
    for (const e of edgeRows) (flows.get(String(e.up)) ?? flows.set(String(e.up), []).get(String(e.up))!).push(e);
    const edgeSet = new Set(edgeRows.map((e) => `${e.up}>${e.down}`));
    /** Distances from `from` (distance 0), following only edges PII flows over. */
    const distances = (from: string[], category: string) => {
      const dist = new Map(from.map((c) => [c, 0]));
      let frontier = from;
      for (let d = 1; frontier.length > 0; d++) {
        const next: string[] = [];
        for (const up of frontier) {
          for (const e of flows.get(up) ?? []) {
            const down = String(e.down);
            if (dist.has(down)) continue;
            const declaredNotPii = readDeclaration(parseMeta(e.metaJson), strings(e.tags))?.pii === false;
            const column = { name: String(e.name), dataType: e.dataType as string | null, declaredNotPii };
            if (propagationStop({ transformation: e.transformation as string }, column, category as never)) continue;
            dist.set(down, d);
            next.push(down);
          }
        }
        frontier = next;
      }
      return dist;
    };
    // Roots: declared columns, and detected columns that no other origin's PII flows into.
    const expected = new Map<string, number>();
    const roots = new Set<string>();
    for (const category of new Set(origins.map((o) => o.category))) {
      const mine = origins.filter((o) => o.category === category);
      const rootCols = mine
        .filter((o) => o.declared || !distances(mine.filter((x) => x.column !== o.column).map((x) => x.column), category).has(o.column))
        .map((o) => o.column);
      for (const c of rootCols) roots.add(`${category}|${c}`);
      const declared = new Set(mine.filter((o) => o.declared).map((o) => o.column));
      for (const [c, d] of distances(rootCols, category)) if (d > 0 && !declared.has(c)) expected.set(`${category}|${c}`, d);
    }
    const propagated = all.filter((f) => f.origin === 'PROPAGATED');
    expect(new Set(propagated.map((f) => `${f.category}|${f.column}`))).toEqual(new Set(expected.keys()));
    expect(new Set(all.filter((f) => f.origin !== 'PROPAGATED' && !f.pseudonymous).map((f) => `${f.category}|${f.column}`))).toEqual(roots);
    expect(propagated.length).toBeGreaterThan(10);
    let deep = 0;
    for (const f of propagated) {
      expect(f.evidence[f.evidence.length - 1]).toBe(f.column);
      expect(roots.has(`${f.category}|${f.evidence[0]}`), f.urn).toBe(true);
      expect(f.evidence.length - 1, f.urn).toBe(expected.get(`${f.category}|${f.column}`));
      for (let i = 1; i < f.evidence.length; i++) expect(edgeSet.has(`${f.evidence[i - 1]}>${f.evidence[i]}`), `${f.urn} step ${i}`).toBe(true);
      if (f.evidence.length >= 3) deep++; // two hops or more
    }
    expect(deep).toBeGreaterThan(0);
    // aidbox: encounter types (health) flow into the administration report; births are a count, not a birth date.
    const health = propagated.filter((f) => f.category === 'health').map((f) => f.column.split('.').pop());
    expect(health).toContain('administration#type_display');
    expect(all.some((f) => f.column.endsWith('demographics#birth'))).toBe(false);
    // Formula One: the drivers' names flow from the source through staging into the mart.
    const f1 = propagated.find((f) => f.column.endsWith('mart_driver_career_stats#driver_name'));
    expect(f1?.evidence.map((u) => u.split('.').pop())).toEqual(['drivers#forename', 'stg_drivers#driver_name', 'mart_driver_career_stats#driver_name']);
  });

  it('is idempotent: a second refresh changes nothing, and a full refresh equals the per-namespace ones', async () => {
    const before = await findings();
    for (const ns of namespaces) {
      const again = await refreshPii(helix.exec, { namespace: ns });
      expect({ created: again.created, updated: again.updated, removed: again.removed }).toEqual({ created: 0, updated: 0, removed: 0 });
    }
    const full = await refreshPii(helix.exec, {});
    expect({ created: full.created, updated: full.updated, removed: full.removed }).toEqual({ created: 0, updated: 0, removed: 0 });
    const after = await findings();
    expect(after.map((f) => f.urn).sort()).toEqual(before.map((f) => f.urn).sort());
    const [dupes] = await helix.exec.runText(
      'MATCH (f:PiiFinding) WITH f.column AS c, f.category AS k, count(*) AS n WHERE n > 1 RETURN count(*) AS dupes',
      {},
      'READ',
    );
    expect(Number(dupes?.dupes)).toBe(0);
  });

  it('removes stale findings: a column declared not PII loses its finding and what flowed only through it', async () => {
    const ns = namespaces.find((n) => n !== 'jaffle_shop' && n.toLowerCase().includes('formula'))!;
    const source = `urn:dbt:${ns}:source.Formula_One_dbt_Project.f1.drivers#forename`;
    const before = (await findings(ns)).filter((f) => f.evidence[0] === source);
    expect(before.length).toBeGreaterThan(1);
    await helix.exec.runText('MATCH (c:Column {urn: $u}) SET c.metaJson = $m', { u: source, m: JSON.stringify({ pii: false }) });
    const summary = await refreshPii(helix.exec, { namespace: ns });
    expect(summary.removed).toBeGreaterThanOrEqual(1);
    const after = await findings(ns);
    expect(after.some((f) => f.column === source)).toBe(false);
    expect(after.some((f) => f.evidence[0] === source)).toBe(false);
    await helix.exec.runText('MATCH (c:Column {urn: $u}) REMOVE c.metaJson', { u: source });
    await refreshPii(helix.exec, { namespace: ns });
    expect((await findings(ns)).filter((f) => f.evidence[0] === source).length).toBe(before.length);
  });

  it('pii.untagged fails detected/propagated columns without a declaration, per the rule contract', async () => {
    const text = helix.exec.registry.get('conformance/rules/pii-untagged');
    const run = (params: Record<string, unknown>) => helix.exec.runText(text, { namespace: null, subjects: null, params: {}, ...params }, 'READ');
    const all = await findings();
    const declared = new Set(all.filter((f) => f.origin === 'DECLARED').map((f) => f.column));
    const expected = new Set(all.filter((f) => f.origin !== 'DECLARED' && !f.pseudonymous && !declared.has(f.column)).map((f) => f.column));
    const rows = await run({});
    expect(new Set(rows.map((r) => r.subject))).toEqual(expected);
    expect(rows.length).toBe(expected.size);
    for (const r of rows) {
      expect(String(r.message)).toMatch(/holds personal data \(.+\) but has no pii tag or meta/);
      expect((r.evidence as string[]).at(-1)).toBe(r.subject);
    }
    // jaffle_shop declares its PII columns: none of them fails.
    for (const r of await run({ namespace: 'jaffle_shop' })) expect(declared.has(String(r.subject))).toBe(false);
    const some = [...expected].slice(0, 2);
    expect(new Set((await run({ subjects: some })).map((r) => r.subject))).toEqual(new Set(some));
    const onlyBirth = await run({ params: { categories: ['birth_date'] } });
    expect(onlyBirth.length).toBeGreaterThan(0);
    expect(onlyBirth.length).toBeLessThan(rows.length);
  });
});
