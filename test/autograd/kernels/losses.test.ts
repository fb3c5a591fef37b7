import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as k from "../../../src/autograd/kernels/losses.ts";
import { logsumexp } from "../../../src/autograd/kernels/reduce.ts";

const value = fc.double({ min: -40, max: 40, noNaN: true });
const pairs = fc.integer({ min: 0, max: 12 }).chain((n) =>
  fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n })));

/**
 * Each elementwise loss kernel against its formula: per element bit for bit (into float64 or float32), and the
 * returned sum equal to the same terms added left to right in a double (the same operations, so exactly).
 */
function agrees(kernel: (a: Float64Array, b: Float64Array, out: Float64Array | Float32Array | null) => number, ref: (x: number, y: number) => number) {
  fc.assert(
    fc.property(pairs, fc.boolean(), ([xs, ys], f32) => {
      const a = Float64Array.from(xs);
      const b = Float64Array.from(ys);
      const terms = xs.map((x, i) => ref(x, ys[i]));
      const out = f32 ? new Float32Array(xs.length) : new Float64Array(xs.length);
      expect(kernel(a, b, out)).toBe(0);
      expect(Array.from(out)).toEqual(f32 ? terms.map(Math.fround) : terms);
      expect(kernel(a, b, null)).toBe(terms.reduce((s, t) => s + t, 0));
    }),
  );
}

describe("loss kernels", () => {
  it("property: squaredError = (a − b)² per element, and its double sum", () => agrees(k.squaredError, (x, y) => (x - y) * (x - y)));

  it("property: bceWithLogits = max(x, 0) − x·y + log1p(e^−|x|) per element, and its double sum", () =>
    agrees(k.bceWithLogits, (x, y) => Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)))));

  const ceCase = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 })).chain(([rows, classes]) =>
    fc.tuple(
      fc.constant(classes),
      fc.array(value, { minLength: rows * classes, maxLength: rows * classes }),
      fc.array(fc.nat(classes - 1), { minLength: rows, maxLength: rows }),
      fc.constantFrom(0, 0.1, 1),
    ));

  it("property: crossEntropy row i = lse_i − (1 − s)·x[i, yᵢ] − (s/C)·Σⱼ x[i, j] (lse from logsumexp), and the double sum of rows", () => {
    fc.assert(
      fc.property(ceCase, ([classes, values, ys, s]) => {
        const x = Float64Array.from(values);
        const rows = ys.length;
        const lse = new Float64Array(rows);
        logsumexp(x, { outer: rows, r: classes, inner: 1 }, lse);
        const labels = Int32Array.from(ys);
        const ref = ys.map((y, i) => {
          const row = Array.from(x.subarray(i * classes, (i + 1) * classes));
          if (s === 0) return lse[i] - row[y];
          return lse[i] - (1 - s) * row[y] - (s * row.reduce((a, b) => a + b, 0)) / classes;
        });
        const out = new Float64Array(rows);
        k.crossEntropy(x, lse, labels, classes, s, out);
        expect(Array.from(out)).toEqual(ref);
        expect(k.crossEntropy(x, lse, labels, classes, s, null)).toBe(ref.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it("property: smoothedTarget = (1 − s)·onehot(y) + s/C, each row summing to 1 within C·2⁻⁵²", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(20), { maxLength: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), (classes, raw, s) => {
        const labels = Int32Array.from(raw.map((v) => v % classes));
        const out = new Float64Array(labels.length * classes).fill(NaN);
        k.smoothedTarget(labels, classes, s, out);
        labels.forEach((y, i) => {
          const row = Array.from(out.subarray(i * classes, (i + 1) * classes));
          expect(row).toEqual(row.map((_, j) => s / classes + (j === y ? 1 - s : 0)));
          expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(classes * 2 ** -52 * 2);
        });
      }),
    );
  });

  it("property: crossEntropyGrad = (p − q)·scale with q = smoothedTarget, the bits of the tensor ops' two roundings (float64 and float32, SIMD or not, one scale or one per row)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 80 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), fc.boolean(), fc.nat(1000),
        (classes, rows, s, f32, perRow, seed) => {
          const make = (n: number) => (f32 ? new Float32Array(n) : new Float64Array(n));
          const p = make(rows * classes), q = make(rows * classes), scale = make(perRow ? rows : 1);
          p.forEach((_, i) => (p[i] = Math.abs(Math.sin(seed + i * 0.731))));
          scale.forEach((_, i) => (scale[i] = Math.cos(seed + i) / rows));
          const labels = Int32Array.from({ length: rows }, (_, i) => (seed + i * 7) % classes);
          k.smoothedTarget(labels, classes, s, q);
          const d = make(p.length), want = make(p.length), out = make(p.length);
          p.forEach((v, i) => (d[i] = v - q[i]));
          d.forEach((v, i) => (want[i] = v * scale[perRow ? Math.floor(i / classes) : 0]));
          k.crossEntropyGrad(p, labels, classes, s, scale, perRow, out);
          expect(out).toEqual(want);
        }),
      { numRuns: 200 },
    );
  });
});
