import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { GradError } from "../../src/autograd/errors.ts";
import { grad } from "../../src/autograd/grad.ts";
import { sortNewestFirst } from "../../src/autograd/tape.ts";
import { enableGrad } from "../../src/autograd/mode.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { describeProgram, makeLeaves, programArb, runProgram } from "./programs.ts";

const U = 2 ** -53;

describe("backward into .grad", () => {
  it("accumulates across calls (d(x²)/dx = 2x, twice gives 4x) and zeroGrad clears it", () => {
    const x = tensor([1.5, -2], { requiresGrad: true });
    x.mul(x).sum().backward();
    expect(x.grad?.toArray()).toEqual([2 * 1.5, 2 * -2]);
    x.mul(x).sum().backward();
    expect(x.grad?.toArray()).toEqual([4 * 1.5, 4 * -2]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
    x.mul(3).sum().backward();
    expect(x.grad?.toArray()).toEqual([3, 3]);
  });

  it("sums the gradients of every path to a leaf (d(x·y + x)/dx = y + 1)", () => {
    const x = tensor(2, { requiresGrad: true });
    const y = tensor(5, { requiresGrad: true });
    x.mul(y).add(x).backward();
    expect(x.grad?.item()).toBe(5 + 1);
    expect(y.grad?.item()).toBe(2);
  });

  it("reduces a broadcast operand's gradient to its own shape (d Σ(a + b)/db = rows of a, for b of shape [3])", () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const b = tensor([10, 20, 30], { requiresGrad: true });
    a.add(b).mul(a).sum().backward();
    // ∂/∂b Σ (a + b)·a = Σ_rows a
    expect(b.grad?.toArray()).toEqual([1 + 4, 2 + 5, 3 + 6]);
    expect(b.grad?.shape).toEqual([3]);
  });

  it("leaves .grad of non-leaves null (unless retainGrad) and of leaves that do not require grad null", () => {
    const x = tensor(3, { requiresGrad: true });
    const c = tensor(2);
    const h = x.mul(c);
    h.mul(h).backward();
    expect(h.grad).toBeNull();
    expect(c.grad).toBeNull();
    expect(x.grad?.item()).toBe(2 * (3 * 2) * 2);
  });

  it("refuses an output that does not require grad, saying why", () => {
    const x = tensor([1, 2]);
    expect(() => x.sum().backward()).toThrow(GradError);
    expect(() => x.sum().backward()).toThrow(/does not require grad/);
    const y = tensor([1, 2], { requiresGrad: true });
    expect(() => y.detach().sum().backward()).toThrow(/does not require grad/);
  });
});

describe("retainGraph and the freed graph", () => {
  it("backpropagates twice through a retained graph, accumulating twice the gradient", () => {
    const x = tensor(3, { requiresGrad: true });
    const y = x.mul(x).mul(x);
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(x.grad?.item()).toBe(2 * 3 * 3 * 3);
  });

  it("throws a GradError naming retainGraph on a second backward through a freed graph", () => {
    const x = tensor(3, { requiresGrad: true });
    const y = x.mul(x);
    y.backward();
    expect(() => y.backward()).toThrow(GradError);
    expect(() => y.backward()).toThrow(/freed.*retainGraph: true/);
  });

  it("frees a graph that grad() walked, and keeps it with retainGraph", () => {
    const x = tensor(3, { requiresGrad: true });
    const y = x.exp();
    grad(y, x, { retainGraph: true });
    expect(grad(y, x)?.item()).toBe(Math.exp(3));
    expect(() => grad(y, x)).toThrow(/retainGraph/);
  });

  it("frees only the walked part: a branch not on the path stays usable", () => {
    const x = tensor(2, { requiresGrad: true });
    const a = x.mul(3);
    const b = x.mul(5);
    a.backward();
    b.backward();
    expect(x.grad?.item()).toBe(3 + 5);
  });
});

describe("non-scalar outputs", () => {
  it("need a gradOutput; the error names the shape", () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const y = x.mul(x);
    expect(() => y.backward()).toThrow(GradError);
    expect(() => y.backward()).toThrow(/\[2, 2\]/);
    expect(() => grad(y, x)).toThrow(/shape \[2, 2\].*gradOutput/);
  });

  it("with a gradOutput v give the vector-Jacobian product (d(x²)·v = 2x·v)", () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    x.mul(x).backward(tensor([[1, -1], [0.5, 2]]));
    expect(x.grad?.toArray()).toEqual([[2 * 1 * 1, 2 * 2 * -1], [2 * 3 * 0.5, 2 * 4 * 2]]);
  });

  it("refuse a gradOutput of another shape, naming both", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    expect(() => x.mul(2).backward(tensor([1, 2]))).toThrow(/\[2\].*\[3\]/);
  });

  it("accept a one-element tensor of any shape seeded by a number", () => {
    const x = tensor([[2]], { requiresGrad: true });
    x.mul(x).backward(3);
    expect(x.grad?.toArray()).toEqual([[3 * 2 * 2]]);
  });
});

