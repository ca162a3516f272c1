import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRAPHIQL_ASSET_PREFIX, renderLocalGraphiQL } from '../../../../../src/http/graphiql/graphiql-page.js';

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir)) {
    const full = path.join(dir, e);
    if (statSync(full).isDirectory()) yield* files(full);
    else yield full;
  }
}

describe('GraphiQL offline', () => {
  it('names its assets by the version of the installed package that bundles them (cache busting)', () => {
    const pkg = JSON.parse(readFileSync('node_modules/@graphql-yoga/render-graphiql/package.json', 'utf8')) as { version: string };
    expect(GRAPHIQL_ASSET_PREFIX).toBe(`/graphiql-assets/${pkg.version}`);
  });

  it('renders a page that cannot be broken out of by its options', () => {
    const html = renderLocalGraphiQL({ title: '<b>x</b>', defaultQuery: '</script><script>alert(1)</script>' });
    expect(html).not.toContain('</script><script>alert');
    expect(html).toContain('&#60;b&#62;x&#60;/b&#62;');
  });

  it('no source file loads anything from a CDN', () => {
    const cdn = /unpkg\.com|jsdelivr|cdnjs|esm\.sh|skypack|googleapis\.com/;
    const offenders = [...files('src')].filter((f) => cdn.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
