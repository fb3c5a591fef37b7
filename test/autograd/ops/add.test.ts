import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add } from "../../../src/autograd/ops/add.ts";
import { checkVjp, gradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { binaryReferenceProperty } from "./binary-reference.ts";
import {
  broadcastPairArb, expectClose, expectFloat32Near, fromValues, leaf, maxAbs, numel, randLeaf, runBothDtypes, seedArb,
  valuesArb,
} from "./helpers.ts";

describe("add: a + b;  ∂a = g, ∂b = g", () => {
  it("same shapes: values are a + b and both gradients are g", () => {
    const a = leaf([[1, 2], [3, 4]]);
    const b = leaf([[0.5, -2], [10, 0.25]]);
    const y = a.add(b);
    expectClose(y, [[1 + 0.5, 2 - 2], [3 + 10, 4 + 0.25]]);
    y.backward(tensor([[1, -1], [2, 3]]));
    expectClose(a.grad, [[1, -1], [2, 3]]);
    expectClose(b.grad, [[1, -1], [2, 3]]);
  });

  it("broadcast [2, 3] + [3]: the row operand's gradient is g summed over rows", () => {
    const a = leaf([[1, 2, 3], [4, 5, 6]]);
    const b = leaf([10, 20, 30]);
    const y = a.add(b);
    expectClose(y, [[1 + 10, 2 + 20, 3 + 30], [4 + 10, 5 + 20, 6 + 30]]);
    const [ga, gb] = grad(y, [a, b], { gradOutputs: tensor([[1, 2, 3], [4, 5, 6]]) });
    expectClose(ga, [[1, 2, 3], [4, 5, 6]]);
    expectClose(gb, [1 + 4, 2 + 5, 3 + 6]);
  });

  it("broadcast [2, 1] + [1, 3] to [2, 3]: each gradient sums g over the axes its operand was repeated on", () => {
    const a = leaf([[1], [2]]);
    const b = leaf([[10, 20, 30]]);
    const y = add(a, b);
    expectClose(y, [[11, 21, 31], [12, 22, 32]]);
    const [ga, gb] = grad(y, [a, b], { gradOutputs: tensor([[1, 2, 3], [4, 5, 6]]) });
    expectClose(ga, [[1 + 2 + 3], [4 + 5 + 6]]);
    expectClose(gb, [[1 + 4, 2 + 5, 3 + 6]]);
  });

  it("number operand on either side: x + 2.5 = 2.5 + x, ∂x = g", () => {
    const x = leaf([1, -2]);
    expectClose(x.add(2.5), [1 + 2.5, -2 + 2.5]);
    const y = add(2.5, x);
    expectClose(y, [2.5 + 1, 2.5 - 2]);
    expectClose(grad(y, x, { gradOutputs: tensor([3, 4]) }), [3, 4]);
  });

  it("gradcheck: float64 central differences agree with backward, with broadcasting", () => {
    expect(gradcheck((a, b) => a.add(b), [randLeaf([2, 3], 1), randLeaf([1, 3], 2)])).toBe(true);
    expect(gradcheck((a, b) => a.add(b), [randLeaf([], 3), randLeaf([2, 2], 4)])).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random broadcast shapes, values and directions", () => {
    fc.assert(
      fc.property(
        broadcastPairArb().chain(([sa, sb]) =>
          fc.tuple(fc.constant(sa), fc.constant(sb), valuesArb(numel(sa)), valuesArb(numel(sb)), seedArb),
        ),
        ([sa, sb, va, vb, seed]) => checkVjp((a, b) => a.add(b), [fromValues(va, sa), fromValues(vb, sb)], { seed }),
      ),
      { numRuns: 60 },
    );
  });

  it("property: y[k] = a[ia(k)] + b[ib(k)] and ∂a[j] = Σ_{k: ia(k)=j} c[k] (plain-loop broadcast reference)", () => {
    binaryReferenceProperty({ op: (a, b) => a.add(b), f: (a, b) => a + b, da: () => 1, db: () => 1 });
  });

  it("property: a + b = b + a bit for bit (IEEE addition commutes)", () => {
    fc.assert(
      fc.property(
        broadcastPairArb().chain(([sa, sb]) => fc.tuple(fc.constant(sa), fc.constant(sb), valuesArb(numel(sa)), valuesArb(numel(sb)))),
        ([sa, sb, va, vb]) => {
          const a = fromValues(va, sa);
          const b = fromValues(vb, sb);
          expect(Array.from(a.add(b).data)).toEqual(Array.from(b.add(a).data));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("float32: one rounding, |y₃₂ − y₆₄| ≤ u₃₂|y|; gradients come back float32 and equal (sums of ≤ 2 terms)", () => {
    const { y32, y64, g32, g64, v } = runBothDtypes((a, b) => a.add(b), [randLeaf([3, 4], 11), randLeaf([4], 12)]);
    expectFloat32Near(y32, y64, 1);
    expectFloat32Near(g32[0], g64[0], 0);
    // ∂b sums 3 float32 terms: 2 roundings of partial sums no larger than 3·max|v|.
    expectFloat32Near(g32[1], g64[1], 2, 3 * maxAbs(v));
  });

  it("mixed float32 + float64 promotes to float64; the float32 operand's gradient comes back float32", () => {
    const a = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    const b = leaf([0.5, 0.25]);
    const y = a.add(b);
    expect(y.dtype).toBe("float64");
    const [ga, gb] = grad(y, [a, b], { gradOutputs: tensor([1, 2]) });
    expect(ga?.dtype).toBe("float32");
    expect(gb?.dtype).toBe("float64");
    expect(Array.from(ga?.data ?? [])).toEqual([1, 2]);
  });
});
