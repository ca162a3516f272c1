import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.neo4j/**', 'coverage/**', '.ci-results/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'neo4j-driver', importNames: ['default'], message: 'talk to Neo4j through src/db/executor.ts' }] },
      ],
    },
  },
  // The folder rules of DEVELOPERS.md: domain logic and ingestion never depend on the GraphQL or HTTP layers.
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'graphql', message: 'services never import graphql' },
            { name: 'graphql-yoga', message: 'services never import graphql' },
          ],
          patterns: [{ group: ['**/graphql/**', '**/http/**'], message: 'services never import the GraphQL or HTTP layer' }],
        },
      ],
    },
  },
  {
    files: ['ingest/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'graphql', message: 'ingest/ never imports graphql' },
            { name: 'graphql-yoga', message: 'ingest/ never imports graphql' },
          ],
          patterns: [{ group: ['**/src/graphql/**', '**/src/http/**'], message: 'ingest/ never imports src/graphql or the HTTP layer' }],
        },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/graphql/**', '**/services/**', 'graphql'], message: 'the db layer knows nothing of GraphQL or services' }] },
      ],
    },
  },
  {
    // The driver itself, the local launcher and the test/bench harnesses are where Neo4j is met directly.
    files: ['src/db/**/*.ts', 'src/local-neo4j/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
