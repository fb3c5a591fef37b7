import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tanh } from "../../../src/autograd/ops/tanh.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { unaryReferenceProperty } from "./unary-reference.ts";
import {
  caseArb, expectClose, expectFloat32Near, fromValues, leaf, maxAbs, randLeaf, runBothDtypes, seedArb, shapeArb,
} from "./helpers.ts";

describe("tanh: tanh x;  ∂x = g·(1 − tanh²x)", () => {
  it("values are tanh x and the gradient is g·(1 − tanh²x)", () => {
    const t1 = (Math.E - 1 / Math.E) / (Math.E + 1 / Math.E);
    const x = leaf([[0, 1], [-1, 0]]);
    const y = x.tanh();
    expectClose(y, [[0, t1], [-t1, 0]]);
    // 1 − t² cancels: errors of a few u₆₄ relative to 1.
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2], [3, -1]]) }), [[1, 2 * (1 - t1 * t1)], [3 * (1 - t1 * t1), -1]], 8, 3);
  });

  it("a scalar: tanh 0 = 0, ∂x = 1, ∂²x = −2·tanh(0)·(1 − tanh²0) = 0", () => {
    const x = leaf(0);
    const y = tanh(x);
    expectClose(y, 0);
    const g = grad(y, x, { createGraph: true }) as Tensor;
    expectClose(g, 1);
    expectClose(grad(g, x), 0);
  });

  it("saturates without NaN: tanh(±800) = ±1 with gradient 0", () => {
    const x = leaf([800, -800]);
    const y = x.tanh();
    expectClose(y, [1, -1]);
    expectClose(grad(y, x, { gradOutputs: tensor([1, 1]) }), [0, 0]);
  });

  it("gradcheck and gradgradcheck", () => {
    const x = randLeaf([2, 3], 1);
    expect(gradcheck((t) => t.tanh(), [x])).toBe(true);
    expect(gradgradcheck((t) => t.tanh(), [x])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, values and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), { lo: -4, hi: 4 }), seedArb, ({ shape, values }, seed) =>
        checkVjp((x) => x.tanh(), [fromValues(values, shape)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: y = Math.tanh(x) and ∂x = c / cosh²x (1 − y² cancels: tolerance relative to 1)", () => {
    unaryReferenceProperty({ op: (x) => x.tanh(), f: Math.tanh, df: (x) => 1 / Math.cosh(x) ** 2, values: { lo: -4, hi: 4 }, k: 8, floor: 1 });
  });

  it("property: tanh is odd, tanh(−x) = −tanh(x) exactly", () => {
    fc.assert(
      fc.property(caseArb(shapeArb()), ({ shape, values }) => {
        const x = fromValues(values, shape);
        expect(Array.from(x.neg().tanh().data)).toEqual(Array.from(x.tanh().neg().data));
      }),
      { numRuns: 30 },
    );
  });

  it("float32: tanh takes one rounding; g·(1 − y²) four, relative to |g|; the gradient is float32", () => {
    const { y32, y64, g32, g64, v } = runBothDtypes((x) => x.tanh(), [randLeaf([3, 2], 4)]);
    expectFloat32Near(y32, y64, 1);
    expectFloat32Near(g32[0], g64[0], 4, maxAbs(v));
  });
});
