/**
 * fast-check arbitraries for DESIGN §6's language: random trees over a few names, every operator and function,
 * and leaf values in [-2, 2] in steps of 0.01 (both signs, 0 included, so log, sqrt and pow meet NaN; the comparison treats NaN as a value).
 */
import fc from "fast-check";
import { FUNCS, type BinaryOp, type Expr } from "../../../src/explain/expr/ast.ts";

export const NAMES = ["a", "b", "x", "w"] as const;

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom(...NAMES).map((name): Expr => ({ kind: "name", name, column: 1 })),
  fc.constantFrom("0", "1", "2", "0.5", "3", "1e-3").map((text): Expr => ({ kind: "num", value: Number(text), text, column: 1 })),
);

export const arbExpr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    tie("e").map((arg): Expr => ({ kind: "neg", arg, column: 1 })),
    fc.record({ func: fc.constantFrom(...FUNCS), arg: tie("e") }).map(({ func, arg }): Expr => ({ kind: "call", func, arg, column: 1 })),
    fc.record({ op: fc.constantFrom<BinaryOp>("+", "-", "*", "/", "^"), left: tie("e"), right: tie("e") })
      .map(({ op, left, right }): Expr => ({ kind: "binary", op, left, right, column: 1 })),
  ),
})).e;

export const arbValues = fc.record(
  Object.fromEntries(NAMES.map((n) => [n, fc.integer({ min: -200, max: 200 }).map((k) => k / 100)])) as Record<
    (typeof NAMES)[number],
    fc.Arbitrary<number>
  >,
);

/** A tree without its columns, to compare trees parsed from different texts. */
export function shape(e: Expr): unknown {
  return JSON.parse(JSON.stringify(e, (k, v) => (k === "column" || k === "text" ? undefined : v)));
}
