/**
 * A reference for elementwise unary ops: the value f(x) from an independent formula, and the gradient c·f′(x)
 * from the textbook derivative, checked as a fast-check property over random shapes, values and cotangents.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { grad } from "../../../src/autograd/grad.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { caseArb, fromValues, randLeaf, shapeArb, U64, type ValueOptions } from "./helpers.ts";

export interface UnaryRef {
  readonly op: (x: Tensor) => Tensor;
  readonly f: (x: number) => number;
  readonly df: (x: number) => number;
  readonly values?: ValueOptions;
  /**
   * Tolerances, in roundings of u₆₄ relative to max(|reference|, floor): the engine and the reference each
   * take a few roundings, and a formula that cancels (1 − y², say) turns them into absolute errors of that size.
   */
  readonly k?: number;
  readonly floor?: number;
}

export function unaryReferenceProperty(ref: UnaryRef, numRuns = 40): void {
  const k = ref.k ?? 4;
  const floor = ref.floor ?? 0;
  fc.assert(
    fc.property(caseArb(shapeArb(0, 3, 4), ref.values), ({ shape, values }) => {
      const x = fromValues(values, shape);
      const y = ref.op(x);
      expect([...y.shape]).toEqual(shape);
      const c = randLeaf(shape, values.length + 17).detach();
      const g = grad(y, x, { gradOutputs: c }) as Tensor;
      values.forEach((v, i) => {
        const want = ref.f(v);
        if (!(Math.abs(y.data[i] - want) <= k * U64 * Math.max(Math.abs(want), floor))) {
          expect.fail(`f(${v}) = ${y.data[i]}, want ${want}`);
        }
        const d = ref.df(v);
        const wantG = c.data[i] * d;
        const tol = k * U64 * Math.abs(c.data[i]) * Math.max(Math.abs(d), floor);
        if (!(Math.abs(g.data[i] - wantG) <= tol)) expect.fail(`∂x at ${v}: ${g.data[i]}, want ${wantG} (± ${tol})`);
      });
    }),
    { numRuns },
  );
}
