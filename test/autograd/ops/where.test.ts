import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { where } from "../../../src/autograd/ops/where.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  broadcastIndex, broadcastShapeRef, expectExact, expectFloat32Near, leaf, maxAbs, numel, randLeaf, runBothDtypes,
  seedArb, shapeArb, sumToRef, U64,
} from "./helpers.ts";

/** Three shapes that broadcast together: each drops some leading axes of a common shape and sets others to 1. */
const tripleArb = shapeArb(0, 3, 3).chain((s) => {
  const sub = fc.tuple(fc.integer({ min: 0, max: s.length }), fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }))
    .map(([drop, ones]) => s.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)));
  return fc.tuple(sub, sub, sub);
});

describe("where: c ≠ 0 ? a : b;  ∂a = g where c, ∂b = g where not c, zeros on the unselected side, no gradient to c", () => {
  it("selects elementwise; each side's gradient is g where it was selected and 0 elsewhere", () => {
    const c = tensor([1, 0, 1, 0]);
    const a = leaf([1, 2, 3, 4]);
    const b = leaf([10, 20, 30, 40]);
    const y = where(c, a, b);
    expectExact(y, [1, 20, 3, 40]);
    const [ga, gb] = grad(y, [a, b], { gradOutputs: tensor([5, 6, 7, 8]) });
    expectExact(ga, [5, 0, 7, 0]);
    expectExact(gb, [0, 6, 0, 8]);
  });

  it("broadcast: a [2, 1] condition, a [2, 3] tensor and a number; the tensor's gradient is masked g", () => {
    const c = tensor([[1], [0]]);
    const a = leaf([[1, 2, 3], [4, 5, 6]]);
    const y = where(c, a, -1);
    expectExact(y, [[1, 2, 3], [-1, -1, -1]]);
    expectExact(grad(y, a, { gradOutputs: tensor([[1, 2, 3], [4, 5, 6]]) }), [[1, 2, 3], [0, 0, 0]]);
    const r = leaf([10, 20, 30]); // a row shared by both rows of the output
    const z = where(c, 0, r);
    expectExact(z, [[0, 0, 0], [10, 20, 30]]);
    expectExact(grad(z, r, { gradOutputs: tensor([[1, 2, 3], [4, 5, 6]]) }), [4, 5, 6]);
  });

  it("the unselected side gets zeros, not null: it is reached, with derivative 0", () => {
    const a = leaf([1, 2]);
    const b = leaf([3, 4]);
    const [ga, gb] = grad(where(tensor([1, 1]), a, b), [a, b], { gradOutputs: tensor([1, 1]) });
    expectExact(ga, [1, 1]);
    expect(gb).not.toBeNull();
    expectExact(gb, [0, 0]);
  });

  it("the condition gets null even when it requires grad, and a mask made by a comparison passes nothing", () => {
    const x = leaf([-1, 2]);
    const cond = leaf([1, 0]);
    const y = where(cond, x, x.mul(2));
    const [gc, gx] = grad(y, [cond, x], { gradOutputs: tensor([1, 1]), allowUnused: true });
    expect(gc).toBeNull();
    expectExact(gx, [1, 2]);
    const z = where(x.gt(0), x, 0); // relu by hand
    expectExact(grad(z, x, { gradOutputs: tensor([3, 4]) }), [0, 4]);
  });

  it("a scalar condition and scalar operands", () => {
    const a = leaf(2);
    const y = where(tensor(0), a, 7);
    expectExact(y, 7);
    expectExact(grad(y, a), 0);
  });

  it("gradcheck and gradgradcheck with broadcasting", () => {
    const c = tensor([[1, 0, 1], [0, 0, 1]]);
    expect(gradcheck((a, b) => where(c, a, b), [randLeaf([2, 3], 1), randLeaf([3], 2)])).toBe(true);
    expect(gradgradcheck((a, b) => where(c, a.mul(a), b.mul(a)), [randLeaf([2, 3], 3), randLeaf([2, 1], 4)])).toBe(true);
  });

  it("property: y[k] = c[k] ? a[k] : b[k] on the broadcast shape, ∂a = sumTo(c ? g : 0), ∂b = sumTo(c ? 0 : g)", () => {
    fc.assert(
      fc.property(tripleArb, seedArb, ([sc, sa, sb], seed) => {
        const shape = broadcastShapeRef(broadcastShapeRef(sc, sa), sb);
        const cond = tensor(Array.from(randLeaf(sc, seed).data, (v) => (v > 0 ? 1 : 0)), { shape: sc });
        const a = randLeaf(sa, seed + 1);
        const b = randLeaf(sb, seed + 2);
        const y = where(cond, a, b);
        expect([...y.shape]).toEqual(shape);
        const ic = broadcastIndex(sc, shape);
        const ia = broadcastIndex(sa, shape);
        const ib = broadcastIndex(sb, shape);
        expect(Array.from(y.data)).toEqual(ic.map((j, k) => (cond.data[j] !== 0 ? a.data[ia[k]] : b.data[ib[k]])));
        const g = randLeaf(shape, seed + 3).detach();
        const [ga, gb] = grad(y, [a, b], { gradOutputs: g });
        const n = numel(shape);
        const tol = 2 * n * U64 * n * maxAbs(g);
        const wantA = sumToRef(ic.map((j, k) => (cond.data[j] !== 0 ? g.data[k] : 0)), shape, sa);
        const wantB = sumToRef(ic.map((j, k) => (cond.data[j] !== 0 ? 0 : g.data[k])), shape, sb);
        wantA.forEach((w, i) => expect(Math.abs((ga as Tensor).data[i] - w)).toBeLessThanOrEqual(tol));
        wantB.forEach((w, i) => expect(Math.abs((gb as Tensor).data[i] - w)).toBeLessThanOrEqual(tol));
      }),
      { numRuns: 80 },
    );
  });

  it("property: where(c, a, b) + where(c, b, a) = a + b (each position takes each value once)", () => {
    fc.assert(
      fc.property(shapeArb(), seedArb, (shape, seed) => {
        const cond = tensor(Array.from(randLeaf(shape, seed).data, (v) => (v > 0 ? 1 : 0)), { shape });
        const a = randLeaf(shape, seed + 1);
        const b = randLeaf(shape, seed + 2);
        expect(Array.from(where(cond, a, b).add(where(cond, b, a)).data)).toEqual(Array.from(a.add(b).data));
      }),
      { numRuns: 40 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random broadcast shapes, conditions and directions", () => {
    fc.assert(
      fc.property(tripleArb, seedArb, ([sc, sa, sb], seed) => {
        const cond = tensor(Array.from(randLeaf(sc, seed).data, (v) => (v > 0 ? 1 : 0)), { shape: sc });
        return checkVjp((a, b) => where(cond, a, b), [randLeaf(sa, seed + 1), randLeaf(sb, seed + 2)], { seed });
      }),
      { numRuns: 40 },
    );
  });

  it("float32: selected values and masked gradients are exact in float32", () => {
    const c = tensor([[1, 0, 1], [0, 1, 1]]);
    const { y32, y64, g32, g64 } = runBothDtypes((a, b) => where(c, a, b), [randLeaf([2, 3], 5), randLeaf([2, 3], 6)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 0);
    expectFloat32Near(g32[1], g64[1], 0);
  });
});
