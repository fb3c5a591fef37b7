/**
 * Edits a learner makes by clicking the graph: put a detach on an edge or take it off, and the same expression
 * with every detach taken off (the "without detach" side of a comparison). Trees are immutable; edits rebuild the
 * spine down to the edited node.
 */
import { childrenOf, isDetach, nodeAt, type Expr, type Path } from "./ast.ts";

function withChildren(e: Expr, children: readonly Expr[]): Expr {
  switch (e.kind) {
    case "num":
    case "name":
      return e;
    case "neg":
    case "call":
      return { ...e, arg: children[0] };
    case "binary":
      return { ...e, left: children[0], right: children[1] };
  }
}

/** `e` with the node at `path` replaced by `f(node)`. */
function replaceAt(e: Expr, path: Path, f: (node: Expr) => Expr): Expr {
  if (path === "") return f(e);
  const [head, ...rest] = path.split(".");
  const index = Number(head);
  const children = childrenOf(e).map((c, i) => (i === index ? replaceAt(c, rest.join("."), f) : c));
  return withChildren(e, children);
}

function parentOf(path: Path): Path | null {
  if (path === "") return null;
  const cut = path.lastIndexOf(".");
  return cut < 0 ? "" : path.slice(0, cut);
}

/**
 * Toggles a detach on the edge fed by the node at `path`: if that node is a detach, or the edge goes into one,
 * the detach is taken off (replaced by its argument); otherwise the node is wrapped in `sg(…)`. Null when `path`
 * names no node.
 */
export function toggleDetach(e: Expr, path: Path): Expr | null {
  const node = nodeAt(e, path);
  if (node === null) return null;
  const unwrap = (n: Expr): Expr => (isDetach(n) ? n.arg : n);
  if (isDetach(node)) return replaceAt(e, path, unwrap);
  const parent = parentOf(path);
  if (parent !== null && isDetach(nodeAt(e, parent) as Expr)) return replaceAt(e, parent, unwrap);
  return replaceAt(e, path, (n) => ({ kind: "call", func: "sg", arg: n, column: n.column }));
}

/** `e` with every detach replaced by its argument. */
export function withoutDetach(e: Expr): Expr {
  const inner = withChildren(e, childrenOf(e).map(withoutDetach));
  return isDetach(inner) ? inner.arg : inner;
}

/** Whether `e` has a detach anywhere. */
export function hasDetach(e: Expr): boolean {
  return isDetach(e) || childrenOf(e).some(hasDetach);
}
