import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { Storage } from "../../../src/autograd/dtype.ts";
import { gemm } from "../../../src/autograd/kernels/gemm.ts";
import { macroKernel, setWasmKernels } from "../../../src/autograd/kernels/gemm-wasm.ts";

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;

function filled(type: Ctor, n: number, seed: number): Storage {
  const out = new type(n);
  for (let i = 0; i < n; i++) out[i] = Math.sin(seed * 7.1 + i * 1.3);
  return out;
}

afterEach(() => setWasmKernels(true));

describe("gemm's WebAssembly macro-kernel", () => {
  it("is available in Node 20 (WebAssembly SIMD), and absent when turned off", () => {
    expect(macroKernel(16, 16, 16)).not.toBeNull();
    setWasmKernels(false);
    expect(macroKernel(16, 16, 16)).toBeNull();
  });

  it("a 4×4 tile of packed panels is Σ_p A(i, p)·B(p, j), summed in order p = 0, 1, …", () => {
    const kc = 3;
    const w = macroKernel(4 * kc, 4 * kc, 16);
    if (w === null) throw new Error("no wasm");
    // Panel layouts: A(i, p) at p·4 + i, B(p, j) at p·4 + j.
    for (let p = 0; p < kc; p++) for (let l = 0; l < 4; l++) {
      w.a[p * 4 + l] = 1 + l + 10 * p;
      w.b[p * 4 + l] = 0.5 * l - p;
    }
    w.run(kc, 4, 4, 4);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let p = 0; p < kc; p++) s += (1 + i + 10 * p) * (0.5 * j - p);
      expect(w.c[i * 4 + j]).toBe(s);
    }
  });

  // float32 operands take gemm-f32.ts's kernel (float32 sums), whichever way this switch is; the float64 one is
  // what this module computes, and what must not change.
  it("property: gemm gives bit-identical results with the f64x2 WebAssembly and the JavaScript kernels (float64 C)", () => {
    const dims = fc.integer({ min: 1, max: 70 });
    fc.assert(
      fc.property(
        dims, dims, fc.oneof(dims, fc.integer({ min: 250, max: 300 })), fc.boolean(), fc.boolean(), fc.boolean(),
        fc.constantFrom<Ctor>(Float64Array), fc.nat(3),
        (m, n, k, transA, transB, accumulate, type, off) => {
          const a = filled(type, off + m * k, 1);
          const b = filled(type, off + k * n, 2);
          const run = (wasm: boolean) => {
            setWasmKernels(wasm);
            const c = filled(type, off + m * n, 3);
            gemm(transA, transB, m, n, k, a, off, b, off, c, off, accumulate);
            return Array.from(c);
          };
          expect(run(true)).toEqual(run(false));
        },
      ),
      { numRuns: 60 },
    );
  });
});
