import { defineConfig } from 'vitest/config';

// `npm run test:corpus`: the real-world artifacts in ../shared/fixtures (or $HELIX_CORPUS). Two projects: first the
// parse files (`*.parse.test.ts`: pure, never the test graph; test/unit/test-layout.test.ts checks it), two at a
// time; then the files on the real Neo4j and Redis, one at a time (each starts from an empty graph).
export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'corpus-parse', include: ['test/corpus/**/*.parse.test.ts'], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'corpus-graph',
          include: ['test/corpus/**/*.test.ts'],
          exclude: ['test/corpus/**/*.parse.test.ts', '**/node_modules/**'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/neo4j-ready.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
