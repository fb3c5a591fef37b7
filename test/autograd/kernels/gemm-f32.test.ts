import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { gemm } from "../../../src/autograd/kernels/gemm.ts";
import { MR, NR, macroKernelF32, setF32Kernels } from "../../../src/autograd/kernels/gemm-f32-wasm.ts";
import { gemmF32 } from "../../../src/autograd/kernels/gemm-f32.ts";

const U32 = 2 ** -24;

afterEach(() => setF32Kernels(true));

function uniform(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sin(seed * 12.9898 + i * 78.233) * 0.999;
  return out;
}

/**
 * Every element of the float32 result against a float64 reference of the same float32 inputs. A length-k dot
 * product summed in float32 (each product rounded, then k − 1 adds; plus C as one more term when accumulating) is
 * within γ_{k+1}·Σ|a||b| of the exact value, γₙ = n·u/(1 − n·u), u = 2⁻²⁴; the float64 reference adds at most
 * (k + 1)·2⁻⁵³·Σ|a||b|, covered by the slack of 1 + 2⁻²⁰ on γ.
 */
function expectWithinBound(transA: boolean, transB: boolean, m: number, n: number, k: number, accumulate: boolean, seed: number): void {
  const a = uniform(m * k, seed), b = uniform(k * n, seed + 1), c0 = uniform(m * n, seed + 2);
  const c = Float32Array.from(c0);
  gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, accumulate);
  const gamma = ((k + 1) * U32) / (1 - (k + 1) * U32);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let ref = accumulate ? c0[i * n + j] : 0;
      let mag = Math.abs(ref);
      for (let p = 0; p < k; p++) {
        const t = a[transA ? p * m + i : i * k + p] * b[transB ? j * k + p : p * n + j];
        ref += t;
        mag += Math.abs(t);
      }
      const err = Math.abs(c[i * n + j] - ref);
      if (!(err <= gamma * (1 + 2 ** -20) * mag)) {
        throw new Error(`m=${m} n=${n} k=${k} ${transA ? "Aᵀ" : "A"}${transB ? "Bᵀ" : "B"}: C[${i},${j}] = ${c[i * n + j]}, float64 ${ref}, |err| ${err} > γ·Σ|ab| = ${gamma * mag}`);
      }
    }
  }
}

describe("float32 gemm in f32x4 SIMD", () => {
  it("is available in Node 20, and absent when turned off (gemm then accumulates in float64)", () => {
    expect(macroKernelF32(64, 64, 64)).not.toBeNull();
    setF32Kernels(false);
    expect(macroKernelF32(64, 64, 64)).toBeNull();
    expect(gemmF32(false, false, 4, 4, 4, new Float32Array(16), 0, new Float32Array(16), 0, new Float32Array(16), 0, false)).toBe(false);
  });

  it(`property: each element of op(A)·op(B) (+ C) is within γ_{k+1}·Σ|a||b| (u = 2⁻²⁴) of float64, any transposes, across the ${MR}×${NR} tile and the 256 blocks`, () => {
    const dim = fc.oneof(fc.integer({ min: 4, max: 40 }), fc.integer({ min: 60, max: 70 }), fc.integer({ min: 250, max: 270 }));
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 80 }), dim, dim, fc.boolean(), fc.boolean(), fc.boolean(), fc.nat(1000),
        (m, n, k, transA, transB, accumulate, seed) => expectWithinBound(transA, transB, m, n, k, accumulate, seed)),
      { numRuns: 40 },
    );
  });

  it("n = 260 after an earlier call: a first block of 256 columns whose padded stride equals n, then a block of 4 (within γ_{k+1}·Σ|a||b|)", () => {
    for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      expectWithinBound(transA, transB, 64, 260, 250, false, 1);
      expectWithinBound(transA, transB, 4, 260, 250, true, 0);
    }
  });

  it("k-blocks of A (m = 270, transposed) or B (n = 300) too large for the staging region whole come in row by row (within γ_{k+1}·Σ|a||b|)", () => {
    for (const transB of [false, true]) {
      expectWithinBound(true, transB, 270, 12, 300, false, 3);
      expectWithinBound(true, transB, 270, 9, 40, true, 4);
      expectWithinBound(false, transB, 9, 300, 270, true, 5);
    }
  });

  it("a sum that cancels exactly comes out exact: (x + y) − y over integers below 2²⁴", () => {
    // Integers up to 2^24 are exact in float32, so the float32 sum equals the float64 one bit for bit.
    const m = 8, n = 8, k = 300;
    const a = Float32Array.from({ length: m * k }, (_, i) => (i % 7) - 3);
    const b = Float32Array.from({ length: k * n }, (_, i) => (i % 5) - 2);
    const c = new Float32Array(m * n);
    gemm(false, false, m, n, k, a, 0, b, 0, c, 0, false);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      expect(c[i * n + j]).toBe(s);
    }
  });
});
