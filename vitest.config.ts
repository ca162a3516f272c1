import { defineConfig } from 'vitest/config';

// `npm test`: two projects that run side by side. `unit`: pure tests, files in parallel, no Neo4j or Redis.
// `graph`: integration/e2e tests against the real Neo4j and Redis (one fork, files in sequence: each file starts
// from an empty graph, see test/support/graph.ts). The graph files spend much of their time waiting (on Neo4j,
// child processes, streams), so the unit files fill those waits instead of running before or after them.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One unit file beside the graph file on the 2-core CI machine (the default leaves one core idle for the main
    // process, which would run the two projects one file at a time).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'graph',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
