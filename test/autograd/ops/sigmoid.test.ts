import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sigmoid } from "../../../src/autograd/ops/sigmoid.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { unaryReferenceProperty } from "./unary-reference.ts";
import {
  caseArb, expectClose, expectFloat32Near, fromValues, leaf, maxAbs, randLeaf, runBothDtypes, seedArb, shapeArb,
} from "./helpers.ts";

describe("sigmoid: σ(x) = 1 / (1 + e⁻ˣ);  ∂x = g·σ·(1 − σ)", () => {
  it("values are 1 / (1 + e⁻ˣ) and the gradient is g·σ(1 − σ)", () => {
    const s1 = 1 / (1 + Math.exp(-1));
    const sm2 = 1 / (1 + Math.exp(2));
    const x = leaf([[0, 1], [-2, 0]]);
    const y = x.sigmoid();
    expectClose(y, [[0.5, s1], [sm2, 0.5]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2], [3, -1]]) }), [[0.25, 2 * s1 * (1 - s1)], [3 * sm2 * (1 - sm2), -0.25]], 8, 1);
  });

  it("a scalar: σ(0) = ½, ∂x = ¼, ∂²x = σ(1 − σ)(1 − 2σ) = 0", () => {
    const x = leaf(0);
    const y = sigmoid(x);
    expectClose(y, 0.5);
    const g = grad(y, x, { createGraph: true }) as Tensor;
    expectClose(g, 0.25);
    expectClose(grad(g, x), 0);
  });

  it("stable at the tails: σ(−800) = 0 and σ(800) = 1, finite gradients 0", () => {
    const x = leaf([-800, 800]);
    const y = x.sigmoid();
    expectClose(y, [0, 1]);
    expectClose(grad(y, x, { gradOutputs: tensor([1, 1]) }), [0, 0]);
  });

  it("gradcheck and gradgradcheck", () => {
    const x = randLeaf([2, 3], 1, 2);
    expect(gradcheck((t) => t.sigmoid(), [x])).toBe(true);
    expect(gradgradcheck((t) => t.sigmoid(), [x])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, values and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), { lo: -6, hi: 6 }), seedArb, ({ shape, values }, seed) =>
        checkVjp((x) => x.sigmoid(), [fromValues(values, shape)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: y = ½(1 + tanh(x/2)) and ∂x = c·e⁻ˣ/(1 + e⁻ˣ)² (1 − σ cancels: tolerance relative to ¼)", () => {
    unaryReferenceProperty({
      op: (x) => x.sigmoid(),
      f: (x) => 0.5 * (1 + Math.tanh(x / 2)),
      df: (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2,
      values: { lo: -6, hi: 6 },
      k: 8,
      floor: 0.25,
    });
  });

  it("property: σ(−x) = 1 − σ(x) to 10·u₆₄ absolute (σ carries ≤ 4u₆₄ relative: exp ≤ 2u₆₄, add and divide u₆₄ each)", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), { lo: -30, hi: 30 }), ({ shape, values }) => {
        const x = fromValues(values, shape);
        const a = x.neg().sigmoid();
        const b = x.sigmoid().neg().add(1);
        // |err(σ(−x))| ≤ 4u₆₄·σ(−x) and |err(1 − σ(x))| ≤ 4u₆₄·σ(x) + u₆₄, so together ≤ 9u₆₄
        for (let i = 0; i < a.size; i++) expect(Math.abs(a.data[i] - b.data[i])).toBeLessThanOrEqual(10 * 2 ** -53);
      }),
      { numRuns: 30 },
    );
  });

  it("float32: σ takes one rounding; g·σ(1 − σ) four, relative to |g|/4; the gradient is float32", () => {
    const { y32, y64, g32, g64, v } = runBothDtypes((x) => x.sigmoid(), [randLeaf([3, 2], 4)]);
    expectFloat32Near(y32, y64, 1);
    expectFloat32Near(g32[0], g64[0], 4, maxAbs(v) / 4);
  });
});
