/**
 * An expression run on the engine: every name becomes one scalar leaf that requires grad (labelled with the name,
 * shared by all its occurrences), every number a plain-number operand, every operator and function the engine's
 * op. Sub-expressions of numbers alone are folded to a number, as they would be in a program. `pathOf` maps each
 * op's output to the address of the node that made it, so that a graph edge can be traced back to the text.
 */
import { tensor } from "../../autograd/creation.ts";
import { add, div, mul, sub } from "../../autograd/ops/index.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { childPath, type Expr, type Func, type Path } from "./ast.ts";
import { powTensor, removedDetach } from "./ops.ts";
import { ExprError } from "./parse.ts";

export interface ExprOptions {
  /** "keep" (default) runs every detach; "identity" replaces each with an identity op (same graph, no cut). */
  readonly detach?: "keep" | "identity";
  /** The source text, for errors that point at a column. */
  readonly source?: string;
}

export interface Evaluation {
  readonly output: Tensor;
  /** Every name's leaf, in order of first appearance. */
  readonly leaves: ReadonlyMap<string, Tensor>;
  readonly pathOf: ReadonlyMap<Tensor, Path>;
}

type Value = Tensor | number;

const FOLD: Readonly<Record<Func, (v: number) => number>> = {
  sg: (v) => v,
  detach: (v) => v,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  tanh: Math.tanh,
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  relu: (v) => (v > 0 ? v : 0),
};

const BINARY = { "+": add, "-": sub, "*": mul, "/": div } as const;
const FOLD_BINARY = {
  "+": (a: number, b: number) => a + b,
  "-": (a: number, b: number) => a - b,
  "*": (a: number, b: number) => a * b,
  "/": (a: number, b: number) => a / b,
} as const;

function callOn(func: Func, t: Tensor, detach: "keep" | "identity"): Tensor {
  switch (func) {
    case "sg":
    case "detach":
      return detach === "keep" ? t.detach() : removedDetach(t);
    default:
      return t[func]();
  }
}

/** Runs `e` with the leaf values `values`; a name without a value throws an ExprError at its first column. */
export function evaluateExpr(e: Expr, values: Readonly<Record<string, number>>, options: ExprOptions = {}): Evaluation {
  const leaves = new Map<string, Tensor>();
  const pathOf = new Map<Tensor, Path>();
  const detach = options.detach ?? "keep";
  const leaf = (name: string, column: number): Tensor => {
    const known = leaves.get(name);
    if (known !== undefined) return known;
    const v = values[name];
    if (v === undefined || !Number.isFinite(v)) {
      const why = v === undefined ? "has no value" : `has the value ${v}`;
      throw new ExprError(`expr: the leaf ${name} ${why}; give it a finite number (${name}=1.5)`, options.source ?? "", column);
    }
    const t = tensor(v, { requiresGrad: true });
    t.label = name;
    leaves.set(name, t);
    return t;
  };
  const made = (t: Tensor, path: Path): Tensor => {
    pathOf.set(t, path);
    return t;
  };
  const run = (node: Expr, path: Path): Value => {
    switch (node.kind) {
      case "num":
        return node.value;
      case "name":
        return leaf(node.name, node.column);
      case "neg": {
        const a = run(node.arg, childPath(path, 0));
        return typeof a === "number" ? -a : made(a.neg(), path);
      }
      case "call": {
        const a = run(node.arg, childPath(path, 0));
        return typeof a === "number" ? FOLD[node.func](a) : made(callOn(node.func, a, detach), path);
      }
      case "binary": {
        const a = run(node.left, childPath(path, 0));
        const b = run(node.right, childPath(path, 1));
        if (typeof a === "number" && typeof b === "number") {
          return node.op === "^" ? Math.pow(a, b) : FOLD_BINARY[node.op](a, b);
        }
        if (node.op !== "^") return made(BINARY[node.op](a, b), path);
        if (typeof b === "number") return made((a as Tensor).pow(b), path);
        return made(powTensor(typeof a === "number" ? tensor(a) : a, b), path);
      }
    }
  };
  const out = run(e, "");
  return { output: typeof out === "number" ? tensor(out) : out, leaves, pathOf };
}
