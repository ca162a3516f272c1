import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * Where GraphiQL's own assets are served (src/http/graphiql/graphiql-assets.ts). Versioned by the package that bundles
 * them, so browsers may cache them for good; nothing is loaded from another host (the page works offline).
 */
export const GRAPHIQL_ASSET_PREFIX = '/graphiql-assets/5.24.1';

/**
 * Yoga's `renderGraphiQL` hook: the page Yoga's default renderer would build, but with its script, style sheet and
 * Monaco workers pointing at this server instead of a CDN. @graphql-yoga/render-graphiql would inline all of them
 * (9 MB in every page load); separate, cacheable files keep a reload cheap.
 */
export function renderLocalGraphiQL(opts: GraphiQLOptions): string {
  const a = GRAPHIQL_ASSET_PREFIX;
  const workers = { editorWorkerService: `${a}/editor.worker.js`, json: `${a}/json.worker.js`, graphql: `${a}/graphql.worker.js` };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(opts.title ?? 'GraphiQL')}</title>
<link rel="icon" href="${a}/favicon.ico">
<link rel="stylesheet" href="${a}/graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>You need to enable JavaScript to run GraphiQL.</noscript>
<div id="root"></div>
<script>
const workers = ${scriptJson(workers)};
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
</script>
<script src="${a}/graphiql.js"></script>
<script>YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(opts)});</script>
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that cannot close the surrounding <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
