import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { CHUNK, setElementwiseF32 } from "../../../src/autograd/kernels/elementwise-f32-wasm.ts";
import { SIMD_MIN } from "../../../src/autograd/kernels/elementwise-f32.ts";
import { extreme, logsumexp, softmax, sum } from "../../../src/autograd/kernels/reduce.ts";
import { rowFoldF32, softmaxRowsF32 } from "../../../src/autograd/kernels/softmax-f32.ts";
import { EXP_B, SLACK, SUB, U } from "./f32-bounds.ts";

afterEach(() => setElementwiseF32(true));

/** γ⁽⁶⁴⁾ₖ = k·2⁻⁵³/(1 − k·2⁻⁵³): the relative error of a double sum whose every term passes through k additions. */
const gamma64 = (k: number): number => (k * 2 ** -53) / (1 - k * 2 ** -53);

/**
 * Row values: float32 in [−spread, spread] from a seed, a few far below the maximum (their exp underflows or is
 * subnormal), so that every part of the bound is exercised.
 */
function rowsOf(rows: number, r: number, spread: number, seed: number): Float32Array {
  const x = new Float32Array(rows * r);
  for (let i = 0; i < x.length; i++) {
    const f = Math.abs(Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453) % 1;
    x[i] = f < 0.02 ? -95 - 20 * f : (2 * f - 1) * spread;
  }
  return x;
}

/**
 * The bounds per row, from float64 references (m the maximum, eⱼ = exp(xⱼ − m), s = Σ eⱼ):
 *   eⱼ: exp's B plus the rounding of the float32 difference xⱼ − m, εⱼ = (B + |xⱼ − m|)·u (+ SUB absolute);
 *   s: the float32 eⱼ added in doubles, each through at most ⌈r/4⌉ + 1 additions:
 *      ε_s = Σ eⱼ·εⱼ/s + γ⁽⁶⁴⁾_{⌈r/4⌉+1} (+ r·SUB/s);
 *   softmax eⱼ/float32(s), rounded: εⱼ + ε_s + 2u relative (+ 2·SUB);
 *   log Σ exp = m + log s in doubles from the float32 s: |δ| ≤ ε_s·(1 + ε_s) + 2⁻⁵¹·(|m| + |log s|);
 *   log-softmax xⱼ − shift with shift = m + log s rounded to float32 (u·|shift|) and the difference rounded (u·|out|).
 */
function checkRows(x: Float32Array, rows: number, r: number, out: Float32Array, log: boolean, lse: Float64Array | Float32Array): void {
  for (let o = 0; o < rows; o++) {
    const row = x.subarray(o * r, (o + 1) * r);
    const m = Math.max(...row);
    const e = Array.from(row, (v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    const eps = Array.from(row, (v) => (EXP_B + Math.abs(v - m)) * U);
    const epsS = e.reduce((a, ej, j) => a + ej * eps[j], 0) / s + gamma64(Math.ceil(r / 4) + 1) + (r * SUB) / s;
    const shift = m + Math.log(s);
    const lseErr = (epsS * (1 + epsS) + 2 ** -51 * (Math.abs(m) + Math.abs(Math.log(s)))) * SLACK;
    // A float32 lse (logsumexp's own output) is rounded once more.
    const stored = lse instanceof Float32Array ? U * Math.abs(shift) : 0;
    if (!(Math.abs(lse[o] - shift) <= lseErr + stored)) throw new Error(`row ${o}: lse ${lse[o]}, float64 ${shift}`);
    for (let j = 0; j < r; j++) {
      const got = out[o * r + j];
      const ref = log ? row[j] - shift : e[j] / s;
      const bound = log
        ? lseErr + U * (Math.abs(shift) + Math.abs(ref)) * SLACK
        : (eps[j] + epsS + 2 * U) * ref * SLACK + 2 * SUB;
      if (!(Math.abs(got - ref) <= bound)) throw new Error(`row ${o}, column ${j}: ${got}, float64 ${ref}, bound ${bound}`);
    }
  }
}

const layoutArb = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 400 })),
  fc.tuple(fc.constantFrom(10, 784, 5000, CHUNK - 4), fc.integer({ min: 1, max: 30 })),
).filter(([r, rows]) => r * rows >= SIMD_MIN && r * rows <= 4 * CHUNK);

