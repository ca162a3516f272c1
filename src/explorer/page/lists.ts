import type { Badges } from './badges.js';
import { colourOf } from './colors.js';
import { h } from './dom.js';
import { labelOf, type ViewModel } from './model.js';

/** The accessible twin of the canvas: every node in view, as `<li data-urn>`, upstream first. */
export function renderNodeList(list: HTMLElement, model: ViewModel, badges: Badges, selected: string | undefined): void {
  const items: HTMLElement[] = [];
  let first = true;
  const repeated = model.repeatedNames();
  for (const n of model.nodes.values()) {
    const badgeText = (badges.get(n.urn) ?? []).map((b) => b.kind.label(b.count)).join(', ');
    const li = h(
      'li',
      { 'data-urn': n.urn, 'data-type': n.type, tabindex: first ? 0 : -1, 'aria-current': n.urn === selected ? 'true' : undefined },
      h('span', { class: 'swatch', style: `background:${colourOf(n.type).fill};border-color:${colourOf(n.type).stroke}`, 'aria-hidden': 'true' }),
      h('span', { class: 'name', title: labelOf(n, repeated) }, labelOf(n, repeated)),
      h('span', { class: 'type' }, n.type),
      badgeText ? h('span', { class: 'badge' }, badgeText) : null,
    );
    first = false;
    items.push(li);
  }
  list.replaceChildren(...items);
}

export interface SearchHit {
  urn: string;
  type: string;
  name: string;
  context?: string | undefined;
}

export function renderSearchResults(list: HTMLElement, hits: SearchHit[]): void {
  if (hits.length === 0) {
    list.replaceChildren(h('li', { class: 'empty', role: 'option', 'aria-disabled': 'true' }, 'Nothing found.'));
    return;
  }
  list.replaceChildren(
    ...hits.map((hit, i) =>
      h(
        'li',
        { 'data-urn': hit.urn, 'data-type': hit.type, role: 'option', tabindex: i === 0 ? 0 : -1, 'aria-selected': 'false' },
        h('span', { class: 'swatch', style: `background:${colourOf(hit.type).fill};border-color:${colourOf(hit.type).stroke}`, 'aria-hidden': 'true' }),
        h('span', { class: 'name', title: hit.name }, hit.name),
        h('span', { class: 'type' }, hit.type),
        hit.context ? h('span', { class: 'context' }, hit.context) : null,
      ),
    ),
  );
}
