/**
 * Which folder may import which (ARCHITECTURE.md, "Import rules"), checked by `npm run lint` (depcruise step).
 *
 *   src/cli, src/http  →  src/graphql  →  src/loaders, src/services  →  src/db
 *   src/ingestion      →  ingest/<source>  →  ingest/common (+ ingest/core/graph.ts, the graph types)
 *
 * A rule names what may NOT be imported. The only allowed breaches are the EXCEPTIONS below (at most five, each with
 * its reason; test/unit/dependency-rules.test.ts keeps the list short and proves a breach fails lint).
 */

/** Sources: every folder of ingest/ but the shared ones. */
const SHARED_INGEST = 'common|core|run';

/** Allowed breaches: { rule, from, to, reason }. `from`/`to` are path regexes. Keep at most five. */
const EXCEPTIONS = [
  {
    rule: 'no-sibling-source',
    from: '^ingest/(bio)/detect\\.ts$',
    to: '^ingest/genomeamr/content\\.ts$',
    reason: 'bio format detection recognises GenomeAMRAnalyzer files by the same content tests the genomeamr readers use; one way only (genomeamr never imports bio)',
  },
  {
    rule: 'graphql-below-http',
    from: '^src/graphql/yoga\\.ts$',
    to: '^src/http/graphiql/',
    reason: "Yoga's graphiql option takes the page renderer, which serves files and so belongs to the HTTP layer",
  },
];

const except = (name) => EXCEPTIONS.filter((e) => e.rule === name);
const list = (x) => (x === undefined ? [] : [x].flat());

/**
 * A forbidden rule with its exceptions folded in: the exempt files are held to the rule for every target but the
 * excepted one (depcruise has no per-pair exceptions, so an excepted rule becomes two).
 */
function rule(name, comment, from, to) {
  const exempt = except(name);
  if (exempt.length === 0) return [{ name, severity: 'error', comment, from, to }];
  return [
    { name, severity: 'error', comment, from: { ...from, pathNot: [...list(from.pathNot), ...exempt.map((e) => e.from)] }, to },
    ...exempt.map((e) => ({ name, severity: 'error', comment, from: { path: e.from }, to: { ...to, pathNot: [...list(to.pathNot), e.to] } })),
  ];
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'no import cycles: a module never reaches itself again through its imports',
      from: { path: '^(src|ingest)/' },
      // A lazily loaded action that imports only a type back from its command (src/cli) is no cycle at run time.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...rule('db-is-the-bottom', 'src/db knows nothing above it', { path: '^src/db/' }, { path: '^src/(app|cli|demo|graphql|http|ingestion|loaders|services)/' }),
    ...rule(
      'services-never-import-graphql',
      'services are the domain: never the GraphQL or HTTP layer, nor the CLI',
      { path: '^src/services/' },
      { path: ['^src/(graphql|http|cli)/', '^node_modules/(graphql|graphql-yoga|@graphql-yoga)/'] },
    ),
    ...rule(
      'services-below-app',
      'src/app composes the services: a service may name the context type, never call into the composition root',
      { path: '^src/services/' },
      { path: '^src/app/', dependencyTypesNot: ['type-only'] },
    ),
    ...rule('graphql-below-http', 'the GraphQL layer never imports HTTP or the CLI', { path: '^src/graphql/' }, { path: '^src/(http|cli)/' }),
    ...rule('resolvers-through-services', 'the GraphQL layer reads Neo4j through services and loaders, never src/db', { path: '^src/graphql/' }, { path: '^src/db/', dependencyTypesNot: ['type-only'] }),
    ...rule('http-below-cli', 'the HTTP layer never imports the CLI', { path: '^src/http/' }, { path: '^src/cli/' }),
    ...rule(
      'graphql-reads-ingest-only-through-common',
      'src/graphql may use the URNs and helpers of ingest/common and the graph types, nothing else of ingest/',
      { path: '^src/graphql/' },
      { path: '^ingest/', pathNot: ['^ingest/common/', '^ingest/core/graph\\.ts$'] },
    ),
    ...rule('ingest-never-imports-src', 'ingest/ is pure parsing and mapping: never src/', { path: '^ingest/' }, { path: '^src/' }),
    ...rule(
      'no-sibling-source',
      'an ingest/<source> imports only itself, ingest/common and the graph types (ingest/core/graph.ts)',
      { path: `^ingest/([^/]+)/`, pathNot: `^ingest/(${SHARED_INGEST})/` },
      { path: '^ingest/', pathNot: ['^ingest/$1/', '^ingest/common/', '^ingest/core/graph\\.ts$'] },
    ),
    ...rule(
      'common-is-the-bottom-of-ingest',
      'ingest/common imports only itself and the graph types',
      { path: '^ingest/common/' },
      { path: '^(src|ingest)/', pathNot: ['^ingest/common/', '^ingest/core/graph\\.ts$'] },
    ),
    ...rule(
      'ingest-never-imports-graphql',
      'ingest/ never imports graphql',
      { path: '^ingest/' },
      { path: '^node_modules/(graphql|graphql-yoga|@graphql-yoga)/' },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|\\.neo4j)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
    moduleSystems: ['es6', 'cjs'],
  },
};

// Read by the architecture test; not enumerable, so depcruise's configuration schema does not see it.
Object.defineProperty(module.exports, 'EXCEPTIONS', { value: EXCEPTIONS, enumerable: false });
