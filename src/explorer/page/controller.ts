import { ApiError, gql } from './api.js';
import { fetchBadges, type Badges } from './badges.js';
import { byId } from './dom.js';
import { fullExportUrl } from './export.js';
import { GraphView } from './graph-view.js';
import { renderNodeList } from './lists.js';
import { ViewModel, type AnswerEdge, type AnswerNode } from './model.js';
import { clearPanel, renderPanel, renderPath, type PanelActions, type PathAnswer } from './panel.js';
import { DETAILS, IMPACT, LINEAGE, PATH, PROVENANCE } from './queries.js';
import { NODE_LIMIT, stateQuery, type Direction, type Level, type Mode, type ViewState } from './state.js';

const CAPSULE_TYPES = new Set(['Model', 'Source', 'Seed', 'Snapshot', 'Exposure', 'Metric', 'SemanticModel', 'SavedQuery', 'Analysis']);
export const lineageCapable = (type: string) => CAPSULE_TYPES.has(type) || type === 'Column';

interface GraphAnswer {
  nodes: AnswerNode[];
  edges: AnswerEdge[];
  truncated: boolean;
  truncatedFrontier?: string[];
}

/** Timings the browser test reads: opening a URL to a painted graph. */
export interface RenderMark {
  nodes: number;
  edges: number;
  /** performance.now() when the graph was laid out and painted (ms since navigation start). */
  at: number;
  /** Where the time went: waiting for the API, building the canvas and laying it out. */
  apiMs?: number;
  layoutMs?: number;
  phases?: Record<string, number>;
}
declare global {
  interface Window {
    /** Test and debugging hooks: when views were painted, and the canvas. */
    __explorer?: { renders: RenderMark[]; cy: () => unknown };
  }
}

/** Owns the view: loads lineage/provenance into the model, draws it, keeps the URL, the list and the panel in step. */
export class Controller {
  readonly model = new ViewModel();
  state: ViewState;
  private badges: Badges = new Map();
  /** Nodes whose badges were fetched for this view: an expansion asks only about the new ones. */
  private readonly badgesChecked = new Set<string>();
  private selected: string | undefined;
  private pathStart: string | undefined;
  private readonly graph: GraphView;
  private loadSeq = 0;
  private apiMs: number | undefined;

  constructor(initial: ViewState) {
    this.state = initial;
    this.graph = new GraphView(byId('cy'), { onSelect: (urn) => void this.select(urn) });
    window.__explorer = { renders: [], cy: () => this.graph.cy };
  }

  get view(): GraphView {
    return this.graph;
  }

  status(text: string, isError = false): void {
    const el = byId('status');
    el.textContent = text;
    el.classList.toggle('error', isError);
  }

  /** Opens the view the state names (the root's lineage or provenance), replacing what was shown. */
  async open(next: ViewState, push = true): Promise<void> {
    this.state = { ...next };
    if (!next.urn) return;
    const seq = ++this.loadSeq;
    this.syncUrl(push);
    this.status('Loading…');
    document.body.dataset.ready = 'false';
    try {
      const asked = performance.now();
      const answer = await this.fetchView(next);
      this.apiMs = performance.now() - asked;
      if (seq !== this.loadSeq) return;
      this.model.clear();
      this.model.merge(answer.nodes, answer.edges, answer.truncatedFrontier ?? []);
      this.badges = new Map();
      this.badgesChecked.clear();
      this.pathStart = undefined;
      await this.redraw();
      this.status(`${this.model.nodes.size} nodes, ${this.model.edges.size} edges${answer.truncated ? ' — truncated: expand the dashed nodes for more' : ''}`);
      void this.refreshBadges();
      if (!this.selected || !this.model.nodes.has(this.selected)) void this.select(next.urn, false);
    } catch (error) {
      if (seq === this.loadSeq) this.fail(error);
    }
  }

  private async fetchView(s: ViewState): Promise<GraphAnswer> {
    if (s.mode === 'LINEAGE') {
      const data = await gql<{ lineage: GraphAnswer }>(LINEAGE, { urn: s.urn, direction: s.direction, depth: s.depth, level: s.level, limit: NODE_LIMIT });
      return data.lineage;
    }
    const data = await gql<{ provenance: GraphAnswer }>(PROVENANCE, { urn: s.urn, direction: s.mode, depth: Math.min(s.depth, 25), limit: NODE_LIMIT });
    return data.provenance;
  }

  /** One hop more from any node, upstream or downstream (lineage), merged into the view. */
  async expand(urn: string, way: Direction): Promise<void> {
    const node = this.model.nodes.get(urn);
    const level: Level = node?.type === 'Column' ? 'COLUMN' : 'TABLE';
    this.status(`Expanding ${way.toLowerCase()}…`);
    try {
      const data = await gql<{ lineage: GraphAnswer }>(LINEAGE, { urn, direction: way, depth: 1, level, limit: NODE_LIMIT });
      this.model.expanded(urn);
      const added = this.model.merge(data.lineage.nodes, data.lineage.edges, data.lineage.truncatedFrontier ?? []);
      await this.redraw();
      this.graph.select(urn);
      this.status(`${added.length} node${added.length === 1 ? '' : 's'} added ${way.toLowerCase()} of ${node?.name ?? urn}`);
      void this.refreshBadges();
    } catch (error) {
      this.fail(error);
    }
  }

