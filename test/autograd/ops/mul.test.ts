import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mul } from "../../../src/autograd/ops/mul.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { binaryReferenceProperty } from "./binary-reference.ts";
import {
  broadcastPairArb, expectClose, expectFloat32Near, fromValues, leaf, maxAbs, numel, randLeaf, runBothDtypes,
  seedArb, valuesArb,
} from "./helpers.ts";

describe("mul: a·b;  ∂a = g·b, ∂b = g·a", () => {
  it("same shapes: values are a·b, ∂a = g·b and ∂b = g·a", () => {
    const a = leaf([[1, 2], [3, 4]]);
    const b = leaf([[0.5, -2], [10, 0.25]]);
    const y = a.mul(b);
    expectClose(y, [[1 * 0.5, 2 * -2], [3 * 10, 4 * 0.25]]);
    y.backward(tensor([[1, -1], [2, 3]]));
    expectClose(a.grad, [[1 * 0.5, -1 * -2], [2 * 10, 3 * 0.25]]);
    expectClose(b.grad, [[1 * 1, -1 * 2], [2 * 3, 3 * 4]]);
  });

  it("broadcast [2, 3]·[3]: ∂b[j] = Σᵢ g[i, j]·a[i, j]", () => {
    const a = leaf([[1, 2, 3], [4, 5, 6]]);
    const b = leaf([10, 20, 30]);
    const y = a.mul(b);
    expectClose(y, [[1 * 10, 2 * 20, 3 * 30], [4 * 10, 5 * 20, 6 * 30]]);
    const [ga, gb] = grad(y, [a, b], { gradOutputs: tensor([[1, 2, 3], [4, 5, 6]]) });
    expectClose(ga, [[1 * 10, 2 * 20, 3 * 30], [4 * 10, 5 * 20, 6 * 30]]);
    expectClose(gb, [1 * 1 + 4 * 4, 2 * 2 + 5 * 5, 3 * 3 + 6 * 6]);
  });

  it("number operand on either side: 3·x = x·3 with ∂x = 3g", () => {
    const x = leaf([1, -2]);
    expectClose(x.mul(3), [3, -6]);
    const y = mul(3, x);
    expectClose(y, [3, -6]);
    expectClose(grad(y, x, { gradOutputs: tensor([0.5, 4]) }), [3 * 0.5, 3 * 4]);
  });

  it("x·x: both uses add up, ∂x = 2x·g; second order ∂²(Σ x·x)/∂x² applied to v is 2v", () => {
    const x = leaf([1.5, -2]);
    const y = x.mul(x).sum();
    const [gx] = grad(y, [x], { createGraph: true });
    expectClose(gx, [2 * 1.5, 2 * -2]);
    expectClose(grad(gx as Tensor, x, { gradOutputs: tensor([1, 3]) }), [2 * 1, 2 * 3]);
  });

  it("gradcheck and gradgradcheck: first and second derivatives agree with central differences, broadcast", () => {
    const inputs = [randLeaf([2, 3], 1), randLeaf([1, 3], 2)];
    expect(gradcheck((a, b) => a.mul(b), inputs)).toBe(true);
    expect(gradgradcheck((a, b) => a.mul(b), inputs)).toBe(true);
    expect(gradgradcheck((a) => a.mul(a), [randLeaf([3], 3)])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random broadcast shapes, values and directions", () => {
    fc.assert(
      fc.property(
        broadcastPairArb().chain(([sa, sb]) =>
          fc.tuple(fc.constant(sa), fc.constant(sb), valuesArb(numel(sa)), valuesArb(numel(sb)), seedArb),
        ),
        ([sa, sb, va, vb, seed]) => checkVjp((a, b) => a.mul(b), [fromValues(va, sa), fromValues(vb, sb)], { seed }),
      ),
      { numRuns: 60 },
    );
  });

  it("property: y[k] = a[ia(k)]·b[ib(k)], ∂a[j] = Σ c[k]·b[ib(k)] (plain-loop broadcast reference)", () => {
    binaryReferenceProperty({ op: (a, b) => a.mul(b), f: (a, b) => a * b, da: (_a, b) => b, db: (a) => a });
  });

  it("float32: one rounding, |y₃₂ − y₆₄| ≤ u₃₂|y|; gradients come back float32", () => {
    const { y32, y64, g32, g64, v } = runBothDtypes((a, b) => a.mul(b), [randLeaf([3, 4], 11), randLeaf([4], 12)]);
    expectFloat32Near(y32, y64, 1);
    // ∂a = g·b: one rounding.
    expectFloat32Near(g32[0], g64[0], 1);
    // ∂b sums 3 rounded products: 1 + 2 roundings on terms no larger than max|v|·max|a|.
    expectFloat32Near(g32[1], g64[1], 3, 3 * maxAbs(v) * maxAbs(randLeaf([3, 4], 11)));
  });
});
