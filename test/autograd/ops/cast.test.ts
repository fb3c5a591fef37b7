import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cast } from "../../../src/autograd/ops/cast.ts";
import { gradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { DTypeError } from "../../../src/autograd/errors.ts";
import type { DType } from "../../../src/autograd/dtype.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { arbValue } from "../../../src/testing/index.ts";
import { caseArb, expectExact, expectOpError, leaf, randLeaf, shapeArb } from "./helpers.ts";

// cast is linear (the identity up to rounding), so central differences have no truncation error at any step.
// gradcheck moves one element at a time, so each Jacobian entry (0 or 1) is off by at most float32's two roundings
// of x ± eps over 2·eps: ulp₃₂(|x| < 4) / 2eps = 2.4e-7 / 2e-2 = 1.2e-5, far below atol + rtol·1 ≈ 1e-3.
const EPS_THROUGH_FLOAT32 = 1e-2;

// A random-direction check sums such errors over every element against an inner product ⟨c, t⟩ that can cancel
// to near 0, so at any fixed step some draws fall within float32's staircase. On these grids there is no
// staircase: x and x ± εt are multiples of 2⁻¹⁰ below 8 in size (13 significant bits; float32 holds 24), so the
// round trip returns them unchanged, and with c on 2⁻³ every product and sum below is exact in float64.
const X_GRID = 2 ** -10, T_GRID = 2 ** -3, EPS_ON_GRID = 2 ** -4;

function gridValues(n: number, bound: number, step: number): fc.Arbitrary<number[]> {
  return fc.array(arbValue({ min: -bound, max: bound, step }), { minLength: n, maxLength: n });
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

describe("cast: x in another dtype;  ∂x = g converted back to x's dtype", () => {
  it("float64 → float32 rounds each value to nearest float32; the gradient comes back float64", () => {
    const x = leaf([0.1, 1 / 3, -2.5]);
    const y = x.to("float32");
    expect(y.dtype).toBe("float32");
    expectExact(y, [Math.fround(0.1), Math.fround(1 / 3), -2.5]);
    const g = grad(y, x, { gradOutputs: tensor([1, 2, 3], { dtype: "float32" }) }) as Tensor;
    expect(g.dtype).toBe("float64");
    expectExact(g, [1, 2, 3]);
  });

  it("float32 → float64 is exact; the gradient comes back float32 (rounded)", () => {
    const x = tensor([0.5, -1.25], { dtype: "float32", requiresGrad: true });
    const y = cast(x, "float64");
    expect(y.dtype).toBe("float64");
    expectExact(y, [0.5, -1.25]);
    const g = grad(y, x, { gradOutputs: tensor([0.1, 3]) }) as Tensor;
    expect(g.dtype).toBe("float32");
    expectExact(g, [Math.fround(0.1), 3]);
  });

  it("a scalar, and a chain: ∂(2·float32(x))/∂x = 2 in float64", () => {
    const x = leaf(1.5);
    const y = x.to("float32").mul(2).to("float64");
    expect(y.dtype).toBe("float64");
    expectExact(y, 3);
    expectExact(grad(y, x), 2);
  });

  it("to its own dtype it is the same tensor; an unknown dtype is a DTypeError naming the remedy", () => {
    const x = leaf([1]);
    expect(x.to("float64")).toBe(x);
    expectOpError(() => x.to("int8" as DType), DTypeError, "to", '"int8"', '"float32" or "float64"');
  });

  it("gradcheck through a float32 round trip (linear, so a wide step is exact)", () => {
    const x = randLeaf([2, 3], 1);
    expect(gradcheck((t) => t.to("float32").to("float64"), [x], { eps: EPS_THROUGH_FLOAT32 })).toBe(true);
    expect(gradcheck((t) => t.to("float32").mul(3).to("float64").add(t), [x], { eps: EPS_THROUGH_FLOAT32 })).toBe(true);
  });

  it("property: float64 → float32 → float64 equals Math.fround, and its gradient equals fround(c)", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), { lo: -1e6, hi: 1e6 }), ({ shape, values }) => {
        const x = tensor(Float64Array.from(values), { shape, requiresGrad: true });
        const y = x.to("float32").to("float64");
        expect(Array.from(y.data)).toEqual(values.map(Math.fround));
        const c = randLeaf(shape, 3).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        expect(g.dtype).toBe("float64");
        expect(Array.from(g.data)).toEqual(Array.from(c.data, Math.fround));
      }),
      { numRuns: 50 },
    );
  });

  it("property: float32 → float64 → float32 is the identity bit for bit", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), { lo: -1e30, hi: 1e30 }), ({ shape, values }) => {
        const x = tensor(Float32Array.from(values), { shape });
        expect(Array.from(x.to("float64").to("float32").data)).toEqual(Array.from(x.data));
      }),
      { numRuns: 50 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, (f(x + εt) − f(x − εt)) / 2ε⟩ exactly through float32, on grids float32 holds", () => {
    const drawn = shapeArb().chain((shape) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return fc.tuple(fc.constant(shape), gridValues(n, 4, X_GRID), gridValues(n, 2, T_GRID), gridValues(n, 2, T_GRID));
    });
    const f = (v: Tensor) => v.to("float32").to("float64");
    fc.assert(
      fc.property(drawn, ([shape, xs, ts, cs]) => {
        const x = tensor(Float64Array.from(xs), { shape, requiresGrad: true });
        const vjp = grad(f(x), x, { gradOutputs: tensor(Float64Array.from(cs), { shape }) }) as Tensor;
        const at = (s: number) => f(tensor(Float64Array.from(xs, (v, i) => v + s * EPS_ON_GRID * ts[i]), { shape })).data;
        expect(dot(vjp.data, ts)).toBe((dot(cs, at(1)) - dot(cs, at(-1))) / (2 * EPS_ON_GRID));
      }),
      { numRuns: 40 },
    );
  });
});
