import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neg } from "../../../src/autograd/ops/neg.ts";
import { checkVjp, gradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { unaryReferenceProperty } from "./unary-reference.ts";
import { caseArb, expectClose, expectFloat32Near, fromValues, leaf, randLeaf, runBothDtypes, seedArb, shapeArb } from "./helpers.ts";

describe("neg: −x;  ∂x = −g", () => {
  it("values are −x and the gradient is −g", () => {
    const x = leaf([[1, -2.5], [0.25, 4]]);
    const y = x.neg();
    expectClose(y, [[-1, 2.5], [-0.25, -4]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2], [-3, 0.5]]) }), [[-1, -2], [3, -0.5]]);
  });

  it("a scalar (shape []): −(3) = −3 with ∂x = −1", () => {
    const x = leaf(3);
    const y = neg(x);
    expectClose(y, -3);
    expectClose(grad(y, x), -1);
  });

  it("−(−x) is x exactly, with gradient g", () => {
    const x = leaf([1.5, -0.1]);
    const y = x.neg().neg();
    expectClose(y, [1.5, -0.1], 0);
    expectClose(grad(y, x, { gradOutputs: tensor([2, 3]) }), [2, 3], 0);
  });

  it("gradcheck: central differences agree with backward", () => {
    expect(gradcheck((x) => x.neg(), [randLeaf([2, 3], 1)])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, values and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb()), seedArb, ({ shape, values }, seed) =>
        checkVjp((x) => x.neg(), [fromValues(values, shape)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: y = −x and ∂x = −c exactly (sign flips do not round)", () => {
    unaryReferenceProperty({ op: (x) => x.neg(), f: (x) => -x, df: () => -1, k: 0 });
  });

  it("float32: −x is exact in float32, and so is the gradient", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((x) => x.neg(), [randLeaf([3, 2], 4)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 0);
  });
});
