import tseslint from 'typescript-eslint';

/**
 * Code rules. Which folder may import which is checked by dependency-cruiser (.dependency-cruiser.cjs, the
 * second step of `npm run lint`) and explained in ARCHITECTURE.md; the import bans below are the few that are about
 * one package rather than about a folder.
 *
 * ESLint's flat config does not merge a rule's options across blocks: a later block that sets
 * `no-restricted-imports` replaces the earlier one. So every block builds its list from GLOBAL_BANS.
 */
const DRIVER_BAN = { name: 'neo4j-driver', importNames: ['default'], message: 'talk to Neo4j through src/db/executor.ts' };
const GRAPHQL_BANS = (who) => [
  { name: 'graphql', message: `${who} never import graphql` },
  { name: 'graphql-yoga', message: `${who} never import graphql` },
];
const GLOBAL_BANS = [DRIVER_BAN];
const restrict = (...paths) => ['error', { paths: [...GLOBAL_BANS, ...paths.flat()] }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.neo4j/**', 'coverage/**', '.ci-results/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-imports': restrict(),
    },
  },
  { files: ['src/services/**/*.ts'], rules: { 'no-restricted-imports': restrict(GRAPHQL_BANS('services')) } },
  { files: ['ingest/**/*.ts'], rules: { 'no-restricted-imports': restrict(GRAPHQL_BANS('ingest/ sources')) } },
  { files: ['src/db/**/*.ts'], rules: { 'no-restricted-imports': restrict(GRAPHQL_BANS('the db layer')) } },
  {
    // The driver itself and the local launcher are where Neo4j is met directly: only the driver ban is lifted.
    files: ['src/db/**/*.ts', 'src/local-neo4j/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: GRAPHQL_BANS('the db layer') }] },
  },
  {
    // Test and bench harnesses meet Neo4j directly and print.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
