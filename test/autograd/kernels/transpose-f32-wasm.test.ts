import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MC, MR, NR, macroKernelF32 } from "../../../src/autograd/kernels/gemm-f32-wasm.ts";

const kernel = () => {
  const w = macroKernelF32(64 * 256, 260 * 256, 256 * 260);
  if (w === null) throw new Error("the float32 SIMD kernels are missing in this runtime");
  return w;
};

/** The (row, column) pairs of a rows × cols block whose panel entry is not `expected(r, c)` bit for bit. */
function wrongPanels(block: Float32Array, width: number, rows: number, cols: number, expected: (r: number, c: number) => number): string[] {
  const wrong: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const q = Math.floor(c / width);
      if (!Object.is(block[q * rows * width + r * width + (c % width)], expected(r, c))) wrong.push(`(${r}, ${c})`);
    }
  }
  return wrong;
}

describe("float32 gemm's block copies in WebAssembly SIMD: panels of the kernel's width", () => {
  it(`property: transposePanels puts s[r·cols + c] at panel ⌊r/W⌋'s row c, lane r mod W, bit for bit (W = ${NR} for B, ${MR} for A; rows ≤ 256 or ≤ MC, cols ≤ 256, ragged edges)`, () => {
    const w = kernel();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 256 }), fc.nat(1000), fc.constantFrom<"a" | "b">("a", "b"), (rowsAny, cols, seed, to) => {
        const rows = to === "a" ? 1 + (rowsAny % MC) : rowsAny;
        const width = to === "a" ? MR : NR;
        const block = to === "a" ? w.a : w.b;
        for (let i = 0; i < rows * cols; i++) w.s[i] = Math.fround(Math.sin(seed + i * 0.37) * 1e3);
        block.fill(NaN);
        w.transposePanels(rows, cols, 0, to);
        // Panel q is [cols × W]: stored row r of s is lane r mod W of panel ⌊r/W⌋, its column c that panel's row c.
        const wrong: string[] = [];
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) {
            const at = Math.floor(r / width) * cols * width + c * width + (r % width);
            if (!Object.is(block[at], w.s[r * cols + c])) wrong.push(`(${r}, ${c})`);
          }
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it(`property: panels puts s[from + r·lds + c] at panel ⌊c/W⌋'s row r, lane c mod W, bit for bit (W = ${NR} for B, ${MR} for A)`, () => {
    const w = kernel();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 64 }), fc.nat(200), fc.constantFrom<"a" | "b">("a", "b"), (rows, cols, extra, to) => {
        const lds = cols + extra, from = extra % 7;
        const width = to === "a" ? MR : NR;
        const block = to === "a" ? w.a : w.b;
        if (rows * Math.ceil(cols / width) * width > block.length || from + rows * lds + width > w.s.length) return;
        for (let i = 0; i < from + rows * lds + width; i++) w.s[i] = i * 0.5 - 7;
        block.fill(NaN);
        w.panels(rows, cols, from, lds, to);
        expect(wrongPanels(block, width, rows, cols, (r, c) => w.s[from + r * lds + c])).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});
