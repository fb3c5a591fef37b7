import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { CHUNK, setElementwiseF32 } from "../../../src/autograd/kernels/elementwise-f32-wasm.ts";
import { SIMD_MIN } from "../../../src/autograd/kernels/elementwise-f32.ts";
import { adamF32, sgdMomentumF32 } from "../../../src/autograd/kernels/optim-f32.ts";
import { adamStep, normPart, scaleInPlace, sgdStep, type AdamStep, type SgdStep } from "../../../src/autograd/kernels/optim.ts";

afterEach(() => setElementwiseF32(true));

/** Float32 values of mixed magnitudes and signs, with zeros of both signs, from a seed. */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const f = Math.abs(Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453) % 1;
    out[i] = f < 0.03 ? 0 : f < 0.06 ? -0 : (f - 0.5) * 2 ** Math.floor(f * 12 - 8);
  }
  return out;
}

/** Runs `steps` updates on copies of the state, with SIMD on and then off; the states must agree bit for bit. */
function sameBits(state: readonly Float32Array[], update: (s: Float32Array[], step: number) => void, steps: number): void {
  const runs = [true, false].map((on) => {
    setElementwiseF32(on);
    const s = state.map((a) => Float32Array.from(a));
    for (let t = 0; t < steps; t++) update(s, t);
    return s;
  });
  setElementwiseF32(true);
  runs[0].forEach((a, k) => expect(a).toEqual(runs[1][k]));
}

const lengthArb = fc.oneof(fc.integer({ min: SIMD_MIN, max: SIMD_MIN + 9 }), fc.integer({ min: 500, max: 3000 }), fc.constant(CHUNK + 5));

describe("optimizer updates (optim.ts) and their float32 f64x2 kernels (optim-f32.ts, optim-f32-wasm.ts)", () => {
  it("property: SGD with momentum (first step, dampening, Nesterov, weight decay, maximize) in SIMD is the JavaScript loop bit for bit", () => {
    fc.assert(
      fc.property(lengthArb, fc.boolean(), fc.constantFrom(0, 0.1), fc.constantFrom(0, 1e-2), fc.boolean(), fc.nat(100), (n, nesterov, dampening, weightDecay, maximize, seed) => {
        const o = (t: number): SgdStep => ({
          lr: 0.05, momentum: 0.9, dampening: nesterov ? 0 : dampening, nesterov, weightDecay, sign: maximize ? -1 : 1, first: t === 0,
        });
        sameBits([values(n, seed), values(n, seed + 1), new Float32Array(n)], ([x, g, b], t) => sgdStep(x, g, b, o(t)), 3);
      }),
      { numRuns: 15 },
    );
  });

  it("property: Adam and AdamW (L2 or decoupled decay, amsgrad, maximize) in SIMD are the JavaScript loop bit for bit", () => {
    fc.assert(
      fc.property(lengthArb, fc.constantFrom("none", "l2", "decoupled"), fc.boolean(), fc.boolean(), fc.nat(100), (n, decay, amsgrad, maximize, seed) => {
        const lr = 1e-3, wd = 1e-2, beta1 = 0.9, beta2 = 0.999;
        const o = (t: number): AdamStep => ({
          beta1, beta2, eps: 1e-8, stepSize: lr / (1 - beta1 ** (t + 1)), bc2Sqrt: Math.sqrt(1 - beta2 ** (t + 1)),
          l2: decay === "l2" ? wd : 0, shrink: decay === "decoupled" ? 1 - lr * wd : 1, sign: maximize ? -1 : 1,
        });
        const z = () => new Float32Array(n);
        sameBits([values(n, seed), values(n, seed + 1), z(), z(), z()], ([x, g, m, v, w], t) => adamStep(x, g, m, v, amsgrad ? w : null, o(t)), 3);
      }),
      { numRuns: 15 },
    );
  });

  it("the SIMD forms decline float64 and short arrays (the loop runs), and run for float32 from SIMD_MIN elements", () => {
    const o: SgdStep = { lr: 0.1, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0, sign: 1, first: true };
    const f64 = new Float64Array(SIMD_MIN);
    expect(sgdMomentumF32(f64, f64, f64, o)).toBe(false);
    const short = new Float32Array(SIMD_MIN - 1);
    expect(sgdMomentumF32(short, short, short, o)).toBe(false);
    const a = new Float32Array(SIMD_MIN);
    expect(sgdMomentumF32(a, a.slice(), a.slice(), o)).toBe(true);
    const adam: AdamStep = { beta1: 0.9, beta2: 0.999, eps: 1e-8, stepSize: 1e-3, bc2Sqrt: 1, l2: 0, shrink: 1, sign: 1 };
    expect(adamF32(a, a.slice(), a.slice(), a.slice(), null, adam)).toBe(true);
    expect(adamF32(a, a.slice(), a.slice(), new Float64Array(SIMD_MIN), null, adam)).toBe(false);
  });

  it("SGD's loop on float64: x − lr·(μ·b + g) after a first step b = g (the values by hand)", () => {
    const x = Float64Array.from([1, 2]), g = Float64Array.from([0.5, -1]), b = new Float64Array(2);
    const o: SgdStep = { lr: 0.1, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0, sign: 1, first: true };
    sgdStep(x, g, b, o);
    expect(Array.from(x)).toEqual([1 - 0.1 * 0.5, 2 + 0.1 * 1]);
    sgdStep(x, g, b, { ...o, first: false });
    expect(Array.from(b)).toEqual([0.5 * 0.9 + 0.5, -1 * 0.9 - 1]);
    expect(Array.from(x)).toEqual([1 - 0.1 * 0.5 + -0.1 * (0.5 * 0.9 + 0.5), 2 + 0.1 * 1 + -0.1 * (-1 * 0.9 - 1)]);
  });
});

describe("clipGradNorm's kernels", () => {
  it("normPart: Σ x² in doubles and max |x| (NaN propagates), for float64 and float32", () => {
    const x = new Float64Array([3, -4, 0.5]);
    expect(normPart(x, "squares")).toBe(9 + 16 + 0.25);
    expect(normPart(x, "maxAbs")).toBe(4);
    const big = Math.fround(1e20); // its square overflows float32, not the double sum
    expect(normPart(Float32Array.from([big, big]), "squares")).toBe(2 * big * big);
    expect(normPart(new Float64Array([1, NaN, 2]), "maxAbs")).toBeNaN();
    expect(normPart(new Float64Array(0), "squares")).toBe(0);
  });

  it("scaleInPlace: x ← c·x, each product rounded once to x's type", () => {
    const x = Float32Array.from([0.1, -3, 7]);
    const expected = Array.from(x, (v) => Math.fround(v * 0.3));
    scaleInPlace(x, 0.3);
    expect(Array.from(x)).toEqual(expected);
  });
});
