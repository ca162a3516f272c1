import { randomUUID } from 'node:crypto';

/**
 * A valid OpenLineage RunEvent (job `etl.daily_orders` reading `raw_orders`, writing `orders`), for the tests of
 * `POST /api/v1/lineage`; `over` replaces or adds top-level fields.
 */
export function runEvent(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventType: 'COMPLETE',
    eventTime: '2024-05-01T10:00:00Z',
    producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.0.0/integration/test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID() },
    job: { namespace: 'etl', name: 'daily_orders' },
    inputs: [{ namespace: 'postgres://db:5432', name: 'shop.public.raw_orders' }],
    outputs: [{ namespace: 'postgres://db:5432', name: 'shop.public.orders' }],
    ...over,
  };
}
