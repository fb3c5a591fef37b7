/**
 * One forward and one traced backward of an expression: its value, every leaf's gradient (null when no path
 * carries gradient to it, as PyTorch's None; a number, possibly 0, otherwise) and the tape listing with what
 * every edge carried. The page, the CLI and the tests all go through here.
 */
import { grad } from "../../autograd/grad.ts";
import { tapeTensors } from "../../autograd/introspect.ts";
import { keepValues } from "../../autograd/mode.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { listTape, type TapeListing } from "../listing.ts";
import { traceGradients } from "../trace.ts";
import { namesOf, type Expr, type Path } from "./ast.ts";
import { evaluateExpr, type ExprOptions } from "./evaluate.ts";
import { parseExpr } from "./parse.ts";

export interface ExprRun {
  readonly expr: Expr;
  readonly names: readonly string[];
  readonly value: number;
  /** Each name's gradient, null when no path carries gradient to it. */
  readonly grads: ReadonlyMap<string, number | null>;
  readonly listing: TapeListing;
  /** The listing row id of each op's output → the address of the node that made it. */
  readonly pathById: ReadonlyMap<string, Path>;
}

/** Parses (when given text) and runs `expr` with the leaf values `values`. Throws an ExprError when it cannot. */
export function runExpr(expr: string | Expr, values: Readonly<Record<string, number>>, options: ExprOptions = {}): ExprRun {
  const source = typeof expr === "string" ? expr : options.source;
  const e = typeof expr === "string" ? parseExpr(expr) : expr;
  // The listing shows every intermediate value, so the nodes keep them all (not only what their rules read).
  const { output, leaves, pathOf } = keepValues(() => evaluateExpr(e, values, { ...options, source }));
  const names = namesOf(e);
  const inputs = names.map((n) => leaves.get(n) as Tensor);
  const grads = new Map<string, number | null>(names.map((n) => [n, null]));
  let trace = null;
  if (output.requiresGrad && inputs.length > 0) {
    trace = traceGradients(output);
    const gs = grad(output, inputs, { allowUnused: true });
    trace.remove();
    gs.forEach((g, k) => grads.set(names[k], g === null ? null : g.item()));
  }
  const listing = listTape(output, trace);
  const pathById = new Map<string, Path>();
  for (const [id, t] of tapeTensors(output)) {
    const path = pathOf.get(t);
    if (path !== undefined) pathById.set(id, path);
  }
  return { expr: e, names, value: output.item(), grads, listing, pathById };
}
