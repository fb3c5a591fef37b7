import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sigmoidBackward } from "../../../src/autograd/ops/sigmoid-backward.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { caseArb, expectClose, leaf, randLeaf, seedArb, shapeArb } from "./helpers.ts";

describe("sigmoidBackward: g·s·(1 − s);  ∂g = gg·s·(1 − s), ∂s = gg·g·(1 − 2s)", () => {
  it("values are g·s·(1 − s), and both input gradients as the formula says", () => {
    const g = leaf([[1, -2], [0.5, 3]]);
    const s = leaf([[0.5, 0.25], [0.125, 0.75]]);
    const out = sigmoidBackward(g, s);
    expectClose(out, [[0.5 * 0.5, -2 * 0.25 * 0.75], [0.5 * 0.125 * 0.875, 3 * 0.75 * 0.25]]);
    const gg = tensor([[1, 1], [2, -1]]);
    const [dg, ds] = grad(out, [g, s], { gradOutputs: gg }) as Tensor[];
    expectClose(dg, [[0.25, 0.25 * 0.75], [2 * 0.125 * 0.875, -(0.75 * 0.25)]]);
    expectClose(ds, [[1 * 1 * (1 - 1), 1 * -2 * (1 - 0.5)], [2 * 0.5 * (1 - 0.25), -1 * 3 * (1 - 1.5)]]);
  });

  it("is what sigmoid's rule records: the gradient of σ at second order goes through it", () => {
    const x = leaf([0.3, -1.2]);
    const g = grad(x.sigmoid().sum(), x, { createGraph: true }) as Tensor;
    expect(g.node?.def.name).toBe("sigmoidBackward");
    // d²/dx² σ(x) = σ(1 − σ)(1 − 2σ)
    const s = [0.3, -1.2].map((v) => 1 / (1 + Math.exp(-v)));
    expectClose(grad(g.sum(), x), s.map((v) => v * (1 - v) * (1 - 2 * v)), 8);
  });

  it("gradcheck and gradgradcheck in both inputs", () => {
    const g = randLeaf([2, 3], 3);
    const s = randLeaf([2, 3], 4, 0.4, 0.5);
    expect(gradcheck(sigmoidBackward, [g, s])).toBe(true);
    expect(gradgradcheck(sigmoidBackward, [g, s])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ over random shapes, values and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(0, 3)), seedArb, ({ shape, values }, seed) => {
        const g = tensor(values, { shape, requiresGrad: true });
        const s = tensor(values.map((v) => 1 / (1 + Math.exp(-v))), { shape, requiresGrad: true });
        return checkVjp(sigmoidBackward, [g, s], { seed });
      }),
      { numRuns: 60 },
    );
  });
});
