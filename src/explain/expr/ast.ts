/**
 * The syntax tree of the playground's expression language (DESIGN §6). Every node keeps the column where its text
 * starts, so that errors and the page can point at it, and its children in operand order, so that a child's index
 * is the index of the graph edge it feeds.
 */
export const FUNCS = ["sg", "detach", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "relu"] as const;
export type Func = (typeof FUNCS)[number];

export type BinaryOp = "+" | "-" | "*" | "/" | "^";

export type Expr =
  | { readonly kind: "num"; readonly value: number; readonly text: string; readonly column: number }
  | { readonly kind: "name"; readonly name: string; readonly column: number }
  | { readonly kind: "neg"; readonly arg: Expr; readonly column: number }
  | { readonly kind: "call"; readonly func: Func; readonly arg: Expr; readonly column: number }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly column: number };

/** A node's children in operand order (the order of its op's inputs). */
export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case "num":
    case "name":
      return [];
    case "neg":
    case "call":
      return [e.arg];
    case "binary":
      return [e.left, e.right];
  }
}

/** `sg(e)` or `detach(e)`: the same op. */
export function isDetach(e: Expr): e is Extract<Expr, { kind: "call" }> {
  return e.kind === "call" && (e.func === "sg" || e.func === "detach");
}

/**
 * A node's address: the child indices from the root, joined by dots ("" is the root, "1.0" the first child of the
 * root's second child). The page names graph edges by the address of the child that feeds them.
 */
export type Path = string;

export function childPath(parent: Path, index: number): Path {
  return parent === "" ? String(index) : `${parent}.${index}`;
}

/** The node at `path`, or null when there is none. */
export function nodeAt(e: Expr, path: Path): Expr | null {
  if (path === "") return e;
  let node: Expr = e;
  for (const part of path.split(".")) {
    const next = childrenOf(node)[Number(part)];
    if (next === undefined) return null;
    node = next;
  }
  return node;
}

/** The leaf names in order of first appearance. */
export function namesOf(e: Expr): string[] {
  const out: string[] = [];
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const node = stack.pop() as Expr;
    if (node.kind === "name" && !out.includes(node.name)) out.push(node.name);
    stack.push(...[...childrenOf(node)].reverse());
  }
  return out;
}
