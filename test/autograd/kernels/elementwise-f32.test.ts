import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { axpyF32, binaryF32, columnFoldF32, mapF32, rowBroadcastF32, SIMD_MIN } from "../../../src/autograd/kernels/elementwise-f32.ts";
import { BINARY_OPS, CHUNK, elementwiseF32, setElementwiseF32 } from "../../../src/autograd/kernels/elementwise-f32-wasm.ts";

const U32 = 2 ** -24;
const F64: Record<(typeof BINARY_OPS)[number], (x: number, y: number) => number> = {
  add: (x, y) => x + y, sub: (x, y) => x - y, mul: (x, y) => x * y, div: (x, y) => x / y,
};

afterEach(() => setElementwiseF32(true));

/** Float32 values of mixed signs and magnitudes, with exact zeros of both signs, from a seed. */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453;
    const f = r - Math.floor(r);
    out[i] = f < 0.05 ? 0 : f < 0.1 ? -0 : (f - 0.55) * 2 ** Math.floor(f * 16 - 8);
  }
  return out;
}

/** A length on either side of SIMD_MIN, a multiple of 4 or not, or past one CHUNK (two or three chunks). */
const lengthArb = fc.oneof(fc.integer({ min: SIMD_MIN, max: SIMD_MIN + 9 }), fc.integer({ min: 1000, max: 3000 }), fc.integer({ min: CHUNK - 3, max: 2 * CHUNK + 5 }));

/**
 * Each element within one float32 rounding of the float64 result: equal to it rounded once, so |error| ≤
 * 2⁻²⁴·|exact| + 2⁻¹⁵⁰ (the second term is half float32's smallest subnormal, for results that underflow).
 */
function expectRoundedOnce(got: Float32Array, exact: (i: number) => number): void {
  for (let i = 0; i < got.length; i++) {
    const e = exact(i);
    const same = Object.is(got[i], Math.fround(e)) || (Number.isNaN(e) && Number.isNaN(got[i]));
    if (!same || !(Math.abs(got[i] - e) <= U32 * Math.abs(e) + 2 ** -150 || !Number.isFinite(e))) {
      throw new Error(`element ${i}: ${got[i]}, float64 ${e} rounds to ${Math.fround(e)}`);
    }
  }
}

