import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { div } from "../../../src/autograd/ops/div.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { binaryReferenceProperty } from "./binary-reference.ts";
import {
  broadcastPairArb, expectClose, expectFloat32Near, fromValues, leaf, maxAbs, numel, randLeaf, runBothDtypes,
  seedArb, valuesArb,
} from "./helpers.ts";

// Divisors stay in |b| ≥ 0.5, away from the pole at 0.
const divisor = { lo: -2, hi: 2, avoid: [0], gap: 0.5 };

describe("div: a / b;  ∂a = g / b, ∂b = −g·a / b²", () => {
  it("same shapes: values are a / b, ∂a = g / b and ∂b = −g·a / b²", () => {
    const a = leaf([[1, 2], [3, 4]]);
    const b = leaf([[0.5, -2], [10, 0.25]]);
    const y = a.div(b);
    expectClose(y, [[1 / 0.5, 2 / -2], [3 / 10, 4 / 0.25]]);
    y.backward(tensor([[1, -1], [2, 3]]));
    expectClose(a.grad, [[1 / 0.5, -1 / -2], [2 / 10, 3 / 0.25]]);
    expectClose(b.grad, [[(-1 * 1) / (0.5 * 0.5), (1 * 2) / (2 * 2)], [(-2 * 3) / (10 * 10), (-3 * 4) / (0.25 * 0.25)]]);
  });

  it("broadcast [2, 2] / [2]: ∂b[j] = −Σᵢ g[i, j]·a[i, j] / b[j]²", () => {
    const a = leaf([[1, 2], [3, 4]]);
    const b = leaf([2, 4]);
    const y = a.div(b);
    expectClose(y, [[1 / 2, 2 / 4], [3 / 2, 4 / 4]]);
    const [ga, gb] = grad(y, [a, b], { gradOutputs: tensor([[1, 1], [1, 2]]) });
    expectClose(ga, [[1 / 2, 1 / 4], [1 / 2, 2 / 4]]);
    expectClose(gb, [-(1 * 1 + 1 * 3) / 4, -(1 * 2 + 2 * 4) / 16]);
  });

  it("number operand on either side: x / 4 with ∂x = g / 4, and 3 / x with ∂x = −3g / x²", () => {
    const x = leaf([1, -2]);
    const y1 = x.div(4);
    expectClose(y1, [1 / 4, -2 / 4]);
    expectClose(grad(y1, x, { gradOutputs: tensor([1, 2]) }), [1 / 4, 2 / 4]);
    const y2 = div(3, x);
    expectClose(y2, [3 / 1, 3 / -2]);
    expectClose(grad(y2, x, { gradOutputs: tensor([1, 2]) }), [-3 / 1, (-2 * 3) / 4]);
  });

  it("x / sg(x) is 1 with gradient g / x (the detach factor of the perturbation node)", () => {
    const x = leaf([2, -0.5]);
    const y = x.div(x.detach());
    expectClose(y, [1, 1]);
    expectClose(grad(y, x, { gradOutputs: tensor([1, 1]) }), [1 / 2, 1 / -0.5]);
  });

  it("gradcheck and gradgradcheck: first and second derivatives agree with central differences, broadcast", () => {
    const inputs = [randLeaf([2, 3], 1), randLeaf([3], 2, 0.3, 1.5)];
    expect(gradcheck((a, b) => a.div(b), inputs)).toBe(true);
    expect(gradgradcheck((a, b) => a.div(b), inputs)).toBe(true);
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random broadcast shapes, values (|b| ≥ 0.5) and directions", () => {
    fc.assert(
      fc.property(
        broadcastPairArb().chain(([sa, sb]) =>
          fc.tuple(fc.constant(sa), fc.constant(sb), valuesArb(numel(sa)), valuesArb(numel(sb), divisor), seedArb),
        ),
        ([sa, sb, va, vb, seed]) => checkVjp((a, b) => a.div(b), [fromValues(va, sa), fromValues(vb, sb)], { seed }),
      ),
      { numRuns: 60 },
    );
  });

  it("property: y[k] = a/b, ∂a[j] = Σ c/b, ∂b[j] = −Σ c·a/b² (plain-loop broadcast reference)", () => {
    binaryReferenceProperty({
      op: (a, b) => a.div(b),
      f: (a, b) => a / b,
      da: (_a, b) => 1 / b,
      db: (a, b) => -a / (b * b),
      b: divisor,
    });
  });

  it("float32: one rounding for a / b; gradients come back float32", () => {
    const a = randLeaf([3, 4], 11);
    const b = randLeaf([4], 12, 0.2, 1.5);
    const { y32, y64, g32, g64, v } = runBothDtypes((x, z) => x.div(z), [a, b]);
    expectFloat32Near(y32, y64, 1);
    // ∂a = g / b: one rounding.
    expectFloat32Near(g32[0], g64[0], 1);
    // ∂b: each term −g·a / (b·b) takes 4 roundings, then 2 more for summing 3 terms, each term at most
    // max|v|·max|a| / min|b|² ≤ max|v|·max|a| (min |b| ≥ 1 for this seed, asserted).
    expect(Math.min(...Array.from(b.data).map(Math.abs))).toBeGreaterThan(1);
    expectFloat32Near(g32[1], g64[1], 6, 3 * maxAbs(v) * maxAbs(a));
  });
});
