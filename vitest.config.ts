import { defineConfig } from 'vitest/config';

// `npm test`: unit tests (parallel) and integration/e2e tests against the real Neo4j and Redis (one fork, files in
// sequence: each file starts from an empty graph, see test/support/graph.ts).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
