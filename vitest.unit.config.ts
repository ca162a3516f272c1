import { defineConfig } from 'vitest/config';

// Pure tests only (no Neo4j, no Redis): fast feedback while writing parsers.
export default defineConfig({
  test: { include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 },
});
