import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { macroKernelF32 } from "../../../src/autograd/kernels/gemm-f32-wasm.ts";

describe("float32 transpose in WebAssembly SIMD (the gemm's copy of a transposed B)", () => {
  it("property: b[c·ldb + r] = s[r·cols + c] bit for bit, for any rows, cols ≤ 256 (4×4 blocks and their ragged edges), padding left alone", () => {
    const w = macroKernelF32(64 * 256, 260 * 256, 256 * 260);
    if (w === null) throw new Error("the float32 SIMD kernels are missing in this runtime");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 256 }), fc.nat(1000), (rows, cols, seed) => {
        const ldb = Math.ceil(rows / 8) * 8 + 4;
        for (let i = 0; i < rows * cols; i++) w.s[i] = Math.fround(Math.sin(seed + i * 0.37) * 1e3);
        w.b.fill(NaN);
        w.transpose(rows, cols, ldb);
        const wrong: string[] = [];
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) if (!Object.is(w.b[c * ldb + r], w.s[r * cols + c])) wrong.push(`(${r}, ${c})`);
        }
        expect(wrong).toEqual([]);
        // Nothing is written past the rows rounded up to 4 and the columns rounded up to 4.
        const lastRow = Math.ceil(cols / 4) * 4;
        expect(w.b.subarray(lastRow * ldb, (lastRow + 1) * ldb).every(Number.isNaN)).toBe(true);
        for (let c = 0; c < cols; c++) expect(Number.isNaN(w.b[c * ldb + Math.ceil(rows / 4) * 4])).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("property: repitch copies rows × cols at stride lds from the staging region to the A or B block at stride ld, bit for bit", () => {
    const w = macroKernelF32(64 * 256, 260 * 256, 256 * 260);
    if (w === null) throw new Error("the float32 SIMD kernels are missing in this runtime");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 250 }), fc.integer({ min: 1, max: 60 }), fc.nat(200), fc.constantFrom<"a" | "b">("a", "b"), (rows, cols, extra, to) => {
        const lds = cols + extra, from = extra % 7, ld = Math.ceil(cols / 4) * 4 + (to === "a" ? 0 : 4);
        const block = to === "a" ? w.a : w.b;
        if (rows * ld > block.length || from + rows * lds + 4 > w.s.length) return;
        for (let i = 0; i < from + rows * lds; i++) w.s[i] = i * 0.5 - 7;
        block.fill(NaN);
        w.repitch(rows, cols, from, lds, to, ld);
        const wrong: string[] = [];
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) if (block[r * ld + c] !== w.s[from + r * lds + c]) wrong.push(`(${r}, ${c})`);
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
