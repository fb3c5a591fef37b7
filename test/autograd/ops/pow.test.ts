import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pow } from "../../../src/autograd/ops/pow.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ArgumentError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { unaryReferenceProperty } from "./unary-reference.ts";
import {
  caseArb, expectClose, expectFloat32Near, expectOpError, fromValues, leaf, randLeaf, runBothDtypes, seedArb,
  shapeArb,
} from "./helpers.ts";

describe("pow: xᵉ for a number e;  ∂x = g·e·xᵉ⁻¹", () => {
  it("x²: values x·x and gradient 2x·g", () => {
    const x = leaf([[1, -2], [0.5, 3]]);
    const y = x.pow(2);
    expectClose(y, [[1, 4], [0.25, 9]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2], [3, -1]]) }), [[2 * 1, 2 * -2 * 2], [2 * 0.5 * 3, 2 * 3 * -1]]);
  });

  it("x³ on negative x and x⁻¹: integer exponents work for any sign", () => {
    const x = leaf([-2, 0.5]);
    const y = x.pow(3);
    expectClose(y, [-8, 0.125]);
    expectClose(grad(y, x, { gradOutputs: tensor([1, 1]) }), [3 * 4, 3 * 0.25]);
    const z = x.pow(-1);
    expectClose(z, [-0.5, 2]);
    expectClose(grad(z, x, { gradOutputs: tensor([1, 1]) }), [-1 / 4, -1 / 0.25]);
  });

  it("x^0.5 on positive x equals √x with ∂x = 0.5·x^−0.5", () => {
    const x = leaf([4, 0.25]);
    const y = pow(x, 0.5);
    expectClose(y, [2, 0.5]);
    expectClose(grad(y, x, { gradOutputs: tensor([1, 1]) }), [0.5 / 2, 0.5 / 0.5]);
  });

  it("x⁰ = 1 with a zero gradient (not null), and x¹ = x with gradient g", () => {
    const x = leaf([3, -2]);
    const y0 = x.pow(0);
    expectClose(y0, [1, 1]);
    expectClose(grad(y0, x, { gradOutputs: tensor([5, 6]) }), [0, 0]);
    const y1 = x.pow(1);
    expectClose(y1, [3, -2]);
    expectClose(grad(y1, x, { gradOutputs: tensor([5, 6]) }), [5, 6]);
  });

  it("a scalar: 3² = 9, ∂x = 6, ∂²x = 2", () => {
    const x = leaf(3);
    const y = x.pow(2);
    expectClose(y, 9);
    const g = grad(y, x, { createGraph: true }) as Tensor;
    expectClose(g, 6);
    expectClose(grad(g, x), 2);
  });

  it("a tensor exponent is an ArgumentError naming pow", () => {
    expectOpError(() => pow(leaf([1]), tensor(2) as unknown as number), ArgumentError, "pow", "exponent");
  });

  it("gradcheck and gradgradcheck for e ∈ {2, 3, −1} on any sign and e ∈ {0.5, 2.7} on x > 0", () => {
    const any = randLeaf([2, 3], 1, 1, 0);
    // keep x away from 0 for e = −1
    for (let i = 0; i < any.size; i++) if (Math.abs(any.data[i]) < 0.3) any.data[i] += 0.6;
    const pos = randLeaf([2, 3], 2, 0.3, 2);
    for (const e of [2, 3, -1]) {
      expect(gradcheck((t) => t.pow(e), [any])).toBe(true);
      expect(gradgradcheck((t) => t.pow(e), [any])).toBe(true);
    }
    for (const e of [0.5, 2.7]) {
      expect(gradcheck((t) => t.pow(e), [pos])).toBe(true);
      expect(gradgradcheck((t) => t.pow(e), [pos])).toBe(true);
    }
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, positive values, real exponents and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), { lo: 0.2, hi: 3 }), fc.double({ min: -3, max: 3, noNaN: true }), seedArb, ({ shape, values }, e, seed) =>
        checkVjp((x) => x.pow(e), [fromValues(values, shape)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: for integer e, y = xᵉ and ∂x = c·e·xᵉ⁻¹ on any sign (|x| ≥ 0.25)", () => {
    for (const e of [2, 3, 4, -2]) {
      unaryReferenceProperty(
        { op: (x) => x.pow(e), f: (x) => x ** e, df: (x) => e * x ** (e - 1), values: { avoid: [0], gap: 0.25 }, k: 6 },
        15,
      );
    }
  });

  it("float32: xᵉ takes one rounding; g·e·xᵉ⁻¹ three; the gradient is float32", () => {
    const x = randLeaf([3, 2], 4, 0.3, 2);
    for (const e of [2, 3, 0.5]) {
      const { y32, y64, g32, g64 } = runBothDtypes((t) => t.pow(e), [x]);
      expectFloat32Near(y32, y64, 1);
      expectFloat32Near(g32[0], g64[0], 3);
    }
  });
});
