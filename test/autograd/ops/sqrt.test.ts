import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sqrt } from "../../../src/autograd/ops/sqrt.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { unaryReferenceProperty } from "./unary-reference.ts";
import { caseArb, expectClose, expectFloat32Near, fromValues, leaf, randLeaf, runBothDtypes, seedArb, shapeArb } from "./helpers.ts";

// sqrt's derivative has a pole at 0; inputs stay in [0.1, 5].
const positive = { lo: 0.1, hi: 5 };

describe("sqrt: √x;  ∂x = g / (2√x)", () => {
  it("values are √x and the gradient is g / (2√x)", () => {
    const x = leaf([[1, 4], [0.25, 9]]);
    const y = x.sqrt();
    expectClose(y, [[1, 2], [0.5, 3]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2], [3, -1]]) }), [[1 / 2, 2 / 4], [3 / 1, -1 / 6]]);
  });

  it("a scalar: √4 = 2 with ∂x = 1/4 and ∂²x = −1/(4·4^{3/2}) = −1/32", () => {
    const x = leaf(4);
    const y = sqrt(x);
    expectClose(y, 2);
    const g = grad(y, x, { createGraph: true }) as Tensor;
    expectClose(g, 1 / 4);
    expectClose(grad(g, x), -1 / (4 * 8));
  });

  it("gradcheck and gradgradcheck on x > 0", () => {
    const x = randLeaf([2, 3], 1, 0.3, 2);
    expect(gradcheck((t) => t.sqrt(), [x])).toBe(true);
    expect(gradgradcheck((t) => t.sqrt(), [x])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, positive values and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), positive), seedArb, ({ shape, values }, seed) =>
        checkVjp((x) => x.sqrt(), [fromValues(values, shape)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: y = Math.sqrt(x) and ∂x = c·½x^(−½)", () => {
    unaryReferenceProperty({ op: (x) => x.sqrt(), f: Math.sqrt, df: (x) => 0.5 * Math.pow(x, -0.5), values: positive });
  });

  it("property: √x·√x = x to two roundings", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), positive), ({ shape, values }) => {
        const y = fromValues(values, shape).sqrt();
        const sq = y.mul(y);
        values.forEach((v, i) => expect(Math.abs(sq.data[i] - v)).toBeLessThanOrEqual(4 * 2 ** -53 * v));
      }),
      { numRuns: 30 },
    );
  });

  it("float32: √x takes one rounding, g / (2√x) two; the gradient is float32", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((x) => x.sqrt(), [randLeaf([3, 2], 4, 0.3, 2)]);
    expectFloat32Near(y32, y64, 1);
    expectFloat32Near(g32[0], g64[0], 2);
  });
});
