import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.neo4j/**', 'coverage/**', '.ci-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // The folder rules of DEVELOPERS.md: domain logic and ingestion never depend on the GraphQL layer.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/services', from: './src/graphql', message: 'services never import graphql' },
            { target: './ingest', from: './src/graphql', message: 'ingest/ never imports src/graphql' },
            { target: './ingest', from: './src/http', message: 'ingest/ never imports the HTTP layer' },
            { target: './src/db', from: './src/graphql', message: 'the db layer knows nothing of GraphQL' },
            { target: './src/db', from: './src/services', message: 'the db layer knows nothing of services' },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'neo4j-driver', importNames: ['default'], message: 'talk to Neo4j through src/db/executor.ts' }] },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts', 'ingest/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'graphql', message: 'services and ingestion never import graphql' }, { name: 'graphql-yoga', message: 'services and ingestion never import graphql' }] },
      ],
    },
  },
  {
    // The driver itself, the local launcher and the test/bench harnesses are where Neo4j is met directly.
    files: ['src/db/**/*.ts', 'src/local-neo4j/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
