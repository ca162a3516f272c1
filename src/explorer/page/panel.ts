import { h } from './dom.js';

/** The side panel: details of the selected node, its impact, actions, and the path between two nodes. */

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export interface PanelActions {
  expand(urn: string, way: 'UPSTREAM' | 'DOWNSTREAM'): void;
  openLineage(urn: string): void;
  openProvenance(urn: string, direction: 'HOW_MADE' | 'WHAT_USED'): void;
  pathFrom(urn: string): void;
  pathTo(urn: string): void;
  close(): void;
}

export interface PanelInput {
  urn: string;
  type: string;
  name: string;
  details: Json | null;
  impact: Json | null;
  /** Lineage applies (capsules and columns); provenance applies to everything. */
  lineageCapable: boolean;
  pathStart: string | undefined;
}

function section(title: string, testid: string, ...body: Array<Node | null>): HTMLElement | null {
  const content = body.filter((b): b is Node => b !== null);
  if (content.length === 0) return null;
  return h('section', { 'data-testid': testid }, h('h3', {}, title), ...content);
}

function facts(pairs: Array<[string, unknown]>): HTMLElement | null {
  const shown = pairs.filter(([, v]) => str(v) !== '');
  if (shown.length === 0) return null;
  return h('dl', { class: 'facts' }, ...shown.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, str(v))]));
}

function lastResult(test: Json): string {
  const r = arr(test.results)[0];
  return r ? str(r.status) : 'no result';
}

function testsList(tests: Json[]): HTMLElement | null {
  if (tests.length === 0) return null;
  return h(
    'ul',
    { class: 'tests' },
    ...tests.map((t) => {
      const status = lastResult(t);
      return h('li', { 'data-status': status }, h('span', { class: `status status-${status.replace(/\s/g, '-')}` }, status), ' ', str(t.testName || t.name));
    }),
  );
}

function columnsTable(columns: Json[]): HTMLElement | null {
  if (columns.length === 0) return null;
  return h(
    'table',
    { class: 'columns' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Column'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Tests'))),
    h(
      'tbody',
      {},
      ...columns.map((c) =>
        h(
          'tr',
          { 'data-urn': str(c.urn) },
          h('th', { scope: 'row' }, str(c.name)),
          h('td', {}, str(c.dataType)),
          h('td', {}, arr(c.tests).map((t) => `${str(t.testName || t.name)}: ${lastResult(t)}`).join(', ')),
        ),
      ),
    ),
  );
}

function runsList(runs: Json[], describe: (r: Json) => string): HTMLElement | null {
  if (runs.length === 0) return null;
  return h('ul', { class: 'runs' }, ...runs.map((r) => h('li', {}, describe(r))));
}

function impactSection(impact: Json | null): HTMLElement | null {
  if (!impact) return null;
  const byType = arr(impact.byType).map((c) => `${str(c.count)} ${str(c.key)}`).join(', ');
  const owners = arr(impact.owners).map((c) => `${str(c.name || c.key)} (${str(c.count)})`).join(', ');
  const exposures = arr(impact.exposures).map((e) => str(e.name)).join(', ');
  return section(
    'Impact downstream',
    'impact',
    h('p', { class: 'impact-total' }, `${str(impact.total)} affected node${impact.total === 1 ? '' : 's'}${impact.truncated ? ' (at least)' : ''}`),
    facts([
      ['By type', byType],
      ['Owners', owners],
      ['Exposures', exposures],
      ['Tests affected', impact.testsAffected],
    ]),
  );
}

