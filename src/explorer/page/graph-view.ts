import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import type { Badges } from './badges.js';
import { colourOf, TEXT_COLOUR } from './colors.js';
import { layeredPositions } from './layered-layout.js';
import { labelOf, type ViewModel } from './model.js';

cytoscape.use(dagre);

/**
 * Above this many nodes the canvas trades decoration for speed: the linear layered layout instead of dagre (whose
 * network-simplex ranking lays out small views best but takes minutes on thousands of nodes), sizes from label
 * lengths, no arrows, textures while panning.
 */
const LARGE = 300;

export interface GraphCallbacks {
  onSelect(urn: string): void;
}

/** The cytoscape canvas: draws a ViewModel left to right (dagre), coloured by type, with badges and highlights. */
export class GraphView {
  cy: Core;
  private large = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly callbacks: GraphCallbacks,
  ) {
    this.cy = this.create(false);
  }

  /** Large graphs get a canvas that reuses a texture while the viewport moves (an option fixed at creation). */
  private create(large: boolean): Core {
    const cy = cytoscape({
      container: this.container,
      style: baseStyle(large),
      minZoom: 0.02,
      maxZoom: 3,
      boxSelectionEnabled: false,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
    });
    cy.on('tap', 'node', (event) => this.callbacks.onSelect(event.target.id()));
    if (large) labelVisibleNodes(cy);
    this.large = large;
    return cy;
  }

  /** Milliseconds of the last render's phases (build, layout, paint), for the browser benchmark. */
  phases: Record<string, number> = {};

  /** Redraws the whole model and lays it out; resolves once the graph has been laid out and painted. */
  render(model: ViewModel, root: string | undefined, badges: Badges): Promise<void> {
    let t = performance.now();
    const phase = (name: string) => {
      const now = performance.now();
      this.phases[name] = Math.round(now - t);
      t = now;
    };
    const large = model.nodes.size > LARGE;
    const elements: ElementDefinition[] = [];
    const repeated = model.repeatedNames();
    for (const n of model.nodes.values()) {
      const c = colourOf(n.type);
      const label = labelOf(n, repeated);
      elements.push({
        group: 'nodes',
        // Large views get sizes from the label's length: measuring thousands of labels is most of their draw time.
        data: { id: n.urn, label: large ? label : breakable(label), base: large ? label : breakable(label), fill: c.fill, stroke: c.stroke, type: n.type, w: Math.min(220, 16 + label.length * 7), h: 28 },
        classes: [n.urn === root ? 'root' : '', n.frontier ? 'frontier' : ''].filter(Boolean),
      });
    }
    for (const [key, e] of model.edges) elements.push({ group: 'edges', data: { id: key, source: e.source, target: e.target, type: e.type } });
    if (large !== this.large) {
      this.cy.destroy();
      this.cy = this.create(large);
    }
    const cy = this.cy;
    cy.startBatch();
    cy.elements().remove();
    cy.add(elements);
    cy.endBatch();
    this.applyBadges(badges);
    phase('build');
    phase('style');
    const layout = cy.layout(large ? this.presetLayout() : {
      name: 'dagre',
      rankDir: 'LR',
      nodeSep: 10,
      rankSep: 60,
      fit: true,
      padding: 24,
      animate: false,
    } as cytoscape.LayoutOptions);
    return new Promise((resolve) => {
      layout.one('layoutstop', () => {
        // A handful of nodes would otherwise be blown up to the maximum zoom.
        if (!large && cy.zoom() > 1.25) {
          cy.zoom(1.25);
          cy.center();
        }
        phase('layout');
        cy.one('render', () =>
          requestAnimationFrame(() => {
            phase('paint');
            resolve();
          }),
        );
        cy.forceRender();
      });
      layout.run();
    });
  }

  /** Positions from the linear layered layout, applied in one preset layout. */
  private presetLayout(): cytoscape.LayoutOptions {
    const nodes = this.cy.nodes();
    const positions = layeredPositions(
      nodes.map((n) => n.id()),
      this.cy.edges().map((e) => ({ source: e.data('source') as string, target: e.data('target') as string })),
      (id) => {
        const data = this.cy.getElementById(id).data() as { w: number; h: number };
        return { w: data.w, h: data.h };
      },
      { rankSep: 90, nodeSep: 10 },
    );
    // Fitted from the computed positions: cytoscape's own fit would measure every label for the bounding box.
    let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of positions.values()) [x1, y1, x2, y2] = [Math.min(x1, p.x), Math.min(y1, p.y), Math.max(x2, p.x), Math.max(y2, p.y)];
    const pad = 140;
    const zoom = Math.min(this.cy.width() / (x2 - x1 + pad), this.cy.height() / (y2 - y1 + pad), 1);
    return {
      name: 'preset',
      positions: (node: cytoscape.NodeSingular) => positions.get(node.id()) ?? { x: 0, y: 0 },
      fit: false,
      zoom,
      pan: { x: this.cy.width() / 2 - ((x1 + x2) / 2) * zoom, y: this.cy.height() / 2 - ((y1 + y2) / 2) * zoom },
      animate: false,
    } as cytoscape.LayoutOptions;
  }

  applyBadges(badges: Badges): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((node) => {
        const list = badges.get(node.id());
        const base = String(node.data('base'));
        if (list?.length) {
          node.data('label', `${base}\n${list.map((b) => `⚠ ${b.kind.label(b.count)}`).join(' · ')}`);
          node.data('badgeColour', list[0]!.kind.colour);
          node.addClass('badged');
        } else {
          node.data('label', base);
          node.removeClass('badged');
        }
      });
    });
  }

  select(urn: string | undefined): void {
    this.cy.nodes(':selected').unselect();
    if (!urn) return;
    const node = this.cy.getElementById(urn);
    if (node.nonempty()) {
      node.select();
      if (!node.renderedBoundingBox() || this.cy.nodes().length < LARGE) this.cy.animate({ center: { eles: node } }, { duration: 150 });
    }
  }

  highlightPath(urns: string[]): void {
    this.cy.elements().removeClass('on-path');
    const set = new Set(urns);
    const nodes = this.cy.nodes().filter((n) => set.has(n.id()));
    nodes.addClass('on-path');
    nodes.edgesWith(nodes).addClass('on-path');
  }

  async png(): Promise<Blob> {
    return this.cy.png({ output: 'blob-promise', full: true, bg: '#ffffff', scale: 2, maxWidth: 8000, maxHeight: 8000 });
  }
}

