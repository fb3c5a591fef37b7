import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MC, macroKernelF32 } from "../../../src/autograd/kernels/gemm-f32-wasm.ts";

describe("float32 transpose in WebAssembly SIMD (the gemm's copy of a transposed B, and of an untransposed A)", () => {
  it("property: to[c·ld + r] = s[r·cols + c] bit for bit into the B block (rows, cols ≤ 256) or the A block (rows ≤ MC), 4×4 blocks and their ragged edges, padding left alone", () => {
    const w = macroKernelF32(64 * 256, 260 * 256, 256 * 260);
    if (w === null) throw new Error("the float32 SIMD kernels are missing in this runtime");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 256 }), fc.nat(1000), fc.constantFrom<"a" | "b">("a", "b"), (rowsAny, cols, seed, to) => {
        // The A block is [kc × MC]: its rows are op(A)'s columns, at most MC of them, and it has no padding column.
        const rows = to === "a" ? 1 + (rowsAny % MC) : rowsAny;
        const ld = to === "a" ? MC : Math.ceil(rows / 8) * 8 + 4;
        const block = to === "a" ? w.a : w.b;
        for (let i = 0; i < rows * cols; i++) w.s[i] = Math.fround(Math.sin(seed + i * 0.37) * 1e3);
        block.fill(NaN);
        w.transpose(rows, cols, to, ld);
        const wrong: string[] = [];
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) if (!Object.is(block[c * ld + r], w.s[r * cols + c])) wrong.push(`(${r}, ${c})`);
        }
        expect(wrong).toEqual([]);
        // Nothing is written past the rows rounded up to 4 and the columns rounded up to 4.
        const lastRow = Math.ceil(cols / 4) * 4;
        if ((lastRow + 1) * ld <= block.length) expect(block.subarray(lastRow * ld, (lastRow + 1) * ld).every(Number.isNaN)).toBe(true);
        const pastRows = Math.ceil(rows / 4) * 4;
        if (pastRows < ld) for (let c = 0; c < cols; c++) expect(Number.isNaN(block[c * ld + pastRows])).toBe(true);
      }),
      { numRuns: 80 },
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
