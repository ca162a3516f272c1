import { afterAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { graphVersionReader } from '../../../../../src/services/lineage/graph-version.js';
import { openTestHelix } from '../../../../support/graph.js';

const opened: HelixContext[] = [];
afterAll(async () => Promise.all(opened.map((h) => h.close())));

describe('HELIX_GRAPH_VERSION_STALENESS_MS', () => {
  it('is strict by default and sets how stale a shared graph-version read may be', async () => {
    const strict = await openTestHelix();
    const relaxed = await openTestHelix({ HELIX_GRAPH_VERSION_STALENESS_MS: '250' });
    opened.push(strict, relaxed);
    expect(graphVersionReader(strict.exec).maxStalenessMs).toBe(0);
    expect(graphVersionReader(relaxed.exec).maxStalenessMs).toBe(250);
    // Two reads within the window share one Neo4j round trip.
    const counter = { queries: 0 };
    const count = (h: HelixContext) => {
      const read = h.exec.read.bind(h.exec);
      h.exec.read = (name, params, ctx) => {
        if (name === 'meta/get-graph-version') counter.queries++;
        return read(name, params, ctx);
      };
    };
    count(relaxed);
    await graphVersionReader(relaxed.exec).read({});
    await graphVersionReader(relaxed.exec).read({});
    expect(counter.queries).toBe(1);
  });
});