export function renderPanel(panel: HTMLElement, input: PanelInput, actions: PanelActions): void {
  const d = input.details ?? {};
  const description = str(d.description ?? d.columnDescription ?? d.datasetDescription ?? d.jobDescription);
  const owners = arr(d.owners).map((o) => str(o.name || o.email || o.urn)).join(', ');
  const tags = (Array.isArray(d.tagNames) ? (d.tagNames as string[]) : []).join(', ');
  const capsuleTests = arr(d.tests);
  const dbtRuns = arr(d.runResults);
  const generatedBy = arr(d.generatedBy);
  const button = (label: string, onclick: () => void, testid?: string) => h('button', { type: 'button', onclick, 'data-testid': testid }, label);

  const actionsBar = h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': 'Actions on this node' },
    input.lineageCapable ? button('Expand upstream', () => actions.expand(input.urn, 'UPSTREAM'), 'expand-upstream') : null,
    input.lineageCapable ? button('Expand downstream', () => actions.expand(input.urn, 'DOWNSTREAM'), 'expand-downstream') : null,
    input.lineageCapable ? button('Lineage from here', () => actions.openLineage(input.urn), 'open-lineage') : null,
    button('How made', () => actions.openProvenance(input.urn, 'HOW_MADE'), 'prov-how-made'),
    button('What used', () => actions.openProvenance(input.urn, 'WHAT_USED'), 'prov-what-used'),
    input.lineageCapable ? button('Path from here', () => actions.pathFrom(input.urn), 'path-from') : null,
    input.lineageCapable && input.pathStart && input.pathStart !== input.urn ? button('Path to here', () => actions.pathTo(input.urn), 'path-to') : null,
  );

  const children: Array<Node | null> = [
    h(
      'header',
      {},
      h('h2', { id: 'panel-title', 'data-testid': 'panel-title' }, input.name),
      h('p', { class: 'type' }, input.type),
      h('p', { class: 'urn' }, h('code', {}, input.urn)),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close details', onclick: () => actions.close() }, '×'),
    ),
    actionsBar,
    description ? h('p', { class: 'description', 'data-testid': 'description' }, description) : null,
    facts([
      ['Owner', owners],
      ['Tags', tags],
      ['Layer', d.layer],
      ['Materialized', d.materialization],
      ['Table', d.physicalName],
      ['Data type', d.dataType],
      ['Namespace', d.namespace],
    ]),
    section('Columns', 'columns', columnsTable(arr(d.columns ?? d.datasetColumns))),
    section('Tests', 'tests', testsList(capsuleTests)),
    section(
      'Runs that built it',
      'runs',
      runsList(dbtRuns, (r) => {
        const inv = (r.invocation ?? {}) as Json;
        return `${str(r.status)} · ${str(r.completedAt)} · dbt ${str(inv.command)} ${str(inv.invocationId)}`.trim();
      }),
      runsList(generatedBy, (r) => `${str(r.runName || r.urn)} · ${str(r.status)} · ${str(r.startedAt)}`),
    ),
    section(
      'Run',
      'run',
      facts([
        ['Status', d.status],
        ['Kind', d.kind],
        ['Started', d.startedAt],
        ['Ended', d.endedAt],
        ['Job', (d.job as Json | null)?.jobName],
      ]),
      runsList(arr(d.inputs), (a) => `used ${str(a.artifactName || a.urn)} (${str(a.type)})`),
      runsList(arr(d.outputs), (a) => `generated ${str(a.artifactName || a.urn)} (${str(a.type)})`),
    ),
    section(
      'Gene',
      'gene',
      input.type === 'Gene'
        ? facts([
            ['Symbol', d.symbol],
            ['Name', d.geneName],
            ['HGNC', d.hgncId],
            ['Location', d.location],
            ['Locus type', d.locusType],
            ['Status', d.geneStatus],
            ['Proteins', arr(d.proteins).map((p) => `${str(p.accession)} ${str(p.proteinName)}`.trim()).join(', ')],
          ])
        : null,
    ),
    section(
      'Protein',
      'protein',
      input.type === 'Protein'
        ? facts([
            ['Accession', d.accession],
            ['Name', d.proteinName],
            ['Organism', d.organism],
            ['Length', d.length],
            ['Reviewed', d.reviewed],
            ['Genes', arr(d.genes).map((g) => str(g.symbol || g.hgncId)).join(', ')],
          ])
        : null,
    ),
    impactSection(input.impact),
    h('section', { id: 'path-result', 'data-testid': 'path-result', 'aria-live': 'polite' }),
  ];
  panel.replaceChildren(...children.filter((c): c is Node => c !== null));
}

/** The panel keeps its place (the canvas never changes size under the user): empty, it says what to do. */
export function clearPanel(panel: HTMLElement): void {
  panel.replaceChildren(h('p', { class: 'hint' }, 'Select a node (click it, or Enter in the node list) to see its details.'));
}

export interface PathAnswer {
  direction: string;
  length: number;
  nodes: Array<{ urn: string; name?: string | null; type: string }>;
}

export function renderPath(panel: HTMLElement, from: string, to: string, paths: PathAnswer[]): void {
  const target = panel.querySelector<HTMLElement>('#path-result');
  if (!target) return;
  const best = paths[0];
  target.replaceChildren(
    h('h3', {}, 'Path'),
    best
      ? h(
          'ol',
          { class: 'path', 'data-length': best.length, 'data-direction': best.direction },
          ...best.nodes.map((n) => h('li', { 'data-urn': n.urn }, `${n.name ?? n.urn} (${n.type})`)),
        )
      : h('p', {}, `No lineage path between ${from} and ${to}.`),
  );
}