describe("the version counter", () => {
  it("makes backward throw, naming the op, when a saved input changed in place after the forward", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const w = tensor([3, 4], { requiresGrad: true });
    const y = x.mul(w).sum();
    w.data[0] = 10;
    w.bumpVersion();
    expect(() => y.backward()).toThrow(GradError);
    const x2 = tensor([1, 2], { requiresGrad: true });
    const w2 = tensor([3, 4], { requiresGrad: true });
    const y2 = x2.mul(w2).sum();
    w2.bumpVersion();
    expect(() => y2.backward()).toThrow(/'mul'.*changed in place.*version 0 → 1/);
  });

  it("does not concern ops that save no input: add's gradient is g whatever the values", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const w = tensor([3, 4], { requiresGrad: true });
    const y = x.add(w).sum();
    w.data[1] = 7;
    w.bumpVersion();
    y.backward();
    expect(w.grad?.toArray()).toEqual([1, 1]);
  });

  it("is shared by views: changing the base invalidates a rule that saved a reshape of it", () => {
    const x = tensor([1, 2, 3, 4], { requiresGrad: true });
    const v = x.reshape([2, 2]);
    const y = v.mul(v).sum();
    x.bumpVersion();
    expect(v.version).toBe(1);
    expect(() => y.backward()).toThrow(/'mul'/);
  });

  it("accepts a change made before the op used the tensor (the op saw the new version)", () => {
    const w = tensor([3, 4], { requiresGrad: true });
    w.bumpVersion();
    const y = w.mul(w).sum();
    y.backward();
    expect(w.grad?.toArray()).toEqual([2 * 3, 2 * 4]);
  });
});

describe("hooks", () => {
  it("observe a leaf's total gradient once per backward", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const seen: number[][] = [];
    x.registerHook((g) => void seen.push(g.toFlatArray()));
    x.mul(3).add(x).sum().backward();
    expect(seen).toEqual([[3 + 1, 3 + 1]]);
  });

  it("replace a leaf's gradient with what they return, before it is accumulated", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.registerHook((g) => g.mul(10));
    x.mul(x).sum().backward();
    expect(x.grad?.toArray()).toEqual([10 * 2 * 1, 10 * 2 * 2]);
  });

  it("replace a non-leaf's gradient, which then flows on to the leaves", () => {
    const x = tensor(3, { requiresGrad: true });
    const h = x.mul(x);
    const seen: number[] = [];
    h.registerHook((g) => {
      seen.push(g.item());
      return g.neg();
    });
    h.mul(5).backward();
    expect(seen).toEqual([5]);
    expect(x.grad?.item()).toBe(-5 * 2 * 3);
  });

  it("run in registration order, each seeing the previous one's result; remove() unregisters", () => {
    const x = tensor(1, { requiresGrad: true });
    const order: string[] = [];
    const first = x.registerHook((g) => {
      order.push(`a${g.item()}`);
      return g.add(1);
    });
    x.registerHook((g) => void order.push(`b${g.item()}`));
    x.mul(2).backward();
    expect(order).toEqual(["a2", "b3"]);
    expect(x.grad?.item()).toBe(3);
    first.remove();
    first.remove();
    x.zeroGrad();
    x.mul(2).backward();
    expect(order).toEqual(["a2", "b3", "b2"]);
    expect(x.grad?.item()).toBe(2);
  });

  it("must keep the gradient's shape: a hook returning another shape is a GradError", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.registerHook(() => tensor([1, 2, 3]));
    expect(() => x.sum().backward()).toThrow(/hook.*\[3\].*\[2\]/);
  });

  it("cannot be registered on a tensor that does not require grad", () => {
    expect(() => tensor(1).registerHook(() => undefined)).toThrow(GradError);
  });

  it("may themselves run grad() over a shared part of the graph without disturbing the outer walk", () => {
    const x = tensor(1.5, { requiresGrad: true });
    const a = x.mul(x);
    const b = a.mul(3);
    let inner: number | null = null;
    b.registerHook((g) => {
      // A walk of its own over a's node, which renumbers it, while the outer walk still has to deliver to it.
      // Hooks run with recording off (as rules do, without createGraph), so the inner graph is recorded anew.
      inner = enableGrad(() => grad(a.mul(a), x, { retainGraph: true }))?.item() ?? null;
      return g;
    });
    a.add(b).backward();
    // d(a²)/dx = 2a·2x = 4x³;  d(a + 3a)/dx = 4·2x
    expect(inner).toBe(4 * 1.5 ** 3);
    expect(x.grad?.item()).toBe(4 * 2 * 1.5);
  });
});

