import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tanhBackward } from "../../../src/autograd/ops/tanh-backward.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { caseArb, expectClose, leaf, randLeaf, seedArb, shapeArb } from "./helpers.ts";

describe("tanhBackward: g·(1 − y²);  ∂g = gg·(1 − y²), ∂y = −2·gg·g·y", () => {
  it("values are g·(1 − y²), and both input gradients as the formula says", () => {
    const g = leaf([[1, -2], [0.5, 3]]);
    const y = leaf([[0.5, -0.25], [0, 0.75]]);
    const out = tanhBackward(g, y);
    expectClose(out, [[1 * (1 - 0.25), -2 * (1 - 0.0625)], [0.5, 3 * (1 - 0.5625)]]);
    const gg = tensor([[1, 1], [2, -1]]);
    const [dg, dy] = grad(out, [g, y], { gradOutputs: gg }) as Tensor[];
    expectClose(dg, [[1 - 0.25, 1 - 0.0625], [2, -(1 - 0.5625)]]);
    expectClose(dy, [[-2 * 1 * 1 * 0.5, -2 * 1 * -2 * -0.25], [0, -2 * -1 * 3 * 0.75]]);
  });

  it("is what tanh's rule records: the gradient of tanh at second order goes through it", () => {
    const x = leaf([0.3, -1.2]);
    const g = grad(x.tanh().sum(), x, { createGraph: true }) as Tensor;
    expect(g.node?.def.name).toBe("tanhBackward");
    // d²/dx² tanh x = −2·tanh x·(1 − tanh²x)
    const t = [Math.tanh(0.3), Math.tanh(-1.2)];
    expectClose(grad(g.sum(), x), t.map((v) => -2 * v * (1 - v * v)), 8);
  });

  it("gradcheck and gradgradcheck in both inputs", () => {
    const g = randLeaf([2, 3], 1);
    const y = randLeaf([2, 3], 2, 0.9);
    expect(gradcheck(tanhBackward, [g, y])).toBe(true);
    expect(gradgradcheck(tanhBackward, [g, y])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ over random shapes, values and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(0, 3)), seedArb, ({ shape, values }, seed) => {
        const g = tensor(values, { shape, requiresGrad: true });
        const y = tensor(values.map((v) => Math.tanh(v)), { shape, requiresGrad: true });
        return checkVjp(tanhBackward, [g, y], { seed });
      }),
      { numRuns: 60 },
    );
  });
});
