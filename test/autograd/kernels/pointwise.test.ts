import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Storage } from "../../../src/autograd/dtype.ts";
import * as k from "../../../src/autograd/kernels/pointwise.ts";

const special = fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1, -1);
const value = fc.oneof({ weight: 9, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) }, { weight: 1, arbitrary: special });
const arrays = (count: number) =>
  fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: count }, () => fc.array(value, { minLength: n, maxLength: n }))));
const make = (f32: boolean, v: readonly number[]): Storage => (f32 ? Float32Array.from(v) : Float64Array.from(v));
/** The reference, one element at a time in doubles, stored as the destination stores (rounded once for float32). */
const stored = (f32: boolean, v: readonly number[]): number[] => (f32 ? v.map(Math.fround) : [...v]);

/** Runs `kernel` on storages of `inputs` (float64 or float32 each) and compares with `ref` element by element. */
function agrees(count: number, kernel: (xs: Storage[], out: Storage) => void, ref: (...v: number[]) => number): void {
  fc.assert(
    fc.property(arrays(count), fc.array(fc.boolean(), { minLength: count + 1, maxLength: count + 1 }), (vs, f32) => {
      const xs = vs.map((v, i) => make(f32[i], v));
      const out = make(f32[count], vs[0].map(() => 0));
      kernel(xs, out);
      const expected = vs[0].map((_, i) => ref(...xs.map((x) => x[i])));
      expect(Array.from(out)).toEqual(stored(f32[count], expected));
    }),
    { numRuns: 150 },
  );
}

describe("pointwise kernels: each equals its formula applied element by element, bit for bit (the same operations)", () => {
  it("property: pow(x, e) = x ** e (e = 2 computed as x·x)", () => {
    for (const e of [2, 3, 0.5, -1, 0]) agrees(1, ([x], out) => k.pow(x, e, out), (x) => (e === 2 ? x * x : Math.pow(x, e)));
  });
  it("property: clamp(x, lo, hi) = min(max(x, lo), hi), NaN kept", () =>
    agrees(1, ([x], out) => k.clamp(x, -0.5, 2, out), (x) => (Number.isNaN(x) ? x : Math.min(Math.max(x, -0.5), 2))));
  it("property: divScalar(x, d) = x / d", () => agrees(1, ([x], out) => k.divScalar(x, 3, out), (x) => x / 3));
  it("property: tanhBackward(g, y) = g·(1 − y·y)", () =>
    agrees(2, ([g, y], out) => k.tanhBackward(g, y, out), (g, y) => g * (1 - y * y)));
  it("property: sigmoidBackward(g, s) = g·(s·(1 − s))", () =>
    agrees(2, ([g, s], out) => k.sigmoidBackward(g, s, out), (g, s) => g * (s * (1 - s))));
  it("property: equalMask(a, b) = [a = b] (NaN equals nothing)", () =>
    agrees(2, ([a, b], out) => k.equalMask(a, b, out), (a, b) => (a === b ? 1 : 0)));
  it("property: divideNonzero(x, d) = x / d where x ≠ 0, else 0", () =>
    agrees(2, ([x, d], out) => k.divideNonzero(x, d, out), (x, d) => (x !== 0 ? x / d : 0)));
  it("in place (out = x) gives the same as a separate out", () => {
    const x = Float64Array.from([1, -2, 3]);
    k.divScalar(x, 2, x);
    expect(Array.from(x)).toEqual([0.5, -1, 1.5]);
  });
});

/** NumPy's broadcast of shapes (right-aligned), and the flat source position of output index `o` in shape `s`. */
function sourceOf(s: readonly number[], out: readonly number[], o: number): number {
  let rest = o;
  let pos = 0;
  let stride = 1;
  for (let d = out.length - 1; d >= 0; d--) {
    const i = rest % out[d];
    rest = Math.floor(rest / out[d]);
    const sd = d - (out.length - s.length);
    if (sd >= 0) {
      if (s[sd] !== 1) pos += i * stride;
      stride *= s[sd];
    }
  }
  return pos;
}

const outShape = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 });
const operandShape = (out: number[]) =>
  fc.tuple(fc.nat(out.length), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }))
    .map(([drop, ones]) => out.map((d, i) => (ones[i] ? 1 : d)).slice(drop));
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

describe("where kernel: out = c ≠ 0 ? a : b with NumPy broadcasting", () => {
  it("property: equals the per-element definition at each operand's broadcast source position, exactly", () => {
    fc.assert(
      fc.property(
        outShape.chain((o) => fc.tuple(fc.constant(o), operandShape(o), operandShape(o), operandShape(o))),
        fc.integer(),
        fc.boolean(),
        ([o, cs, as, bs], seed, f32) => {
          const shape = o;
          const c = Float64Array.from({ length: size(cs) }, (_, i) => (seed >> i) & 1);
          const a = make(f32, Array.from({ length: size(as) }, (_, i) => i + 0.25));
          const b = Float64Array.from({ length: size(bs) }, (_, i) => -i - 0.5);
          const out = new Float64Array(size(shape));
          k.where(c, cs, a, as, b, bs, out, shape);
          const ref = Array.from(out, (_, i) =>
            c[sourceOf(cs, shape, i)] !== 0 ? a[sourceOf(as, shape, i)] : b[sourceOf(bs, shape, i)]);
          expect(Array.from(out)).toEqual(ref);
        },
      ),
      { numRuns: 200 },
    );
  });
});