describe("float32 elementwise in f32x4 SIMD", () => {
  it("is available in Node 20, absent when turned off, and declines short arrays and float64", () => {
    expect(elementwiseF32()).not.toBeNull();
    const x = values(SIMD_MIN, 1);
    expect(mapF32("relu", new Float32Array(SIMD_MIN - 1), x.subarray(1))).toBe(false);
    expect(mapF32("relu", new Float64Array(SIMD_MIN), x)).toBe(false);
    expect(binaryF32(4, x, 0, 1, x, 0, 1, new Float32Array(SIMD_MIN), 0, SIMD_MIN)).toBe(false); // not an arithmetic op
    setElementwiseF32(false);
    expect(mapF32("relu", new Float32Array(SIMD_MIN), x)).toBe(false);
  });

  it("property: a op b (same shape, scalar on either side) is the float64 result rounded once to float32 (|err| ≤ 2⁻²⁴·|exact|)", () => {
    fc.assert(
      fc.property(lengthArb, fc.nat(3), fc.constantFrom<(0 | 1)[]>([1, 1], [1, 0], [0, 1]), fc.nat(1000), (n, op, [as, bs], seed) => {
        const a = values(as === 1 ? n : 1, seed), b = values(bs === 1 ? n : 1, seed + 1);
        const out = new Float32Array(n + 2);
        expect(binaryF32(op, a, 0, as, b, 0, bs, out, 1, n)).toBe(true);
        expect([out[0], out[n + 1]]).toEqual([0, 0]);
        const f = F64[BINARY_OPS[op]];
        expectRoundedOnce(out.subarray(1, n + 1), (i) => f(a[as * i], b[bs * i]));
      }),
      { numRuns: 30 },
    );
  });

  it("property: a [rows, cols] op a row of cols (either side) is the float64 result rounded once, per element", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 2, max: 700 }), fc.nat(3), fc.boolean(), fc.nat(1000), (rows, cols, op, rowLeft, seed) => {
        const full = values(rows * cols, seed), row = values(cols, seed + 1);
        const out = new Float32Array(rows * cols);
        const handled = rowLeft ? rowBroadcastF32(op, row, full, out) : rowBroadcastF32(op, full, row, out);
        expect(handled).toBe(rows * cols >= SIMD_MIN);
        if (!handled) return;
        const f = F64[BINARY_OPS[op]];
        expectRoundedOnce(out, (i) => (rowLeft ? f(row[i % cols], full[i]) : f(full[i], row[i % cols])));
      }),
      { numRuns: 30 },
    );
  });

  it("property: relu(x) = max(x, 0) exactly (NaN stays NaN, −0 gives +0); the gates g·[x > 0] and g·sign(x) exactly, +0 where the mask is 0", () => {
    fc.assert(
      fc.property(lengthArb, fc.nat(1000), (n, seed) => {
        const x = values(n, seed), g = values(n, seed + 1);
        x[0] = NaN;
        g[1] = Infinity;
        const relu = new Float32Array(n), pos = new Float32Array(n), sign = new Float32Array(n);
        expect(mapF32("relu", relu, x) && mapF32("relu_gate", pos, g, x) && mapF32("sign_gate", sign, g, x)).toBe(true);
        const wrong: number[] = [];
        for (let i = 0; i < n; i++) {
          const v = x[i];
          const ok = Object.is(relu[i], v > 0 || v !== v ? v : 0) && Object.is(pos[i], v > 0 ? g[i] : 0) &&
            Object.is(sign[i], v > 0 ? g[i] : v < 0 ? -g[i] : 0);
          if (!ok) wrong.push(i);
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it("property: the sum over rows is within γ_{rows−1}·Σ|x| of float64 (rows − 1 float32 adds, γₙ = n·u/(1 − n·u)), and the bits of the float32 loop", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 600 }), fc.nat(1000), (rows, cols, seed) => {
        const x = values(rows * cols + 3, seed);
        const out = new Float32Array(cols + 1);
        const handled = columnFoldF32("colsum", x, 3, rows, cols, out, 1);
        expect(handled).toBe(rows * cols >= SIMD_MIN);
        if (!handled) return;
        const gamma = ((rows - 1) * U32) / (1 - (rows - 1) * U32);
        for (let j = 0; j < cols; j++) {
          let exact = 0, mag = 0, loop = 0;
          for (let r = 0; r < rows; r++) {
            const v = x[3 + r * cols + j];
            exact += v;
            mag += Math.abs(v);
            loop = Math.fround(loop + v);
          }
          if (!(Math.abs(out[1 + j] - exact) <= gamma * mag + 2 ** -53 * rows * mag) || out[1 + j] !== loop) {
            throw new Error(`column ${j}: ${out[1 + j]}, float64 ${exact}, float32 loop ${loop}, Σ|x| ${mag}`);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it("property: the SGD step x + α·g is Math.fround of the double x + α·g (one rounding: |err| ≤ 2⁻²⁴·|exact| + 2⁻¹⁵⁰), bit for bit the JavaScript loop's", () => {
    fc.assert(
      fc.property(lengthArb, fc.double({ min: -1, max: 1, noNaN: true }), fc.nat(1000), (n, alpha, seed) => {
        const x = values(n, seed), g = values(n, seed + 1);
        const before = Float32Array.from(x);
        expect(axpyF32(x, g, alpha)).toBe(true);
        expectRoundedOnce(x, (i) => before[i] + alpha * g[i]);
      }),
      { numRuns: 30 },
    );
  });
});
