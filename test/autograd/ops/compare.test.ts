import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eq } from "../../../src/autograd/ops/eq.ts";
import { ge } from "../../../src/autograd/ops/ge.ts";
import { gt } from "../../../src/autograd/ops/gt.ts";
import { le } from "../../../src/autograd/ops/le.ts";
import { lt } from "../../../src/autograd/ops/lt.ts";
import { ne } from "../../../src/autograd/ops/ne.ts";
import { checkVjp, gradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { GradError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { broadcastIndex, broadcastPairArb, broadcastShapeRef, expectExact, fromValues, leaf, numel, randLeaf, seedArb } from "./helpers.ts";

const OPS = [
  ["gt", gt, (a: number, b: number) => a > b],
  ["ge", ge, (a: number, b: number) => a >= b],
  ["lt", lt, (a: number, b: number) => a < b],
  ["le", le, (a: number, b: number) => a <= b],
  ["eq", eq, (a: number, b: number) => a === b],
  ["ne", ne, (a: number, b: number) => a !== b],
] as const;

describe("compare (gt ge lt le eq ne): masks of 1 and 0;  no gradient", () => {
  it("each comparison of [1, 2, 3] with the number 2", () => {
    const x = leaf([1, 2, 3]);
    expectExact(x.gt(2), [0, 0, 1]);
    expectExact(x.ge(2), [0, 1, 1]);
    expectExact(x.lt(2), [1, 0, 0]);
    expectExact(x.le(2), [1, 1, 0]);
    expectExact(x.eq(2), [0, 1, 0]);
    expectExact(x.ne(2), [1, 0, 1]);
  });

  it("broadcast [2, 1] against [3], and a number as the first operand", () => {
    const a = leaf([[1], [2]]);
    const b = leaf([0, 1, 2]);
    expectExact(a.gt(b), [[1, 0, 0], [1, 1, 0]]);
    expectExact(le(2, b), [0, 0, 1]);
  });

  it("the mask needs no gradient: requiresGrad false, no gradFn, but the node is kept for tape listings", () => {
    const x = leaf([1, 2]);
    const m = x.gt(1);
    expect(m.requiresGrad).toBe(false);
    expect(m.gradFn).toBeNull();
    expect(m.node?.def.name).toBe("gt");
    expect(m.node?.def.backward).toBeNull();
  });

  it("an input reached only through a comparison gets null with allowUnused, and an error naming it without", () => {
    const x = leaf([1, 2]);
    for (const [, op] of OPS) {
      const s = op(x, 1.5).sum();
      expect(grad(s, x, { allowUnused: true })).toBeNull();
    }
    const y = leaf([3]);
    const mixed = x.gt(0).sum().add(y.sum());
    expect(grad(mixed, [x, y], { allowUnused: true })[0]).toBeNull();
    expect(() => grad(mixed.add(0), [x, y])).toThrow(GradError);
  });

  it("a mask as a constant factor: x·[x > 0] has gradient [x > 0] (relu by hand)", () => {
    const x = leaf([-1, 2, 0.5]);
    expectExact(grad(x.mul(x.gt(0)).sum(), x), [0, 1, 1]);
  });

  it("gradcheck: x·[x > t] matches finite differences away from t (the mask is locally constant)", () => {
    const x = fromValues([-1.3, 0.4, 2.1, -0.2, 0.9, 1.6], [2, 3]);
    expect(gradcheck((t) => t.mul(t.gt(0.5)).add(t.mul(t.le(-0.5))), [x])).toBe(true);
  });

  it("property: every mask equals the JS comparison on the broadcast shape, and ne = 1 − eq, ge = 1 − lt", () => {
    fc.assert(
      fc.property(
        broadcastPairArb().chain(([sa, sb]) => fc.tuple(fc.constant(sa), fc.constant(sb), fc.array(fc.integer({ min: -2, max: 2 }), { minLength: numel(sa), maxLength: numel(sa) }), fc.array(fc.integer({ min: -2, max: 2 }), { minLength: numel(sb), maxLength: numel(sb) }))),
        ([sa, sb, va, vb]) => {
          const a = tensor(va, { shape: sa });
          const b = tensor(vb, { shape: sb });
          const shape = broadcastShapeRef(sa, sb);
          const ia = broadcastIndex(sa, shape);
          const ib = broadcastIndex(sb, shape);
          for (const [, op, f] of OPS) {
            const m = op(a, b);
            expect([...m.shape]).toEqual(shape);
            expect(Array.from(m.data)).toEqual(ia.map((j, k) => (f(va[j], vb[ib[k]]) ? 1 : 0)));
          }
          expect(Array.from(ne(a, b).data)).toEqual(Array.from(eq(a, b).neg().add(1).data));
          expect(Array.from(ge(a, b).data)).toEqual(Array.from(lt(a, b).neg().add(1).data));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for x·[x > 0] with |x| ≥ 1e-3 (the mask contributes nothing)", () => {
    fc.assert(
      fc.property(broadcastPairArb().map(([s]) => s), seedArb, (shape, seed) => {
        const x = randLeaf(shape, seed);
        for (let i = 0; i < x.size; i++) if (Math.abs(x.data[i]) < 1e-3) x.data[i] = 1e-3;
        return checkVjp((t: Tensor) => t.mul(t.gt(0)), [x], { seed });
      }),
      { numRuns: 40 },
    );
  });

  it("float32: a float32 comparison gives a float32 mask", () => {
    const a = tensor([1, 2, 3], { dtype: "float32" });
    for (const [, op, f] of OPS) {
      const m = op(a, 2);
      expect(m.dtype).toBe("float32");
      expect(Array.from(m.data)).toEqual([1, 2, 3].map((v) => (f(v, 2) ? 1 : 0)));
    }
  });
});