  async select(urn: string, focusPanel = true): Promise<void> {
    this.selected = urn;
    this.graph.select(urn);
    renderNodeList(byId('node-list'), this.model, this.badges, urn);
    const node = this.model.nodes.get(urn);
    const type = node?.type ?? '';
    const capable = lineageCapable(type);
    try {
      const [details, impact] = await Promise.all([
        gql<{ node: Record<string, unknown> | null }>(DETAILS, { urn }),
        capable ? gql<{ impact: Record<string, unknown> }>(IMPACT, { urn, level: type === 'Column' ? 'COLUMN' : 'TABLE' }).catch(() => null) : Promise.resolve(null),
      ]);
      if (this.selected !== urn) return;
      const panel = byId('panel');
      renderPanel(
        panel,
        { urn, type: details.node?.type ? String(details.node.type) : type, name: node?.name ?? urn, details: details.node, impact: impact?.impact ?? null, lineageCapable: capable, pathStart: this.pathStart },
        this.panelActions(),
      );
      if (focusPanel) panel.focus();
    } catch (error) {
      this.fail(error);
    }
  }

  private panelActions(): PanelActions {
    return {
      expand: (urn, way) => void this.expand(urn, way),
      openLineage: (urn) => {
        const type = this.model.nodes.get(urn)?.type;
        void this.open({ ...this.state, urn, mode: 'LINEAGE', level: type === 'Column' ? 'COLUMN' : 'TABLE' });
      },
      openProvenance: (urn, direction) => void this.open({ ...this.state, urn, mode: direction }),
      pathFrom: (urn) => {
        this.pathStart = urn;
        this.status(`Path starts at ${this.model.nodes.get(urn)?.name ?? urn}: select another node and choose "Path to here".`);
        void this.select(urn, false);
      },
      pathTo: (urn) => void this.findPath(this.pathStart, urn),
      close: () => {
        clearPanel(byId('panel'));
        this.selected = undefined;
        this.graph.select(undefined);
        document.querySelector<HTMLElement>(`#node-list li[tabindex="0"]`)?.focus();
      },
    };
  }

  /** lineagePath between two nodes: the path's nodes join the view and are highlighted. */
  async findPath(from: string | undefined, to: string): Promise<void> {
    if (!from) return;
    const level: Level = this.model.nodes.get(to)?.type === 'Column' ? 'COLUMN' : 'TABLE';
    try {
      const data = await gql<{ lineagePath: Array<PathAnswer & { edges: AnswerEdge[]; nodes: AnswerNode[] }> }>(PATH, { from, to, level });
      const best = data.lineagePath[0];
      if (best) {
        this.model.merge(best.nodes, best.edges);
        await this.redraw();
        this.graph.highlightPath(best.nodes.map((n) => n.urn));
      }
      renderPath(byId('panel'), from, to, data.lineagePath);
      this.status(best ? `Path of ${best.length} hop${best.length === 1 ? '' : 's'} (${best.direction.toLowerCase()})` : 'No path between these nodes');
    } catch (error) {
      this.fail(error);
    }
  }

  private async redraw(): Promise<void> {
    const listed = performance.now();
    renderNodeList(byId('node-list'), this.model, this.badges, this.selected);
    byId('node-count').textContent = `(${this.model.nodes.size})`;
    const drawing = performance.now();
    const listMs = Math.round(drawing - listed);
    await this.graph.render(this.model, this.state.urn, this.badges);
    const at = performance.now();
    window.__explorer?.renders.push({ nodes: this.model.nodes.size, edges: this.model.edges.size, at, apiMs: this.apiMs, layoutMs: at - drawing, phases: { list: listMs, ...this.graph.phases } });
    this.apiMs = undefined;
    document.body.dataset.ready = 'true';
    this.updateFullExport();
  }

  private async refreshBadges(): Promise<void> {
    const nodes = [...this.model.nodes.values()].filter((n) => !this.badgesChecked.has(n.urn));
    for (const n of nodes) this.badgesChecked.add(n.urn);
    const seq = this.loadSeq;
    const found = await fetchBadges(nodes);
    if (seq !== this.loadSeq) return;
    for (const [urn, list] of found) this.badges.set(urn, list);
    this.graph.applyBadges(this.badges);
    renderNodeList(byId('node-list'), this.model, this.badges, this.selected);
    document.body.dataset.badges = String(this.badges.size);
  }

  private updateFullExport(): void {
    const link = byId<HTMLAnchorElement>('full-export');
    const s = this.state;
    const usable = Boolean(s.urn) && s.mode === 'LINEAGE';
    link.hidden = !usable;
    if (usable) link.href = fullExportUrl(s.urn!, s.direction, s.depth);
  }

  syncUrl(push: boolean): void {
    const url = `${location.pathname}${stateQuery(this.state)}`;
    if (url === `${location.pathname}${location.search}`) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  fail(error: unknown): void {
    const message = error instanceof ApiError ? `${error.message}${error.code ? ` (${error.code})` : ''}` : (error as Error).message;
    this.status(message, true);
    document.body.dataset.ready = 'error';
  }

  setMode(mode: Mode): void {
    this.state.mode = mode;
  }
}
