import { afterEach, describe, expect, it } from "vitest";
import { TANH_SERIES } from "../../../src/autograd/kernels/activation-f32-wasm.ts";
import { setElementwiseF32 } from "../../../src/autograd/kernels/elementwise-f32-wasm.ts";
import { mapF32 } from "../../../src/autograd/kernels/elementwise-f32.ts";
import { sigmoidBackward, tanhBackward } from "../../../src/autograd/kernels/pointwise.ts";
import { EXP_B, SUB, U, sigmoidBoundU, tanhBoundU } from "./f32-bounds.ts";

afterEach(() => setElementwiseF32(true));

const LANES = 65536;
const bits = new Uint32Array(LANES);
const xs = new Float32Array(bits.buffer);
const sigmoid64 = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Runs the kernel on xs and checks |got − f(x)| ≤ bound(x)·u·|f(x)| + 2·SUB at every lane. */
function check(name: "tanh" | "sigmoid", f: (x: number) => number, boundU: (x: number) => number): void {
  const out = new Float32Array(LANES);
  expect(mapF32(name, out, xs)).toBe(true);
  for (let i = 0; i < LANES; i++) {
    const x = xs[i], y = f(x), got = out[i];
    if (Number.isNaN(x)) {
      if (!Number.isNaN(got)) throw new Error(`${name}(NaN) gave ${got}`);
      continue;
    }
    if (!(Math.abs(got - y) <= boundU(x) * U * Math.abs(y) + 2 * SUB)) {
      throw new Error(`${name}(${x}) = ${got}, float64 ${y}: ${(Math.abs(got - y) / Math.abs(y) / U).toFixed(2)} u > ${boundU(x).toFixed(2)}`);
    }
  }
}

/** Float32 inputs: all 2³² bit patterns spaced 4099 apart (in 16 runs), then dense grids around ±½ and 0. */
function sweep(run: () => void): void {
  for (let r = 0; r < 16; r++) {
    for (let i = 0; i < LANES; i++) bits[i] = (r * LANES + i) * 4099;
    run();
  }
  for (const at of [(i: number) => TANH_SERIES + (i - LANES / 2) * 2 ** -20, (i: number) => -TANH_SERIES + (i - LANES / 2) * 2 ** -20, (i: number) => (i - LANES / 2) * 2 ** -14]) {
    for (let i = 0; i < LANES; i++) xs[i] = at(i);
    run();
  }
}

describe("tanh and sigmoid on four float32 lanes, their gates in f64x2 (activation-f32-wasm.ts)", () => {
  it(`tanh within its derived bound: ≤ ${tanhBoundU(0.4999).toFixed(2)} u below |x| = ½ (series), ≤ ${tanhBoundU(0.5).toFixed(2)} u at ½, falling to 3 u (f32-bounds.ts)`, () => {
    expect(tanhBoundU(0.4999)).toBeLessThan(1.5);
    expect(tanhBoundU(0.5)).toBeLessThan(0.86 * EXP_B + 3);
    sweep(() => check("tanh", Math.tanh, tanhBoundU));
  });

  it(`sigmoid within its derived bound: ≤ (B/2 + 2)·u for x ≥ 0, ≤ (1.5·B + 2)·u below, B = ${EXP_B.toFixed(3)} (f32-bounds.ts)`, () => {
    expect(sigmoidBoundU(-1)).toBeLessThan(1.5 * EXP_B + 2.01);
    sweep(() => check("sigmoid", sigmoid64, sigmoidBoundU));
  });

  it("specials: tanh(±0) = ±0, tanh(±∞) = ±1, σ(−0) = ½, σ(+∞) = 1, σ(−∞) = +0, NaN stays NaN", () => {
    const special = [0, -0, Infinity, -Infinity, NaN];
    const x = new Float32Array(256).fill(1);
    x.set(special);
    const t = new Float32Array(256), s = new Float32Array(256);
    expect(mapF32("tanh", t, x) && mapF32("sigmoid", s, x)).toBe(true);
    expect(Array.from(t.subarray(0, 5))).toEqual([0, -0, 1, -1, NaN]);
    expect(Object.is(t[1], -0)).toBe(true);
    expect(Array.from(s.subarray(0, 5))).toEqual([0.5, 0.5, 1, 0, NaN]);
  });

  it("tanhBackward g·(1 − y²) and sigmoidBackward g·s·(1 − s) are the JavaScript loop's bits (doubles, one rounding)", () => {
    for (let r = 0; r < 4; r++) {
      const n = 1000 + r;
      const g = new Float32Array(n), y = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        g[i] = Math.sin(i * 1.7 + r) * 2 ** ((i % 40) - 20);
        y[i] = Math.cos(i * 0.37 + r) * (i % 97 === 0 ? 3 : 1);
      }
      g[0] = Infinity;
      y[1] = NaN;
      for (const f of [tanhBackward, sigmoidBackward]) {
        const simd = new Float32Array(n), loop = new Float32Array(n);
        f(g, y, simd);
        setElementwiseF32(false);
        f(g, y, loop);
        setElementwiseF32(true);
        expect(simd).toEqual(loop);
      }
    }
  });
});
