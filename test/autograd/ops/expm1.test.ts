import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expm1 } from "../../../src/autograd/ops/expm1.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { unaryReferenceProperty } from "./unary-reference.ts";
import { caseArb, expectClose, expectFloat32Near, fromValues, leaf, randLeaf, runBothDtypes, seedArb, shapeArb, U64 } from "./helpers.ts";

describe("expm1: eˣ − 1;  ∂x = g·eˣ = g·(expm1(x) + 1)", () => {
  it("values are eˣ − 1 and the gradient is g·eˣ", () => {
    const x = leaf([[0, 1], [-1, 2]]);
    const y = x.expm1();
    expectClose(y, [[0, Math.E - 1], [1 / Math.E - 1, Math.E * Math.E - 1]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2], [3, -1]]) }), [[1, 2 * Math.E], [3 / Math.E, -Math.E * Math.E]]);
  });

  it("near 0 it keeps the digits exp(x) − 1 loses: expm1(1e-10) = 1e-10 + 1e-20/2 (+ 1e-30/6 …)", () => {
    const y = expm1(leaf(1e-10));
    expect(Math.abs(y.item() - (1e-10 + 1e-20 / 2)) / 1e-10).toBeLessThanOrEqual(2 * U64);
    // exp(x) − 1 in float64 is off in the 7th digit here.
    expect(Math.abs(Math.exp(1e-10) - 1 - 1e-10) / 1e-10).toBeGreaterThan(1e-8);
  });

  it("a scalar at 0: value 0, ∂x = e⁰ = 1, ∂²x = 1", () => {
    const x = leaf(0);
    const g = grad(expm1(x), x, { createGraph: true }) as Tensor;
    expectClose(g, 1);
    expectClose(grad(g, x), 1);
  });

  it("gradcheck and gradgradcheck: first and second derivatives agree with central differences", () => {
    const x = randLeaf([2, 3], 1);
    expect(gradcheck((t) => t.expm1(), [x])).toBe(true);
    expect(gradgradcheck((t) => t.expm1(), [x])).toBe(true);
  });

  it("property: expm1(a + b) = expm1(a) + expm1(b) + expm1(a)·expm1(b) (from e^(a+b) = eᵃ·eᵇ)", () => {
    // a and b are multiples of 2⁻²⁰ in [−5, 5], so a + b is exact: a rounded sum would move expm1(a + b) by up to
    // e^(a+b)·|a + b|·u₆₄, ten times the bound below at |a + b| = 10.
    const grid = fc.integer({ min: -5 * 2 ** 20, max: 5 * 2 ** 20 }).map((k) => k / 2 ** 20);
    fc.assert(
      fc.property(
        grid,
        grid,
        (a, b) => {
          const [ea, eb, eab] = [a, b, a + b].map((v) => expm1(tensor(v)).item());
          const rhs = ea + eb + ea * eb;
          // Each side a few roundings of terms no larger than max(|ea|, |eb|, |ea·eb|, |eab|).
          const scale = Math.max(Math.abs(ea), Math.abs(eb), Math.abs(ea * eb), Math.abs(eab), Number.MIN_VALUE);
          expect(Math.abs(eab - rhs)).toBeLessThanOrEqual(8 * U64 * scale);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, values and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb()), seedArb, ({ shape, values }, seed) =>
        checkVjp((x) => x.expm1(), [fromValues(values, shape)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: ∂x = c·eˣ against Math.exp, within the rounding of expm1(x) + 1 (absolute u₆₄ where eˣ < 1)", () => {
    // The rule adds 1 to the saved output: where eˣ is small that sum rounds to an absolute error of about u₆₄.
    unaryReferenceProperty({ op: (x) => x.expm1(), f: Math.expm1, df: Math.exp, values: { lo: -20, hi: 20 }, floor: 1 });
  });

  it("float32: eˣ − 1 takes one rounding; ∂x = g·(y + 1) three; the gradient is float32", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((x) => x.expm1(), [randLeaf([3, 2], 4)]);
    expectFloat32Near(y32, y64, 1);
    expectFloat32Near(g32[0], g64[0], 3);
  });
});
