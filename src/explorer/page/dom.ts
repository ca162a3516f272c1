/** A tiny element builder: text is always set as text (never parsed as HTML). */
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined | ((e: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the page`);
  return el as T;
}

/** Arrow keys, Home and End move the focus between a list's items (roving tabindex). */
export function listKeyboard(list: HTMLElement, onActivate: (item: HTMLElement) => void, extra?: (e: KeyboardEvent, item: HTMLElement) => void): void {
  list.addEventListener('keydown', (e) => {
    const item = (e.target as HTMLElement).closest('li');
    if (!item || !list.contains(item)) return;
    const items = [...list.querySelectorAll<HTMLElement>(':scope > li')];
    const at = items.indexOf(item);
    const move = (to: number) => {
      const next = items[Math.max(0, Math.min(items.length - 1, to))];
      if (!next) return;
      item.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
      e.preventDefault();
    };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onActivate(item);
    } else extra?.(e, item);
  });
  list.addEventListener('click', (e) => {
    const item = (e.target as HTMLElement).closest('li');
    if (item && list.contains(item)) onActivate(item);
  });
}
