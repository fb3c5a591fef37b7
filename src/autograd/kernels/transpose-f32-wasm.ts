/**
 * Block copies inside the float32 gemm's module, in WebAssembly SIMD: a change of row stride (repitch) and a
 * transpose. The transpose serves the gemm's copy of a transposed operand (op(B) = Bᵀ, as linear's x·Wᵀ reads W):
 * the rows are copied into the module with native row copies, then transposed there 4×4 blocks at
 * a time, four vector loads, eight shuffles and four vector stores per 16 floats, where a JavaScript loop pays one
 * strided store per float. Measured on a 256×256 block (destination stride 260): 6–15 µs, against 60–110 µs for
 * the JavaScript loop; with a stride of 256 both took 70–110 µs (see gemm-f32.ts's PAD).
 */
import { f32x4Shuffle, forLoop, get, i32, i32Add, i32Const, i32Mul, set, v128, v128Load, v128Store, type FunctionDef } from "./wasm-asm.ts";

// Parameters (addresses in bytes, counts in floats), then locals.
const ROWS = 0, COLS = 1, SRC = 2, DST = 3, LDD = 4;
const R = 5, C0 = 6, P = 7, Q = 8, CS = 9, LD4 = 10, V = 11, T = 15;

/** [first, second] lane picks that, applied twice, turn four rows into four columns. */
const LOW: [number, number, number, number] = [0, 4, 1, 5];
const HIGH: [number, number, number, number] = [2, 6, 3, 7];
const FRONT: [number, number, number, number] = [0, 1, 4, 5];
const BACK: [number, number, number, number] = [2, 3, 6, 7];

/**
 * `transpose(rows, cols, src, dst, ldd)`: dst[c·ldd + r] = src[r·cols + c] for r < rows, c < cols, in blocks of
 * 4×4: with rows or cols not a multiple of 4, the last block reads past the rows into whatever follows (its
 * lanes land in dst's rows ≥ cols and columns ≥ rows, which the caller's layout leaves as padding).
 */
export function transposeF32(): FunctionDef {
  const block: number[] = [
    ...get(SRC), ...get(R), ...get(COLS), ...i32Mul, ...get(C0), ...i32Add, ...i32Const(4), ...i32Mul, ...i32Add, ...set(P),
    ...get(DST), ...get(C0), ...get(LDD), ...i32Mul, ...get(R), ...i32Add, ...i32Const(4), ...i32Mul, ...i32Add, ...set(Q),
  ];
  for (let i = 0; i < 4; i++) {
    block.push(...get(P), ...v128Load(0), ...set(V + i));
    if (i < 3) block.push(...get(P), ...get(CS), ...i32Add, ...set(P));
  }
  const pairs: [number, number, [number, number, number, number], number][] = [
    [V, V + 1, LOW, T], [V, V + 1, HIGH, T + 1], [V + 2, V + 3, LOW, T + 2], [V + 2, V + 3, HIGH, T + 3],
  ];
  for (const [a, b, lanes, out] of pairs) block.push(...get(a), ...get(b), ...f32x4Shuffle(lanes), ...set(out));
  const columns: [number, number, [number, number, number, number]][] = [[T, T + 2, FRONT], [T, T + 2, BACK], [T + 1, T + 3, FRONT], [T + 1, T + 3, BACK]];
  columns.forEach(([a, b, lanes], j) => {
    block.push(...get(Q), ...get(a), ...get(b), ...f32x4Shuffle(lanes), ...v128Store(0));
    if (j < 3) block.push(...get(Q), ...get(LD4), ...i32Add, ...set(Q));
  });
  return {
    name: "transpose",
    params: [i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, i32, i32, i32, v128, v128, v128, v128, v128, v128, v128, v128],
    body: [
      ...get(COLS), ...i32Const(4), ...i32Mul, ...set(CS),
      ...get(LDD), ...i32Const(4), ...i32Mul, ...set(LD4),
      ...forLoop(R, ROWS, 4, forLoop(C0, COLS, 4, block)),
    ],
  };
}

/**
 * `repitch(rows, cols, src, lds, dst, ldd)`: dst[r·ldd + c] = src[r·lds + c] for r < rows, c < cols, a vector of 4
 * floats at a time (so up to 3 floats past each row's end are copied too, into dst's padding). It gives a block
 * copied in with one native copy the padded row stride the kernel wants, where one JavaScript copy per row cost
 * about 100 ns each.
 */
export function repitchF32(): FunctionDef {
  // Parameters (addresses in bytes, counts and strides in floats), then locals.
  const NROWS = 0, NCOLS = 1, FROM = 2, LDS = 3, TO = 4, LDT = 5, RR = 6, CB = 7, SP = 8, DP = 9, END = 10;
  const rowStart = (base: number, ld: number): number[] => [...get(base), ...get(RR), ...get(ld), ...i32Mul, ...i32Const(4), ...i32Mul, ...i32Add];
  const copy = [...get(DP), ...get(CB), ...i32Add, ...get(SP), ...get(CB), ...i32Add, ...v128Load(0), ...v128Store(0)];
  const row = [...rowStart(FROM, LDS), ...set(SP), ...rowStart(TO, LDT), ...set(DP), ...forLoop(CB, END, 16, copy)];
  return {
    name: "repitch",
    params: [i32, i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, i32, i32],
    body: [...get(NCOLS), ...i32Const(4), ...i32Mul, ...set(END), ...forLoop(RR, NROWS, 1, row)],
  };
}
