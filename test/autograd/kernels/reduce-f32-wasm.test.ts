import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { setElementwiseF32 } from "../../../src/autograd/kernels/elementwise-f32-wasm.ts";
import { columnFoldF32, SIMD_MIN } from "../../../src/autograd/kernels/elementwise-f32.ts";
import { extreme, sum } from "../../../src/autograd/kernels/reduce.ts";

afterEach(() => setElementwiseF32(true));

/** Values drawn from a few, so that ties (+0 against −0 included) are common, with NaN and ±∞ now and then. */
const valueArb = fc.constantFrom(0, -0, 1, -1, 2.5, -2.5, Infinity, -Infinity, NaN, 1e-40, -1e-40);
const layoutArb = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 2, max: 300 }))
  .filter(([, r, inner]) => r * inner >= SIMD_MIN)
  .chain(([outer, r, inner]) => fc.tuple(fc.constant({ outer, r, inner }), fc.array(valueArb, { minLength: outer * r * inner, maxLength: outer * r * inner })));

/** The kernel's result with the SIMD column folds, then with the JavaScript loop. */
function bothWays(run: (out: Float32Array) => void, n: number): [Float32Array, Float32Array] {
  const simd = new Float32Array(n), loop = new Float32Array(n);
  run(simd);
  setElementwiseF32(false);
  run(loop);
  setElementwiseF32(true);
  return [simd, loop];
}

describe("column folds of float32 blocks in f32x4 SIMD (reduce-f32-wasm.ts)", () => {
  it("property: max and min over all but the last axis are the loop's bits: the first of tied ±0 kept, NaN kept once met, ±∞", () => {
    fc.assert(
      fc.property(layoutArb, fc.constantFrom<1 | -1>(1, -1), ([blocks, values], sign) => {
        const x = Float32Array.from(values);
        const [simd, loop] = bothWays((out) => extreme(x, blocks, out, sign), blocks.outer * blocks.inner);
        for (let i = 0; i < simd.length; i++) if (!Object.is(simd[i], loop[i])) throw new Error(`${i}: ${simd[i]} vs ${loop[i]}`);
      }),
      { numRuns: 100 },
    );
  });

  it("property: the sum over all but the last axis is the loop's bits (float32 adds in row order)", () => {
    fc.assert(
      fc.property(layoutArb, ([blocks, values]) => {
        const x = Float32Array.from(values, (v) => (Number.isFinite(v) ? v : 3));
        const [simd, loop] = bothWays((out) => sum(x, blocks, out), blocks.outer * blocks.inner);
        for (let i = 0; i < simd.length; i++) if (!Object.is(simd[i], loop[i])) throw new Error(`${i}: ${simd[i]} vs ${loop[i]}`);
      }),
      { numRuns: 50 },
    );
  });

  it("a block cut into chunks of rows carries each column's fold from one chunk to the next", () => {
    const rows = 3000, cols = 7;
    const x = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i) * (i % 1000));
    const out = new Float32Array(cols);
    expect(columnFoldF32("colmax", x, 0, rows, cols, out, 0)).toBe(true);
    for (let j = 0; j < cols; j++) {
      let m = -Infinity;
      for (let r = 0; r < rows; r++) m = Math.max(m, x[r * cols + j]);
      expect(out[j]).toBe(m);
    }
  });
});
