import { defineConfig } from 'vitest/config';

// `npm run test:corpus`: the real-world artifacts in ../shared/fixtures (or $HELIX_CORPUS).
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
