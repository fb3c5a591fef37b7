import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { abs } from "../../../src/autograd/ops/abs.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { unaryReferenceProperty } from "./unary-reference.ts";
import { caseArb, expectClose, expectFloat32Near, fromValues, leaf, randLeaf, runBothDtypes, seedArb, shapeArb } from "./helpers.ts";

// The kink at 0: random inputs stay at least 1e-3 away from it.
const awayFromKink = { avoid: [0], gap: 1e-3 };

describe("abs: |x|;  ∂x = g·sign(x), abs′(0) = 0", () => {
  it("values are |x| and the gradient is g·sign(x)", () => {
    const x = leaf([[1.5, -2], [-0.25, 3]]);
    const y = x.abs();
    expectClose(y, [[1.5, 2], [0.25, 3]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2], [3, -1]]) }), [[1, -2], [-3, -1]]);
  });

  it("at the kink, as PyTorch: abs′(0) = 0", () => {
    const x = leaf([0, -0]);
    expectClose(grad(abs(x), x, { gradOutputs: tensor([5, 5]) }), [0, 0]);
  });

  it("a scalar: |−3| = 3 with ∂x = −1", () => {
    const x = leaf(-3);
    const y = x.abs();
    expectClose(y, 3);
    expectClose(grad(y, x), -1);
  });

  it("second order: the derivative g·sign(x) is a gate op, so ∂²|x| reaches x as zeros, not null", () => {
    const x = leaf([2, -1]);
    const g = grad(x.abs().sum(), x, { createGraph: true }) as Tensor;
    expect(g.node?.def.name).toBe("absBackward");
    const gg = grad(g.sum(), x, { allowUnused: true });
    expectClose(gg, [0, 0]);
  });

  it("gradcheck and gradgradcheck away from 0", () => {
    const x = leaf([[0.5, -1.2, 2], [-0.3, 0.8, -2.5]]);
    expect(gradcheck((t) => t.abs(), [x])).toBe(true);
    expect(gradgradcheck((t) => t.abs(), [x])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, values (|x| ≥ 1e-3) and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), awayFromKink), seedArb, ({ shape, values }, seed) =>
        checkVjp((x) => x.abs(), [fromValues(values, shape)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: y = |x| and ∂x = c·sign(x) exactly", () => {
    unaryReferenceProperty({ op: (x) => x.abs(), f: Math.abs, df: Math.sign, values: awayFromKink, k: 0 });
  });

  it("property: |x| = relu(x) + relu(−x) exactly", () => {
    fc.assert(
      fc.property(caseArb(shapeArb()), ({ shape, values }) => {
        const x = fromValues(values, shape);
        expect(Array.from(x.abs().data)).toEqual(Array.from(x.relu().add(x.neg().relu()).data));
      }),
      { numRuns: 30 },
    );
  });

  it("float32: |x| and g·sign(x) are exact; the gradient is float32", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((x) => x.abs(), [randLeaf([3, 2], 4)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 0);
  });
});
