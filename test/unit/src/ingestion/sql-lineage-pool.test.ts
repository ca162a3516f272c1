import { describe, expect, it } from 'vitest';
import { deriveColumnLineage } from '../../../../ingest/dbt/sql/column-lineage.js';
import { deriveOnWorkers } from '../../../../src/ingestion/sql-lineage-pool.js';
import type { ColumnLineageInput } from '../../../../ingest/dbt/sql/types.js';
import { readSql, upstream } from '../../ingest/dbt/sql/lineage-helpers.js';

describe('SQL column lineage on worker threads', () => {
  // Real fixtures, tiny statements, SQL that does not parse and empty SQL, repeated so chunks interleave.
  const base: ColumnLineageInput[] = [
    { sql: readSql('jaffle_customers.postgres.sql'), adapter: 'postgres', upstreams: [upstream('stg_customers', 'stg_customers', ['customer_id', 'first_name'])] },
    { sql: readSql('jaffle_orders.bigquery.sql'), adapter: 'bigquery', upstreams: [] },
    { sql: readSql('events_union.snowflake.sql'), adapter: 'snowflake', upstreams: [upstream('web', 'raw_db.events.web_events', ['event_id'])] },
    { sql: 'select from where (', adapter: 'postgres', upstreams: [] },
    { sql: '', adapter: 'postgres', upstreams: [] },
  ];
  const inputs = Array.from({ length: 20 }, (_, i) => {
    const input = base[i % base.length]!;
    return i % base.length === 1 ? { ...input, sql: `${input.sql}\n-- ${i}` } : input;
  });

  it('returns what the same derivation gives in this thread, in input order, whichever worker finishes first', async () => {
    const results = await deriveOnWorkers(inputs, 2, 3);
    expect(results).toHaveLength(inputs.length);
    expect(results.map((r) => JSON.parse(r))).toEqual(inputs.map((i) => JSON.parse(JSON.stringify(deriveColumnLineage(i)))));
  });
});
