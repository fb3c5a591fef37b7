import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { absBackward } from "../../../src/autograd/ops/abs-backward.ts";
import { clampBackward } from "../../../src/autograd/ops/clamp-backward.ts";
import { maxBackward } from "../../../src/autograd/ops/max-backward.ts";
import { reluBackward } from "../../../src/autograd/ops/relu-backward.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { caseArb, expectExact, expectFloat32Near, fromValues, leaf, randLeaf, runBothDtypes, seedArb, shapeArb } from "./helpers.ts";

const positive = (v: number) => (v > 0 ? 1 : 0);
const GATES = [
  ["reluBackward", reluBackward],
  ["absBackward", absBackward],
  ["clampBackward", clampBackward],
  ["maxBackward", maxBackward],
] as const;

describe("gate ops (reluBackward absBackward clampBackward maxBackward): g·m(x);  ∂g = gg·m(x), ∂x = 0 or none", () => {
  it("reluBackward(g, x) = g·[x > 0]; ∂g = gg·[x > 0] and ∂x = zeros (not null)", () => {
    const g = leaf([1, 2, 3]);
    const x = leaf([-1, 0.5, 2]);
    const y = reluBackward(g, x, positive);
    expectExact(y, [0, 2, 3]);
    expect(y.node?.def.name).toBe("reluBackward");
    const [gg, gx] = grad(y, [g, x], { gradOutputs: tensor([10, 20, 30]) });
    expectExact(gg, [0, 20, 30]);
    expectExact(gx, [0, 0, 0]);
  });

  it("a mask given as a tensor (max's tie shares): g·m, and a 0 mask never turns an infinite g into NaN", () => {
    const g = leaf([4, Infinity, 6]);
    const x = leaf([1, 1, 0]);
    const y = maxBackward(g, x, tensor([0.5, 0, 0.5]));
    expectExact(y, [4 * 0.5, 0, 6 * 0.5]);
  });

  it("second order: through relu and abs x gets zeros; through clamp and max (mask selections) null, as PyTorch 1.13", () => {
    const x = leaf([-1.5, 0.5, 2]);
    const w = leaf([3, 4, 5]);
    const parents: [string, (t: Tensor) => Tensor, "zeros" | "null"][] = [
      ["reluBackward", (t) => t.relu(), "zeros"],
      ["absBackward", (t) => t.abs(), "zeros"],
      ["clampBackward", (t) => t.clamp(-1, 1), "null"],
      ["maxBackward", (t) => t.max(0, true), "null"],
    ];
    for (const [name, f, expected] of parents) {
      const g = grad(f(x).mul(w).sum(), x, { createGraph: true }) as Tensor;
      expect(g.node?.def.name).toBe(name);
      const [second] = grad(g.mul(tensor([1, 2, 3])).sum(), [x, w], { allowUnused: true });
      if (expected === "null") expect(second).toBeNull();
      else expectExact(second, [0, 0, 0]);
    }
  });

  it("a mask kind ('positive' for relu, 'sign' for abs) gives the callback's values and gradients; its node reads x, so an in-place change of x before the second backward throws", () => {
    const x = leaf([-1.5, 0.5, 2, 0]);
    const g = leaf([1, 2, 3, 4]);
    const c = tensor([10, 20, 30, 40]);
    for (const [gate, kind, m] of [[reluBackward, "positive", positive], [absBackward, "sign", Math.sign]] as const) {
      const byKind = gate(g, x, kind);
      const byFn = gate(g, x, m);
      expect(Array.from(byKind.data)).toEqual(Array.from(byFn.data));
      const [gg, gx] = grad(byKind, [g, x], { gradOutputs: c });
      const [gg2, gx2] = grad(byFn, [g, x], { gradOutputs: c });
      expect([Array.from(gg!.data), Array.from(gx!.data)]).toEqual([Array.from(gg2!.data), Array.from(gx2!.data)]);
    }
    const x2 = leaf([-1.5, 0.5]);
    const y = reluBackward(leaf([1, 2]), x2, "positive");
    x2.detach().data[0] = 3;
    x2.bumpVersion();
    expect(() => grad(y.sum(), x2)).toThrow(/changed in place/);
  });

  it("a scalar g and x", () => {
    const g = leaf(3);
    const x = leaf(-2);
    const y = absBackward(g, x, (v) => Math.sign(v));
    expectExact(y, -3);
    expectExact(grad(y, g), -1);
  });

  it("gradcheck and gradgradcheck of (g, x) ↦ gate(g, x) away from the kinks: ∂x is 0 by differences too", () => {
    const g = randLeaf([2, 3], 1);
    const x = fromValues([-1.2, 0.3, 0.8, -0.4, 1.9, -2.2], [2, 3]);
    for (const [, gate] of GATES) {
      expect(gradcheck((a, b) => gate(a, b, positive), [g, x])).toBe(true);
      expect(gradgradcheck((a, b) => gate(a, b, positive).mul(a), [g, x])).toBe(true);
    }
  });

  it("property: gate(g, x) = g·m(x) exactly, ∂g = c·m(x), ∂x = 0 (relu, abs) or null (clamp, max)", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), { avoid: [0], gap: 1e-3 }), ({ shape, values }) => {
        const x = fromValues(values, shape);
        const g = randLeaf(shape, 2);
        const c = randLeaf(shape, 3).detach();
        for (const [name, gate] of GATES) {
          const y = gate(g, x, positive);
          expect(Array.from(y.data)).toEqual(values.map((v, i) => (v > 0 ? g.data[i] : 0)));
          const [gg, gx] = grad(y, [g, x], { gradOutputs: c, allowUnused: true });
          expect(Array.from((gg as Tensor).data)).toEqual(values.map((v, i) => (v > 0 ? c.data[i] : 0)));
          if (name === "clampBackward" || name === "maxBackward") expect(gx).toBeNull();
          else expect(Array.from((gx as Tensor).data)).toEqual(values.map(() => 0));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, values (|x| ≥ 1e-3) and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), { avoid: [0], gap: 1e-3 }), seedArb, ({ shape, values }, seed) =>
        checkVjp((g, x) => reluBackward(g, x, positive), [randLeaf(shape, seed), fromValues(values, shape)], { seed })),
      { numRuns: 40 },
    );
  });

  it("float32: g·m with a 0/1 mask is exact, and so are its gradients", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((g, x) => reluBackward(g, x, positive), [randLeaf([2, 3], 1), randLeaf([2, 3], 2)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 0);
    expectFloat32Near(g32[1], g64[1], 0);
  });
});
