import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sub } from "../../../src/autograd/ops/sub.ts";
import { checkVjp, gradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { binaryReferenceProperty } from "./binary-reference.ts";
import {
  broadcastPairArb, expectClose, expectFloat32Near, fromValues, leaf, maxAbs, numel, randLeaf, runBothDtypes, seedArb,
  valuesArb,
} from "./helpers.ts";

describe("sub: a − b;  ∂a = g, ∂b = −g", () => {
  it("same shapes: values are a − b, ∂a = g and ∂b = −g", () => {
    const a = leaf([[1, 2], [3, 4]]);
    const b = leaf([[0.5, -2], [10, 0.25]]);
    const y = a.sub(b);
    expectClose(y, [[1 - 0.5, 2 + 2], [3 - 10, 4 - 0.25]]);
    y.backward(tensor([[1, -1], [2, 3]]));
    expectClose(a.grad, [[1, -1], [2, 3]]);
    expectClose(b.grad, [[-1, 1], [-2, -3]]);
  });

  it("broadcast [2, 3] − [2, 1]: the column operand's gradient is −g summed along each row", () => {
    const a = leaf([[1, 2, 3], [4, 5, 6]]);
    const b = leaf([[10], [20]]);
    const y = a.sub(b);
    expectClose(y, [[1 - 10, 2 - 10, 3 - 10], [4 - 20, 5 - 20, 6 - 20]]);
    const [ga, gb] = grad(y, [a, b], { gradOutputs: tensor([[1, 2, 3], [4, 5, 6]]) });
    expectClose(ga, [[1, 2, 3], [4, 5, 6]]);
    expectClose(gb, [[-(1 + 2 + 3)], [-(4 + 5 + 6)]]);
  });

  it("number operand on either side: x − 2 and 2 − x, with ∂x = g and −g", () => {
    const x = leaf([1, -2]);
    const y1 = x.sub(2);
    expectClose(y1, [1 - 2, -2 - 2]);
    expectClose(grad(y1, x, { gradOutputs: tensor([3, 4]) }), [3, 4]);
    const y2 = sub(2, x);
    expectClose(y2, [2 - 1, 2 + 2]);
    expectClose(grad(y2, x, { gradOutputs: tensor([3, 4]) }), [-3, -4]);
  });

  it("a − a is exactly zero with gradient g − g = 0", () => {
    const a = leaf([1.5, -2.25]);
    const y = a.sub(a);
    expectClose(y, [0, 0]);
    expectClose(grad(y, a, { gradOutputs: tensor([3, 4]) }), [0, 0]);
  });

  it("gradcheck: float64 central differences agree with backward, with broadcasting", () => {
    expect(gradcheck((a, b) => a.sub(b), [randLeaf([2, 3], 1), randLeaf([2, 1], 2)])).toBe(true);
    expect(gradcheck((a, b) => a.sub(b), [randLeaf([3], 3), randLeaf([], 4)])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random broadcast shapes, values and directions", () => {
    fc.assert(
      fc.property(
        broadcastPairArb().chain(([sa, sb]) =>
          fc.tuple(fc.constant(sa), fc.constant(sb), valuesArb(numel(sa)), valuesArb(numel(sb)), seedArb),
        ),
        ([sa, sb, va, vb, seed]) => checkVjp((a, b) => a.sub(b), [fromValues(va, sa), fromValues(vb, sb)], { seed }),
      ),
      { numRuns: 60 },
    );
  });

  it("property: y[k] = a[ia(k)] − b[ib(k)], ∂a[j] = Σ c[k], ∂b[j] = −Σ c[k] (plain-loop broadcast reference)", () => {
    binaryReferenceProperty({ op: (a, b) => a.sub(b), f: (a, b) => a - b, da: () => 1, db: () => -1 });
  });

  it("property: a − b = −(b − a) bit for bit (IEEE subtraction is exactly antisymmetric)", () => {
    fc.assert(
      fc.property(
        broadcastPairArb().chain(([sa, sb]) => fc.tuple(fc.constant(sa), fc.constant(sb), valuesArb(numel(sa)), valuesArb(numel(sb)))),
        ([sa, sb, va, vb]) => {
          const a = fromValues(va, sa);
          const b = fromValues(vb, sb);
          expect(Array.from(a.sub(b).data)).toEqual(Array.from(b.sub(a).neg().data).map((v) => v + 0));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("float32: one rounding, |y₃₂ − y₆₄| ≤ u₃₂|y|; gradients come back float32", () => {
    const { y32, y64, g32, g64, v } = runBothDtypes((a, b) => a.sub(b), [randLeaf([3, 4], 11), randLeaf([3, 1], 12)]);
    expectFloat32Near(y32, y64, 1);
    expectFloat32Near(g32[0], g64[0], 0);
    // ∂b sums 4 float32 terms: 3 roundings of partial sums no larger than 4·max|v|.
    expectFloat32Near(g32[1], g64[1], 3, 4 * maxAbs(v));
  });
});
