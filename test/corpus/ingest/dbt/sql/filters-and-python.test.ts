import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDbtArtifacts } from '../../../../../ingest/dbt/load-artifacts.js';
import { mapDbtArtifacts } from '../../../../../ingest/dbt/map-dbt.js';
import { deriveColumnLineage } from '../../../../../ingest/dbt/sql/column-lineage.js';
import { corpusPath } from '../../../../support/corpus.js';

type Json = Record<string, any>;

/** Real models whose aggregates use FILTER (WHERE ...), mapped through the whole dbt path with the real deriver. */
async function mapProject(dir: string) {
  const artifacts = await loadDbtArtifacts({ path: corpusPath('dbt', dir) });
  return mapDbtArtifacts(artifacts, { namespace: 'corpus', deriveColumnLineage });
}

const derivedFrom = (m: Awaited<ReturnType<typeof mapProject>>, column: string) =>
  m.edges.filter((e) => e.type === 'DERIVED_FROM' && e.from === column).map((e) => e.to.split('#')[1]).sort();

describe('aggregate FILTER (WHERE ...) in real compiled SQL', () => {
  it('billiam (duckdb) pl__daily_metrics: the filtered sums also derive from the FILTER columns', async () => {
    const m = await mapProject('bilbottom-billiam-database-v8-dbt1.4.5');
    const model = 'urn:dbt:corpus:model.billiam_database.pl__daily_metrics';
    expect(derivedFrom(m, `${model}#non_essential_cost`)).toEqual(expect.arrayContaining(['category', 'cost']));
    expect(derivedFrom(m, `${model}#meeting_time`)).toEqual(expect.arrayContaining(['interval', 'task']));
    expect(m.issues.filter((i) => i.code === 'SQL_PARSE_FAILED' && i.subject === model)).toEqual([]);
  });

  it('aidbox (postgres) demographics: count(p.id) FILTER (WHERE p.birth_year = extract(... op.year_date))', async () => {
    const m = await mapProject('aidbox-dbt-sample-project-v9-dbt1.5.1');
    const model = 'urn:dbt:corpus:model.AidboxProject.demographics';
    expect(derivedFrom(m, `${model}#birth`)).toEqual(expect.arrayContaining(['birth_year', 'id', 'year_date']));
    expect(derivedFrom(m, `${model}#deceased`)).toEqual(expect.arrayContaining(['deceased_year', 'id', 'year_date']));
  });
});

describe('Python models are not sent to the SQL parser', () => {
  const projects = ['andrewstaus-dbt-analytics-v12-dbt1.9.8', 'dbt-bouncer-fixture-v12-dbt1.9.10'];
  it.each(projects)('%s: no SQL_PARSE_FAILED for a Python model, one COLUMN_LINEAGE_NOT_SQL instead', async (dir) => {
    const manifest = JSON.parse(readFileSync(corpusPath('dbt', dir, 'manifest.json'), 'utf8')) as Json;
    const python = Object.values<Json>(manifest.nodes)
      .filter((n) => n.resource_type === 'model' && n.language === 'python' && n.config?.enabled !== false && (n.compiled_code ?? '') !== '')
      .map((n) => `urn:dbt:corpus:${n.unique_id}`);
    expect(python.length).toBeGreaterThan(0);
    const m = await mapProject(dir);
    for (const urn of python) {
      expect(m.issues.filter((i) => i.subject === urn && i.code === 'SQL_PARSE_FAILED')).toEqual([]);
      expect(m.issues.filter((i) => i.subject === urn && i.code === 'COLUMN_LINEAGE_NOT_SQL')).toHaveLength(1);
    }
  });
});

it('the corpus still has the projects these tests name', () => {
  for (const dir of ['bilbottom-billiam-database-v8-dbt1.4.5', 'aidbox-dbt-sample-project-v9-dbt1.5.1']) {
    expect(existsSync(corpusPath('dbt', dir, 'manifest.json'))).toBe(true);
  }
});
