import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { log } from "../../../src/autograd/ops/log.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { unaryReferenceProperty } from "./unary-reference.ts";
import { caseArb, expectClose, expectFloat32Near, fromValues, leaf, randLeaf, runBothDtypes, seedArb, shapeArb } from "./helpers.ts";

// log is only defined for x > 0; inputs stay in [0.1, 5].
const positive = { lo: 0.1, hi: 5 };

describe("log: ln x;  ∂x = g / x", () => {
  it("values are ln x and the gradient is g / x", () => {
    const x = leaf([[1, Math.E], [0.5, 4]]);
    const y = x.log();
    expectClose(y, [[0, 1], [-Math.LN2, 2 * Math.LN2]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2], [3, -1]]) }), [[1, 2 / Math.E], [3 / 0.5, -1 / 4]]);
  });

  it("a scalar: ln 2 with ∂x = 1/2 and ∂²x = −1/4", () => {
    const x = leaf(2);
    const y = log(x);
    expectClose(y, Math.LN2);
    const g = grad(y, x, { createGraph: true }) as Tensor;
    expectClose(g, 1 / 2);
    expectClose(grad(g, x), -1 / (2 * 2));
  });

  it("log(exp(x)) = x with gradient 1 (each rule undoes the other)", () => {
    const x = leaf([-1.5, 0.25, 3]);
    const y = x.exp().log();
    expectClose(y, [-1.5, 0.25, 3]);
    expectClose(grad(y, x, { gradOutputs: tensor([1, 1, 1]) }), [1, 1, 1]);
  });

  it("gradcheck and gradgradcheck on x > 0", () => {
    const x = randLeaf([2, 3], 1, 0.3, 2);
    expect(gradcheck((t) => t.log(), [x])).toBe(true);
    expect(gradgradcheck((t) => t.log(), [x])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, positive values and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), positive), seedArb, ({ shape, values }, seed) =>
        checkVjp((x) => x.log(), [fromValues(values, shape)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: y = Math.log(x) and ∂x = c / x", () => {
    unaryReferenceProperty({ op: (x) => x.log(), f: Math.log, df: (x) => 1 / x, values: positive });
  });

  it("float32: ln x takes one rounding, g / x one; the gradient is float32", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((x) => x.log(), [randLeaf([3, 2], 4, 0.3, 2)]);
    expectFloat32Near(y32, y64, 1);
    expectFloat32Near(g32[0], g64[0], 1);
  });
});
