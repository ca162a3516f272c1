import './style.css';
import { authHeaders, gql } from './api.js';
import { Controller, lineageCapable } from './controller.js';
import { byId, h, listKeyboard } from './dom.js';
import { download, toGraphML, toMermaid } from './export.js';
import { allColours } from './colors.js';
import { renderSearchResults, type SearchHit } from './lists.js';
import { DETAILS, SEARCH } from './queries.js';
import { parseState, stateQuery, type Direction, type Level, type Mode, type ViewState } from './state.js';

const controller = new Controller(parseState(location.search));
const searchInput = byId<HTMLInputElement>('search-input');
const searchPane = byId('search-pane');
const results = byId('search-results');
const nodeList = byId('node-list');
const modeSelect = byId<HTMLSelectElement>('mode');
const directionSelect = byId<HTMLSelectElement>('direction');
const depthInput = byId<HTMLInputElement>('depth');
const columnChoice = byId<HTMLSelectElement>('column-choice');

function showControls(s: ViewState): void {
  modeSelect.value = s.mode;
  directionSelect.value = s.direction;
  directionSelect.disabled = s.mode !== 'LINEAGE';
  depthInput.value = String(s.depth);
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="level"]')) {
    radio.checked = radio.value === s.level;
    radio.disabled = s.mode !== 'LINEAGE';
  }
  columnChoice.hidden = !(s.mode === 'LINEAGE' && s.level === 'COLUMN' && columnChoice.options.length > 0);
}

async function open(s: ViewState, push = true): Promise<void> {
  showControls(s);
  await controller.open(s, push);
}

// ---- search -------------------------------------------------------------------------------------------------
function hitName(node: Record<string, unknown>): { name: string; context?: string } {
  const capsule = node.capsule as { capsuleName?: string } | null | undefined;
  const name = node.capsuleName ?? node.columnName ?? node.symbol ?? node.accession ?? node.runName ?? node.jobName ?? node.datasetName ?? node.fileName ?? node.urn;
  const context = capsule?.capsuleName ?? (node.namespace as string | undefined) ?? (node.geneName as string | undefined) ?? (node.proteinName as string | undefined);
  return { name: String(name), ...(context ? { context: String(context) } : {}) };
}

async function search(text: string, push = true): Promise<void> {
  const q = text.trim();
  if (!q) return;
  searchInput.value = q;
  searchPane.hidden = false;
  if (!controller.state.urn) {
    controller.state = { ...controller.state, q };
    controller.syncUrl(push);
  }
  results.setAttribute('aria-busy', 'true');
  try {
    const data = await gql<{ search: { edges: Array<{ node: Record<string, unknown> & { urn: string; type: string } }> } }>(SEARCH, { text: q });
    const hits: SearchHit[] = data.search.edges.map(({ node }) => ({ urn: node.urn, type: node.type, ...hitName(node) }));
    renderSearchResults(results, hits);
    document.body.dataset.search = 'done';
  } catch (error) {
    controller.fail(error);
  } finally {
    results.removeAttribute('aria-busy');
  }
}

byId<HTMLFormElement>('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void search(searchInput.value);
});
searchInput.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown') {
    e.preventDefault();
    results.querySelector<HTMLElement>('li[data-urn]')?.focus();
  }
});
listKeyboard(results, (item) => {
  const urn = item.dataset.urn;
  if (!urn) return;
  const type = item.dataset.type ?? '';
  const capable = lineageCapable(type);
  const s = controller.state;
  void open({ ...s, urn, q: undefined, mode: capable ? 'LINEAGE' : s.mode === 'LINEAGE' ? 'HOW_MADE' : s.mode, level: type === 'Column' ? 'COLUMN' : 'TABLE' });
});

// ---- node list (keyboard twin of the canvas) ----------------------------------------------------------------
listKeyboard(
  nodeList,
  (item) => item.dataset.urn && void controller.select(item.dataset.urn),
  (e, item) => {
    const urn = item.dataset.urn;
    if (!urn || !lineageCapable(item.dataset.type ?? '')) return;
    if (e.key === 'u') void controller.expand(urn, 'UPSTREAM');
    if (e.key === 'd') void controller.expand(urn, 'DOWNSTREAM');
  },
);

