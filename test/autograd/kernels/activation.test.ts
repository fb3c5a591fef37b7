import { afterEach, describe, expect, it } from "vitest";
import { exp, sigmoid, sigmoidOf, tanh } from "../../../src/autograd/kernels/activation.ts";
import { setElementwiseF32 } from "../../../src/autograd/kernels/elementwise-f32-wasm.ts";
import { SIMD_MIN } from "../../../src/autograd/kernels/elementwise-f32.ts";
import { EXP_B, SUB, U, sigmoidBoundU, tanhBoundU } from "./f32-bounds.ts";

afterEach(() => setElementwiseF32(true));

const KERNELS = [
  ["exp", exp, Math.exp, () => EXP_B],
  ["tanh", tanh, Math.tanh, tanhBoundU],
  ["sigmoid", sigmoid, sigmoidOf, sigmoidBoundU],
] as const;

const inputs = (n: number): number[] => Array.from({ length: n }, (_, i) => Math.sin(i * 0.917) * 12 + (i % 7) * 1e-3);

describe("exp, tanh and sigmoid over a storage (activation.ts)", () => {
  it("float64, short float32 and float32 with SIMD off: the double result rounded once (the loop)", () => {
    for (const [, kernel, f] of KERNELS) {
      for (const [x, out] of [
        [Float64Array.from(inputs(SIMD_MIN * 2)), new Float64Array(SIMD_MIN * 2)],
        [Float32Array.from(inputs(SIMD_MIN - 1)), new Float32Array(SIMD_MIN - 1)],
      ] as const) {
        kernel(x, out);
        expect(Array.from(out)).toEqual(Array.from(x, (v) => (out instanceof Float32Array ? Math.fround(f(v)) : f(v))));
      }
      setElementwiseF32(false);
      const x = Float32Array.from(inputs(SIMD_MIN)), out = new Float32Array(SIMD_MIN);
      kernel(x, out);
      expect(Array.from(out)).toEqual(Array.from(x, (v) => Math.fround(f(v))));
      setElementwiseF32(true);
    }
  });

  it("float32 from SIMD_MIN elements: within each kernel's derived bound of the double result (f32-bounds.ts), in place too", () => {
    for (const [name, kernel, f, bound] of KERNELS) {
      const x = Float32Array.from(inputs(SIMD_MIN + 3)), before = Float32Array.from(x);
      kernel(x, x);
      x.forEach((got, i) => {
        const y = f(before[i]);
        if (!(Math.abs(got - y) <= bound(before[i]) * U * Math.abs(y) + 2 * SUB)) {
          throw new Error(`${name} at ${i}: ${got}, float64 ${y}`);
        }
      });
    }
  });
});