/** Large views: after the viewport settles, nodes inside it get their labels when the zoom makes them readable. */
function labelVisibleNodes(cy: Core): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  cy.on('viewport', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const labelled = cy.nodes('.labelled');
      if (cy.zoom() < 0.45) return void labelled.removeClass('labelled');
      const e = cy.extent();
      const inside = cy.nodes().filter((n) => {
        const p = n.position();
        return p.x >= e.x1 && p.x <= e.x2 && p.y >= e.y1 && p.y <= e.y2;
      });
      cy.batch(() => {
        labelled.difference(inside).removeClass('labelled');
        inside.addClass('labelled');
      });
    }, 120);
  });
}

/** Long dbt names (`int_marketing__int_attribution_last_click`) wrap after `__` and `.` instead of widening the node. */
function breakable(label: string): string {
  return label.length > 24 ? label.replace(/(__|\.)(?=.)/g, '$1\n') : label;
}

function baseStyle(large: boolean): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        // Large views label only what is on screen and readable (labelVisibleNodes): measuring thousands of labels
        // was most of their first paint.
        label: large ? '' : 'data(label)',
        'background-color': 'data(fill)',
        'border-color': 'data(stroke)',
        'border-width': 2,
        color: TEXT_COLOUR,
        'font-size': 13,
        'font-family': 'system-ui, sans-serif',
        'text-valign': 'center',
        'text-halign': 'center',
        'text-wrap': 'wrap',
        'text-max-width': '180px',
        width: large ? 'data(w)' : 'label',
        height: large ? 'data(h)' : 'label',
        padding: large ? '0px' : '8px',
        // Large views: labels vanish when they would be unreadable anyway (the biggest saving in drawing time).
        'min-zoomed-font-size': large ? 7 : 0,
      },
    },
    { selector: 'node.labelled, node.root, node.badged, node:selected, node.on-path', style: { label: 'data(label)' } },
    { selector: 'node.root', style: { 'border-width': 4, 'font-weight': 'bold' } },
    { selector: 'node.frontier', style: { 'border-style': 'dashed' } },
    { selector: 'node.badged', style: { 'border-color': 'data(badgeColour)', 'border-width': 3, 'underlay-color': 'data(badgeColour)', 'underlay-opacity': 0.15, 'underlay-padding': 4 } },
    { selector: 'node:selected', style: { 'overlay-color': '#2563eb', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
    { selector: 'node.on-path', style: { 'border-color': '#2563eb', 'border-width': 5 } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': '#6b7280',
        'target-arrow-color': '#6b7280',
        // Haystack edges (straight, no arrows) draw fastest; left-to-right placement still shows the direction.
        'target-arrow-shape': large ? 'none' : 'triangle',
        'curve-style': large ? 'haystack' : 'bezier',
        'arrow-scale': 0.9,
      },
    },
    { selector: 'edge[type = "DERIVED_FROM"], edge[type = "FEEDS_EXPOSURE"]', style: { 'line-style': 'solid', 'line-color': '#64748b' } },
    { selector: 'edge.on-path', style: { width: 4, 'line-color': '#2563eb', 'target-arrow-color': '#2563eb' } },
  ];
}