// ---- view controls ------------------------------------------------------------------------------------------
modeSelect.addEventListener('change', () => void open({ ...controller.state, mode: modeSelect.value as Mode }));
directionSelect.addEventListener('change', () => void open({ ...controller.state, direction: directionSelect.value as Direction }));
depthInput.addEventListener('change', () => {
  const depth = Math.min(Math.max(Number.parseInt(depthInput.value, 10) || 1, 1), 50);
  void open({ ...controller.state, depth });
});

/** Column lineage starts at a column: switching a table's view to columns follows one of its columns (chosen here). */
async function switchLevel(level: Level): Promise<void> {
  const s = controller.state;
  if (!s.urn || level === s.level) return;
  if (level === 'TABLE') {
    const capsule = controller.model.nodes.get(s.urn)?.capsuleUrn ?? s.urn.split('#')[0];
    columnChoice.hidden = true;
    return open({ ...s, urn: capsule, level });
  }
  const data = await gql<{ node: { columns?: Array<{ urn: string; name: string }> } | null }>(DETAILS, { urn: s.urn });
  const columns = data.node?.columns ?? [];
  if (columns.length === 0) {
    controller.status('This node has no columns: column lineage starts from a column.', true);
    showControls(s);
    return;
  }
  columnChoice.replaceChildren(...columns.map((c) => h('option', { value: c.urn }, c.name)));
  return open({ ...s, urn: columns[0]!.urn, level });
}
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="level"]')) {
  radio.addEventListener('change', () => radio.checked && void switchLevel(radio.value as Level));
}
columnChoice.addEventListener('change', () => void open({ ...controller.state, urn: columnChoice.value, level: 'COLUMN' }));

// ---- export -------------------------------------------------------------------------------------------------
const baseName = () => (controller.state.urn ?? 'view').replace(/[^A-Za-z0-9_.-]+/g, '_').slice(-80);
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-export]')) {
  button.addEventListener('click', async () => {
    const kind = button.dataset.export;
    if (kind === 'graphml') download(`${baseName()}.graphml`, toGraphML(controller.model), 'application/graphml+xml');
    if (kind === 'mermaid') download(`${baseName()}.mmd`, toMermaid(controller.model), 'text/vnd.mermaid');
    if (kind === 'png') download(`${baseName()}.png`, await controller.view.png());
  });
}
// The full export needs the bearer key, which a plain link cannot send: fetch it and save the answer.
byId<HTMLAnchorElement>('full-export').addEventListener('click', async (e) => {
  e.preventDefault();
  const href = (e.currentTarget as HTMLAnchorElement).href;
  const res = await fetch(href, { headers: authHeaders() });
  if (!res.ok) return controller.status(`Full export failed: HTTP ${res.status}`, true);
  download(`${baseName()}-lineage.graphml`, await res.blob());
});

// ---- legend, keys, history ----------------------------------------------------------------------------------
byId('legend').replaceChildren(
  ...allColours().map((c) => h('span', { class: 'legend-item' }, h('span', { class: 'swatch', style: `background:${c.fill};border-color:${c.stroke}` }), c.group)),
);
document.addEventListener('keydown', (e) => {
  const typing = (e.target as HTMLElement).matches('input, select, textarea');
  if (e.key === '/' && !typing) {
    e.preventDefault();
    searchInput.focus();
  } else if (e.key === 'Escape') {
    byId('panel').querySelector<HTMLButtonElement>('button.close')?.click();
  }
});
window.addEventListener('popstate', () => void boot(false));

async function boot(push: boolean): Promise<void> {
  const s = parseState(location.search);
  showControls(s);
  if (s.q) await search(s.q, push);
  if (s.urn) await open(s, false);
  else if (!s.q) controller.status('Search for a model, column, run or gene to open its lineage.');
  if (stateQuery(s) !== location.search) controller.syncUrl(false);
}
void boot(false);
