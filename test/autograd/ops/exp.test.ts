import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exp } from "../../../src/autograd/ops/exp.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { unaryReferenceProperty } from "./unary-reference.ts";
import { caseArb, expectClose, expectFloat32Near, fromValues, leaf, randLeaf, runBothDtypes, seedArb, shapeArb } from "./helpers.ts";

describe("exp: eˣ;  ∂x = g·eˣ", () => {
  it("values are eˣ and the gradient is g·eˣ", () => {
    const x = leaf([[0, 1], [-1, 2]]);
    const y = x.exp();
    expectClose(y, [[1, Math.E], [1 / Math.E, Math.E * Math.E]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2], [3, -1]]) }), [[1, 2 * Math.E], [3 / Math.E, -Math.E * Math.E]]);
  });

  it("a scalar: e^0 = 1 with ∂x = 1; second derivative of eˣ at 0 is 1", () => {
    const x = leaf(0);
    const y = exp(x);
    expectClose(y, 1);
    const g = grad(y, x, { createGraph: true }) as Tensor;
    expectClose(g, 1);
    expectClose(grad(g, x), 1);
  });

  it("gradcheck and gradgradcheck: first and second derivatives agree with central differences", () => {
    const x = randLeaf([2, 3], 1);
    expect(gradcheck((t) => t.exp(), [x])).toBe(true);
    expect(gradgradcheck((t) => t.exp(), [x])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, values and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb()), seedArb, ({ shape, values }, seed) =>
        checkVjp((x) => x.exp(), [fromValues(values, shape)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: y = Math.exp(x) and ∂x = c·Math.exp(x) (one rounding each side of the product)", () => {
    unaryReferenceProperty({ op: (x) => x.exp(), f: Math.exp, df: Math.exp, values: { lo: -20, hi: 20 } });
  });

  it("float32: eˣ takes one rounding; ∂x = g·eˣ two; the gradient is float32", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((x) => x.exp(), [randLeaf([3, 2], 4)]);
    expectFloat32Near(y32, y64, 1);
    expectFloat32Near(g32[0], g64[0], 2);
  });
});
