import { defineConfig } from 'vitest/config';

// `npm test`, two projects. `unit`: pure tests, files in parallel, no Neo4j or Redis; they run first.
// `graph`: then the integration/e2e tests against the real Neo4j and Redis (one fork, files in sequence: each file
// starts from an empty graph, see test/support/graph.ts). The graph files are not run beside unit files: several
// assert wall-clock bounds (a server ready in < 15 s, a stream ended within 6 s) on the 2-core CI machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two unit files at once on the 2-core CI machine (the default leaves a core to the main process: one at a time).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'graph',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // The global setup starts the test Neo4j in the background while the unit files run; each graph file
          // waits here until it is ready.
          setupFiles: ['test/support/neo4j-ready.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
