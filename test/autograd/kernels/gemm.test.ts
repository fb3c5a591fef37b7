import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Storage } from "../../../src/autograd/dtype.ts";
import { gemm } from "../../../src/autograd/kernels/gemm.ts";
import { setF32Kernels } from "../../../src/autograd/kernels/gemm-f32-wasm.ts";

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;

interface Case {
  transA: boolean; transB: boolean; m: number; n: number; k: number; accumulate: boolean;
  aType: Ctor; bType: Ctor; cType: Ctor; aOff: number; bOff: number; cOff: number; seed: number;
}

const EPS = 2 ** -52;
const F32_ROUNDING = 2 ** -23;
const U32 = 2 ** -24;

/**
 * γₙ = n·u/(1 − n·u) with u = 2⁻²⁴: a float32 sum of n terms, each a float32 product, in any order, is within
 * γₙ·Σ|terms| of the exact sum (Higham, Accuracy and Stability, §3.1: every term meets at most n roundings).
 */
function gamma32(n: number): number {
  return (n * U32) / (1 - n * U32);
}

/** Deterministic values in [-1, 1) (mulberry32), so a failing case can be replayed from its seed. */
function filled(type: Ctor, length: number, seed: number): Storage {
  const out = new type(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * 2 - 1;
  }
  return out;
}

function describeCase(cs: Case): string {
  const name = (t: Ctor): string => (t === Float32Array ? "f32" : "f64");
  return `${cs.transA ? "Aᵀ" : "A"}·${cs.transB ? "Bᵀ" : "B"}${cs.accumulate ? " + C" : ""} m=${cs.m} n=${cs.n} k=${cs.k} ` +
    `a:${name(cs.aType)}@${cs.aOff} b:${name(cs.bType)}@${cs.bOff} c:${name(cs.cType)}@${cs.cOff} seed=${cs.seed}`;
}

/**
 * Runs gemm and compares every element with a naive float64 triple loop.
 * Tolerance: 4·(k+1)·2⁻⁵²·Σ|terms| (the float64 summation bound with slack,
 * terms being the k products plus C when accumulating), plus 2⁻²³·|reference|
 * when C is float32 and so rounded once more. When all three are float32 the
 * sum is a float32 one (gemm-f32.ts): γ_{k+1}·Σ|terms| instead of the 2⁻²³
 * term (it bounds the once-rounded float64 sum too). Elements of c outside
 * the output must be untouched.
 */
function check(cs: Case): void {
  const { transA, transB, m, n, k, accumulate, aOff, bOff, cOff } = cs;
  const a = filled(cs.aType, aOff + m * k, cs.seed);
  const b = filled(cs.bType, bOff + k * n, cs.seed + 1);
  const c = filled(cs.cType, cOff + m * n + 3, cs.seed + 2);
  const before = Float64Array.from(c);
  gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
  const rel = cs.cType === Float32Array ? F32_ROUNDING : 0;
  const allF32 = cs.aType === Float32Array && cs.bType === Float32Array && cs.cType === Float32Array;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const t = cOff + i * n + j;
      let ref = accumulate ? before[t] : 0;
      let mag = Math.abs(ref);
      for (let p = 0; p < k; p++) {
        const term = a[aOff + (transA ? p * m + i : i * k + p)] * b[bOff + (transB ? j * k + p : p * n + j)];
        ref += term;
        mag += Math.abs(term);
      }
      const bound = 4 * (k + 1) * EPS * mag + (allF32 ? gamma32(k + 1) * mag : rel * Math.abs(ref));
      const err = Math.abs(c[t] - ref);
      if (!(err <= bound)) {
        throw new Error(`${describeCase(cs)}: C[${i},${j}] = ${c[t]}, reference ${ref}, |err| ${err} > ${bound}`);
      }
    }
  }
  for (let t = 0; t < c.length; t++) {
    if (t >= cOff && t < cOff + m * n) continue;
    if (c[t] !== before[t]) throw new Error(`${describeCase(cs)}: c[${t}] outside the output was overwritten`);
  }
}

const VARIANTS = [
  { transA: false, transB: false, identity: "C = A·B" },
  { transA: true, transB: false, identity: "C = Aᵀ·B" },
  { transA: false, transB: true, identity: "C = A·Bᵀ" },
  { transA: true, transB: true, identity: "C = Aᵀ·Bᵀ" },
] as const;

const ctor = fc.constantFrom<Ctor>(Float32Array, Float64Array);

