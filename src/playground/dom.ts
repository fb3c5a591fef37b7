/// <reference lib="dom" />
/** A few DOM helpers: the page builds its elements in code, so the HTML shell stays a few lines. */

type Attrs = Readonly<Record<string, string>>;

/** A new element with attributes (`data-testid`, `class`, …) and children (text or elements). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: readonly (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** The element with this id, which the page's shell must contain. */
export function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`playground: the page has no element #${id}`);
  return e;
}

/** Replaces the element's children. */
export function fill(parent: Element, ...children: readonly (Node | string)[]): void {
  parent.replaceChildren(...children);
}