describe("softmax of float32 rows in f32x4 SIMD (softmax-f32.ts, softmax-f32-wasm.ts)", () => {
  it("property: softmax, log-softmax and log Σ exp are within their derived bounds of the float64 definitions (see checkRows)", () => {
    fc.assert(
      fc.property(layoutArb, fc.constantFrom(1, 10, 40, 90), fc.boolean(), fc.nat(1000), ([r, rows], spread, log, seed) => {
        const x = rowsOf(rows, r, spread, seed);
        const out = new Float32Array(x.length), lse = new Float64Array(rows);
        expect(softmaxRowsF32(x, r, out, log, lse)).toBe(true);
        checkRows(x, rows, r, out, log, lse);
      }),
      { numRuns: 40 },
    );
  });

  it("reduce.ts takes the SIMD path for float32 rows (softmax and logsumexp, within the bounds), the loop where SIMD is off", () => {
    const x = rowsOf(64, 10, 10, 3);
    const blocks = { outer: 64, r: 10, inner: 1 };
    const simd = new Float32Array(640), loop = new Float32Array(640), lse = new Float64Array(64), lse32 = new Float32Array(64);
    softmax(x, blocks, simd, false, lse);
    logsumexp(x, blocks, lse32);
    checkRows(x, 64, 10, simd, false, lse);
    checkRows(x, 64, 10, simd, false, lse32);
    setElementwiseF32(false);
    softmax(x, blocks, loop, false);
    expect(simd).not.toEqual(loop); // the loop rounds each double result once: other bits, within the same bound
  });

  it("rows holding NaN, +∞ or only −∞, or some −∞, give what the JavaScript loop gives (NaN, NaN, NaN and lse ±∞, exact 0 and −∞)", () => {
    const r = 12, rows = 32;
    const x = rowsOf(rows, r, 5, 9);
    x[0] = NaN;
    x[r + 3] = Infinity;
    x.fill(-Infinity, 2 * r, 3 * r);
    x[3 * r + 1] = -Infinity;
    for (const log of [false, true]) {
      const simd = new Float32Array(x.length), loop = new Float32Array(x.length);
      const lse = new Float64Array(rows), lseLoop = new Float64Array(rows);
      expect(softmaxRowsF32(x, r, simd, log, lse)).toBe(true);
      setElementwiseF32(false);
      softmax(x, { outer: rows, r, inner: 1 }, loop, log, lseLoop);
      setElementwiseF32(true);
      expect(Array.from(simd.subarray(0, 3 * r))).toEqual(Array.from(loop.subarray(0, 3 * r)));
      expect(simd[3 * r + 1]).toBe(log ? -Infinity : 0);
      expect(Array.from(lse.subarray(0, 3))).toEqual([NaN, Infinity, -Infinity]);
      expect(Array.from(lseLoop.subarray(0, 3))).toEqual([NaN, Infinity, -Infinity]);
    }
  });

  it("declines float64, short arrays and rows longer than a chunk", () => {
    expect(softmaxRowsF32(new Float64Array(SIMD_MIN), 4, new Float64Array(SIMD_MIN), false, null)).toBe(false);
    expect(softmaxRowsF32(new Float32Array(SIMD_MIN - 4), 4, new Float32Array(SIMD_MIN - 4), false, null)).toBe(false);
    expect(softmaxRowsF32(new Float32Array(CHUNK), CHUNK, new Float32Array(CHUNK), false, null)).toBe(false);
  });

  it("property: a sum along the last axis (doubles in two f64x2 partial sums, rounded once) is within u·|Σ| + γ⁽⁶⁴⁾_{⌈r/4⌉+1}·Σ|x| of the exact sum", () => {
    fc.assert(
      fc.property(layoutArb, fc.constantFrom(1, 1e3, 1e30), fc.nat(1000), ([r, rows], spread, seed) => {
        const x = rowsOf(rows, r, spread, seed);
        const out = new Float32Array(rows);
        sum(x, { outer: rows, r, inner: 1 }, out);
        for (let o = 0; o < rows; o++) {
          const row = Array.from(x.subarray(o * r, (o + 1) * r));
          // The reference, a double sum left to right, is itself within γ⁽⁶⁴⁾_r·Σ|x| of the exact sum.
          const s = row.reduce((a, b) => a + b, 0), mag = row.reduce((a, b) => a + Math.abs(b), 0);
          const bound = U * Math.abs(s) + (gamma64(Math.ceil(r / 4) + 1) + gamma64(r)) * mag * (1 + U) + SUB;
          if (!(Math.abs(out[o] - s) <= bound)) throw new Error(`row ${o}: ${out[o]}, float64 ${s}, bound ${bound}`);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("a row sum holding NaN, +∞ and −∞, or ±∞ alone, gives NaN and ±∞ as the loop does; float64 and long rows decline", () => {
    const r = 8, x = new Float32Array(64 * r).fill(0.5);
    x[0] = NaN;
    x[r] = Infinity;
    x[r + 1] = -Infinity;
    x[2 * r] = Infinity;
    x[3 * r + 7] = -Infinity;
    const out = new Float32Array(64);
    expect(rowFoldF32(x, r, out, "row_sum")).toBe(true);
    expect(Array.from(out.subarray(0, 5))).toEqual([NaN, NaN, Infinity, -Infinity, 4]);
    expect(rowFoldF32(new Float64Array(512), 8, new Float64Array(64), "row_sum")).toBe(false);
    expect(rowFoldF32(new Float32Array(CHUNK), CHUNK, new Float32Array(1), "row_max")).toBe(false);
  });

  it("property: max and min along the last axis are the loop's bits (NaN, ±∞, and ±0 ties, whose rows the loop redoes)", () => {
    const valueArb = fc.constantFrom(0, -0, 1, -1, 2.5, -2.5, Infinity, -Infinity, NaN, 1e-40, -1e-40);
    fc.assert(
      fc.property(layoutArb.filter(([r, rows]) => r * rows <= 3000), fc.constantFrom<1 | -1>(1, -1), fc.nat(1000), ([r, rows], sign, seed) => {
        const x = rowsOf(rows, r, 3, seed);
        fc.sample(valueArb, { numRuns: x.length, seed }).forEach((v, i) => i % 3 === 0 && (x[i] = v));
        const blocks = { outer: rows, r, inner: 1 };
        const simd = new Float32Array(rows), loop = new Float32Array(rows);
        extreme(x, blocks, simd, sign);
        setElementwiseF32(false);
        extreme(x, blocks, loop, sign);
        setElementwiseF32(true);
        for (let o = 0; o < rows; o++) if (!Object.is(simd[o], loop[o])) throw new Error(`row ${o}: ${simd[o]} vs ${loop[o]}`);
      }),
      { numRuns: 60 },
    );
  });
});
