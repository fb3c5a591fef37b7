import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { relu } from "../../../src/autograd/ops/relu.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { unaryReferenceProperty } from "./unary-reference.ts";
import { caseArb, expectClose, expectFloat32Near, fromValues, leaf, randLeaf, runBothDtypes, seedArb, shapeArb } from "./helpers.ts";

// The kink at 0: random inputs stay at least 1e-3 away from it.
const awayFromKink = { avoid: [0], gap: 1e-3 };

describe("relu: max(x, 0);  ∂x = g·[x > 0], relu′(0) = 0", () => {
  it("values are max(x, 0) and the gradient passes where x > 0", () => {
    const x = leaf([[1.5, -2], [-0.25, 3]]);
    const y = x.relu();
    expectClose(y, [[1.5, 0], [0, 3]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2], [3, -1]]) }), [[1, 0], [0, -1]]);
  });

  it("at the kink, as PyTorch: relu′(0) = 0", () => {
    const x = leaf([0]);
    expectClose(grad(relu(x), x, { gradOutputs: tensor([5]) }), [0]);
  });

  it("NaN propagates, as PyTorch: relu(NaN) = NaN (a diverged layer must not turn into finite zeros)", () => {
    expect(tensor([NaN, -1, 2]).relu().toFlatArray()).toEqual([NaN, 0, 2]);
  });

  it("a scalar: relu(2) = 2 with ∂x = 1", () => {
    const x = leaf(2);
    const y = x.relu();
    expectClose(y, 2);
    expectClose(grad(y, x), 1);
  });

  it("second order: ∂relu is the reluBackward gate, so ∂²relu reaches x as zeros, not null", () => {
    const x = leaf([2, -1]);
    const g = grad(x.relu().sum(), x, { createGraph: true }) as Tensor;
    expect(g.node?.def.name).toBe("reluBackward");
    expectClose(grad(g.sum(), x, { allowUnused: true }), [0, 0]);
  });

  it("gradcheck and gradgradcheck away from 0", () => {
    const x = leaf([[0.5, -1.2, 2], [-0.3, 0.8, -2.5]]);
    expect(gradcheck((t) => t.relu(), [x])).toBe(true);
    expect(gradgradcheck((t) => t.relu(), [x])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, values (|x| ≥ 1e-3) and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), awayFromKink), seedArb, ({ shape, values }, seed) =>
        checkVjp((x) => x.relu(), [fromValues(values, shape)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: y = max(x, 0) and ∂x = c·[x > 0] exactly", () => {
    unaryReferenceProperty({ op: (x) => x.relu(), f: (x) => Math.max(x, 0), df: (x) => (x > 0 ? 1 : 0), values: awayFromKink, k: 0 });
  });

  it("property: relu(x) − relu(−x) = x exactly", () => {
    fc.assert(
      fc.property(caseArb(shapeArb()), ({ shape, values }) => {
        const x = fromValues(values, shape);
        expect(Array.from(x.relu().sub(x.neg().relu()).data)).toEqual(values);
      }),
      { numRuns: 30 },
    );
  });

  it("float32: relu and its gradient are exact; the gradient is float32", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((x) => x.relu(), [randLeaf([3, 2], 4)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 0);
  });
});