describe("gemm", () => {
  it("C[i,j] (+)= Σ_p op(A)[i,p]·op(B)[p,j] within 4(k+1)·2⁻⁵²·Σ|terms| (+2⁻²³ rel. for f32 C, γ_{k+1}·Σ|terms| all f32), random sizes 0..40, any transposes, dtypes, offsets", () => {
    const size = fc.nat({ max: 40 });
    const arb = fc.record({
      transA: fc.boolean(), transB: fc.boolean(), m: size, n: size, k: size, accumulate: fc.boolean(),
      aType: ctor, bType: ctor, cType: ctor,
      aOff: fc.nat({ max: 5 }), bOff: fc.nat({ max: 5 }), cOff: fc.nat({ max: 5 }), seed: fc.nat(),
    });
    fc.assert(fc.property(arb, (cs) => check(cs)), { numRuns: 400 });
  });

  describe.each(VARIANTS)("$identity", ({ transA, transB, identity }) => {
    // 63/64/65 straddle the row block and 257 the shared and column blocks;
    // the other two dimensions are odd so that edge tiles appear as well.
    const shapes: [number, number, number][] = [];
    for (const big of [63, 64, 65, 257]) shapes.push([big, 7, 9], [6, big, 9], [7, 5, big]);
    for (const type of [Float64Array, Float32Array]) {
      const dtype = type === Float64Array ? "f64" : "f32";
      it(`${identity} (+ C) equals the naive Σ_p within 4(k+1)·2⁻⁵²·Σ|terms| across block boundaries, ${dtype}`, () => {
        let seed = 1;
        for (const [m, n, k] of shapes) {
          for (const accumulate of [false, true]) {
            check({
              transA, transB, m, n, k, accumulate, aType: type, bType: type, cType: type,
              aOff: 3, bOff: 1, cOff: 2, seed: seed++,
            });
          }
        }
      });
    }
    it(`${identity} of float32 sums in float32 (1 + 2⁻³⁰ − 1 = 0), and in float64 rounded once without the SIMD kernel (= 2⁻³⁰)`, () => {
      // float32 accumulation loses the 2⁻³⁰ at the first add, as PyTorch's float32 does; the float64-accumulating
      // fallback keeps it across the k-block boundary at 256 and rounds only the final value.
      const m = 8, n = 8, k = 257; // 16k multiply-adds: large enough for the SIMD kernel
      const a = new Float32Array(m * k), b = new Float32Array(k * n), c = new Float32Array(m * n);
      const setA = (i: number, p: number, v: number): void => { a[transA ? p * m + i : i * k + p] = v; };
      const setB = (p: number, j: number, v: number): void => { b[transB ? j * k + p : p * n + j] = v; };
      setA(0, 0, 1); setB(0, 0, 1);
      setA(0, 1, 1); setB(1, 0, 2 ** -30);
      setA(0, 256, 1); setB(256, 0, -1);
      gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, false);
      expect(c[0]).toBe(0);
      setF32Kernels(false);
      try {
        gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, false);
      } finally {
        setF32Kernels(true);
      }
      expect(c[0]).toBe(2 ** -30);
    });
    it(`${identity} equals the naive Σ_p for 65×257 = [65×257]·[257×257], f64 and f32`, () => {
      for (const type of [Float64Array, Float32Array]) {
        check({
          transA, transB, m: 65, n: 257, k: 257, accumulate: true, aType: type, bType: type, cType: type,
          aOff: 1, bOff: 2, cOff: 3, seed: 99,
        });
      }
    });
  });

  it("k = 0 gives C = 0, or leaves C unchanged when accumulating (empty sum)", () => {
    const c = new Float64Array([1, 2, 3, 4, 5]);
    gemm(false, false, 2, 2, 0, new Float64Array(0), 0, new Float64Array(0), 0, c, 1, true);
    expect(Array.from(c)).toEqual([1, 2, 3, 4, 5]);
    gemm(false, false, 2, 2, 0, new Float64Array(0), 0, new Float64Array(0), 0, c, 1, false);
    expect(Array.from(c)).toEqual([1, 0, 0, 0, 0]);
  });

  it("1×1: C = a·b exactly for integers", () => {
    const c = new Float32Array(1);
    gemm(true, true, 1, 1, 1, new Float64Array([3]), 0, new Float32Array([-7]), 0, c, 0, false);
    expect(c[0]).toBe(-21);
  });
});