describe("retainGrad", () => {
  it("keeps a non-leaf's gradient in .grad, accumulating across calls like a leaf's", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(x).retainGrad();
    const y = h.mul(h).sum();
    y.backward(undefined, { retainGraph: true });
    // ∂(Σ h²)/∂h = 2h = 2x²
    expect(h.grad?.toArray()).toEqual([2 * 1, 2 * 4]);
    y.backward();
    expect(h.grad?.toArray()).toEqual([4 * 1, 4 * 4]);
    expect(x.grad?.toArray()).toEqual([2 * (2 * 1 * 2 * 1), 2 * (2 * 4 * 2 * 2)]);
  });

  it("is refused on a tensor that does not require grad", () => {
    expect(() => tensor(1).retainGrad()).toThrow(/retainGrad/);
  });
});

describe("long graphs", () => {
  it("backpropagate through a 10^5-op chain without recursion (d/dx of ±(x + k) alternating is exactly 1)", () => {
    const x = tensor(0.25, { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = i % 2 === 0 ? y.add(1) : y.neg();
    // Pairs (add 1, negate) map v to -(v + 1); 5·10^4 pairs, an even count, give v back: y = x exactly.
    expect(y.item()).toBe(0.25);
    y.backward();
    expect(x.grad?.item()).toBe(1);
  });

  it("handle a wide fan-in: Σ of 10^4 uses of one leaf gives gradient 10^4", () => {
    const x = tensor(2, { requiresGrad: true });
    let y = x.mul(1);
    for (let i = 1; i < 10_000; i++) y = y.add(x);
    y.backward();
    expect(x.grad?.item()).toBe(10_000);
  });
});

/** ∇ of `loss` with respect to `leaves`, null where unused. */
function gradsOf(loss: Tensor, leaves: readonly Tensor[]): (Tensor | null)[] {
  return grad(loss, leaves, { allowUnused: true, retainGraph: true });
}

const maxAbs = (gs: readonly (Tensor | null)[]): number =>
  gs.reduce((m, g) => (g === null ? m : g.toFlatArray().reduce((a, v) => Math.max(a, Math.abs(v)), m)), 0);

/**
 * Tolerance for two gradients that are equal in exact arithmetic but rounded along different orders. Values
 * in these programs are O(1) by construction (see programs.ts), so every intermediate gradient is a sum of
 * O(1)·scale terms; each of the at most ~100 roundings on a path moves it by u·scale. 1e-12 ≈ 10^4·u leaves a
 * margin of 100, and the floor of 1 covers gradients that are (near) zero by cancellation of O(1) terms.
 */
const tolerance = (scale: number): number => 1e-12 * Math.max(1, scale);

function expectGradsClose(
  actual: readonly (Tensor | null)[],
  expected: readonly (number[] | null)[],
  tol: number,
  what: string,
): void {
  actual.forEach((g, i) => {
    const e = expected[i];
    if (e === null) {
      expect(g, `${what}: leaf ${i} should get no gradient`).toBeNull();
      return;
    }
    expect(g, `${what}: leaf ${i} should get a gradient`).not.toBeNull();
    const a = (g as Tensor).toFlatArray();
    a.forEach((v, k) => {
      if (!(Math.abs(v - e[k]) <= tol)) expect.fail(`${what}: leaf ${i}[${k}] = ${v}, expected ${e[k]} ± ${tol}`);
    });
  });
}

describe("linearity of backward over random programs", () => {
  it("∇(c·L) = c·∇L, with null exactly where ∇L is null", () => {
    fc.assert(
      fc.property(programArb(), fc.double({ min: -8, max: 8, noNaN: true }), (p, c) => {
        const leaves = makeLeaves(p);
        const { loss } = runProgram(p, leaves);
        const g = gradsOf(loss, leaves);
        const gc = gradsOf(loss.mul(c), leaves);
        const expected = g.map((t) => (t === null ? null : t.toFlatArray().map((v) => c * v)));
        expectGradsClose(gc, expected, tolerance(Math.abs(c) * maxAbs(g)), describeProgram(p));
      }),
      { numRuns: 500 },
    );
  });

  it("∇(L₁ + L₂) = ∇L₁ + ∇L₂ for two programs over the same leaves (null only where both are null)", () => {
    fc.assert(
      fc.property(programArb(3, 6), programArb(1, 6), (p1, other) => {
        // The second program reads the first one's leaves (its step indices wrap around them).
        const p2 = { leaves: p1.leaves, steps: other.steps };
        const leaves = makeLeaves(p1);
        const L1 = runProgram(p1, leaves).loss;
        const L2 = runProgram(p2, leaves).loss;
        const g1 = gradsOf(L1, leaves);
        const g2 = gradsOf(L2, leaves);
        const gs = gradsOf(L1.add(L2), leaves);
        const expected = g1.map((a, i) => {
          const b = g2[i];
          if (a === null && b === null) return null;
          const av = a?.toFlatArray() ?? new Array<number>(leaves[i].size).fill(0);
          const bv = b?.toFlatArray() ?? new Array<number>(leaves[i].size).fill(0);
          return av.map((v, k) => v + bv[k]);
        });
        const what = `${describeProgram(p1)} | ${describeProgram(p2)}`;
        expectGradsClose(gs, expected, tolerance(maxAbs(g1) + maxAbs(g2)), what);
      }),
      { numRuns: 400 },
    );
  });

  it("∇(c·L) = c·∇L bit for bit when c is a power of two (scaling by 2^k is exact)", () => {
    fc.assert(
      fc.property(programArb(), fc.integer({ min: -4, max: 4 }), fc.boolean(), (p, k, negative) => {
        const c = (negative ? -1 : 1) * 2 ** k;
        const leaves = makeLeaves(p);
        const { loss } = runProgram(p, leaves);
        const g = gradsOf(loss, leaves);
        const gc = gradsOf(loss.mul(c), leaves);
        const expected = g.map((t) => (t === null ? null : t.toFlatArray().map((v) => c * v)));
        expectGradsClose(gc, expected, 0, describeProgram(p));
      }),
      { numRuns: 400 },
    );
  });
});

describe("the tolerance reasoning above", () => {
  it("is not vacuous: a gradient off by one part in 10^9 fails it", () => {
    const tol = tolerance(1);
    expect(Math.abs(1 * (1 + 1e-9) - 1) <= tol).toBe(false);
    expect(U * 100 < tol).toBe(true);
  });
});

describe("the walk's order", () => {
  // Identity: sortNewestFirst(a) leaves a in the order of a.sort((p, q) => q.id - p.id), for any list of distinct
  // ids: nearly sorted (the insertion sort finishes) or far from it (it falls back to the library sort).
  const ids = fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 200 });
  const byNewest = (a: { id: number }[]) => [...a].sort((p, q) => q.id - p.id).map((x) => x.id);

  it("sorts any list of distinct ids newest first", () => {
    fc.assert(
      fc.property(ids, (v) => {
        const a = v.map((id) => ({ id }));
        const want = byNewest(a);
        sortNewestFirst(a);
        expect(a.map((x) => x.id)).toEqual(want);
      }),
    );
  });

  it("sorts a newest-first list with a few entries displaced", () => {
    fc.assert(
      fc.property(ids, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }), (v, swaps) => {
        const a = [...v].sort((p, q) => q - p).map((id) => ({ id }));
        for (const [i, j] of swaps) if (a.length > 0) [a[i % a.length], a[j % a.length]] = [a[j % a.length], a[i % a.length]];
        const want = byNewest(a);
        sortNewestFirst(a);
        expect(a.map((x) => x.id)).toEqual(want);
      }),
    );
  });

  it("backpropagates through a graph collected far from newest first: d(Σ_k x·c_k)/dx = Σ_k c_k", () => {
    // The sum's inputs are made oldest first and the collection visits them first, so the list starts reversed.
    const x = tensor(0.5, { requiresGrad: true });
    const terms: Tensor[] = [];
    for (let k = 1; k <= 300; k++) terms.push(x.mul(k));
    let total = terms[0];
    for (let k = 1; k < terms.length; k++) total = total.add(terms[terms.length - k]);
    total.backward();
    expect(x.grad?.item()).toBe((300 * 301) / 2);
  });
});
